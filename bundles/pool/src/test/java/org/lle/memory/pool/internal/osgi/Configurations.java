package org.lle.memory.pool.internal.osgi;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Builds a {@link PoolSystemConfiguration} the way SCR does: given attributes, else the annotation defaults. */
final class Configurations {
    private Configurations() {
    }

    /** A typed view whose accessor for {@code attribute} throws, as Felix SCR's does for an unparsable number. */
    static PoolSystemConfiguration unreadable(String attribute) {
        return (PoolSystemConfiguration) Proxy.newProxyInstance(PoolSystemConfiguration.class.getClassLoader(),
                new Class<?>[] {PoolSystemConfiguration.class}, (proxy, method, args) -> {
                    if (method.getName().equals(attribute)) {
                        throw new IllegalStateException("ComponentException: java.lang.NumberFormatException");
                    }
                    return method.getDeclaringClass() == Object.class ? null : method.getDefaultValue();
                });
    }

    static PoolSystemConfiguration of(Map<String, Object> attributes) {
        return (PoolSystemConfiguration) Proxy.newProxyInstance(PoolSystemConfiguration.class.getClassLoader(),
                new Class<?>[] {PoolSystemConfiguration.class}, (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return PoolSystemConfiguration.class;
                    }
                    if (method.getDeclaringClass() == Object.class) {
                        return method.getName().equals("hashCode") ? System.identityHashCode(proxy)
                                : method.getName().equals("equals") ? proxy == args[0] : "configuration";
                    }
                    Object value = attributes.get(method.getName());
                    return value != null ? value : method.getDefaultValue();
                });
    }
}
