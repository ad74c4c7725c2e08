package org.lle.memory.secure.posix.internal.osgi;

import java.util.Dictionary;
import java.util.Map;
import org.lle.memory.secure.posix.internal.PosixSecureMemory;

/** Lets tests of the provider package read the service properties and run the configuration check. */
public final class PosixProbeComponentAccess {
    private PosixProbeComponentAccess() {
    }

    public static Dictionary<String, Object> serviceProperties(PosixSecureMemory memory) {
        return PosixProbeComponent.serviceProperties(memory);
    }
}
