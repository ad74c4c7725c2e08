package org.lle.memory.monitoring.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Beans registered together and unregistered together. Registration is all or nothing: when one name is
 * taken, the ones already registered by this call are unregistered again before the error is thrown.
 */
public final class MBeanGroup implements AutoCloseable {
    private final MBeanServer server;
    private final Set<ObjectName> names;
    private boolean closed;

    private MBeanGroup(MBeanServer server, Set<ObjectName> names) {
        this.server = server;
        this.names = Collections.unmodifiableSet(names);
    }

    /**
     * @throws IllegalStateException when a name is registered already, naming it (nothing stays registered)
     */
    public static MBeanGroup register(MBeanServer server, Map<ObjectName, Object> beans) {
        List<ObjectName> done = new ArrayList<>();
        try {
            for (Map.Entry<ObjectName, Object> bean : beans.entrySet()) {
                server.registerMBean(bean.getValue(), bean.getKey());
                done.add(bean.getKey());
            }
        } catch (InstanceAlreadyExistsException taken) {
            unregister(server, done);
            throw new IllegalStateException(taken.getMessage() + " is registered already on the MBean server; "
                    + "close the registration that owns it first (or stop the lle-memory-monitoring bundle)", taken);
        } catch (JMException | RuntimeException e) {
            unregister(server, done);
            throw new IllegalStateException("cannot register " + beans.keySet() + ": " + e, e);
        }
        return new MBeanGroup(server, new LinkedHashSet<>(done));
    }

    public Set<ObjectName> names() {
        return names;
    }

    /** Unregisters every name; one someone else unregistered already is skipped. Idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            unregister(server, names);
        }
    }

    private static void unregister(MBeanServer server, Iterable<ObjectName> names) {
        for (ObjectName name : names) {
            try {
                server.unregisterMBean(name);
            } catch (InstanceNotFoundException gone) {
                // unregistered by someone else: nothing left to do for this name
            } catch (JMException e) {
                System.getLogger(MBeanGroup.class.getName()).log(System.Logger.Level.WARNING,
                        "cannot unregister " + name, e);
            }
        }
    }
}
