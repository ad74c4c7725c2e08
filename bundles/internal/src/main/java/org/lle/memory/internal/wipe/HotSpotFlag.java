package org.lle.memory.internal.wipe;

import java.lang.management.ManagementFactory;
import java.lang.management.PlatformManagedObject;

/** Reads a HotSpot flag where the JVM has one; any other JVM (or one without java.management) says off. */
final class HotSpotFlag {
    private HotSpotFlag() {
    }

    /** @return whether the boolean VM flag {@code name} is on; false when it cannot be read */
    static boolean isOn(String name) {
        try {
            // by reflection: com.sun.management is not a package every OSGi framework exports
            @SuppressWarnings("unchecked")
            Class<? extends PlatformManagedObject> type = (Class<? extends PlatformManagedObject>) Class.forName(
                    "com.sun.management.HotSpotDiagnosticMXBean", false, ClassLoader.getSystemClassLoader());
            Object bean = ManagementFactory.getPlatformMXBean(type);
            Object option = type.getMethod("getVMOption", String.class).invoke(bean, name);
            return "true".equals(option.getClass().getMethod("getValue").invoke(option));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError unreadable) {
            return false;
        }
    }
}
