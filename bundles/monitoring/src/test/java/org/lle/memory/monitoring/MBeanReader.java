package org.lle.memory.monitoring;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** Reads every attribute a bean declares, by name, from the platform MBean server (arrays as lists). */
final class MBeanReader {
    static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

    private MBeanReader() {
    }

    static Map<String, Object> readAll(ObjectName name) throws JMException {
        Map<String, Object> values = new LinkedHashMap<>();
        for (MBeanAttributeInfo attribute : SERVER.getMBeanInfo(name).getAttributes()) {
            values.put(attribute.getName(), plain(SERVER.getAttribute(name, attribute.getName())));
        }
        return values;
    }

    static Object read(ObjectName name, String attribute) throws JMException {
        return plain(SERVER.getAttribute(name, attribute));
    }

    /** @return every registered name under the lle-memory domain */
    static Set<ObjectName> lleNames() throws JMException {
        return new TreeSet<>(SERVER.queryNames(new ObjectName(LleMBeans.DOMAIN + ":*"), null));
    }

    private static Object plain(Object value) {
        if (value instanceof int[]) {
            List<Integer> list = new ArrayList<>();
            Arrays.stream((int[]) value).forEach(list::add);
            return list;
        }
        if (value instanceof Object[]) {
            return Arrays.asList((Object[]) value);
        }
        return value;
    }
}
