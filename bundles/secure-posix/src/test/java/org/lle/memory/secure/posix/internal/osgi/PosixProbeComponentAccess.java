package org.lle.memory.secure.posix.internal.osgi;

import java.util.Dictionary;
import org.lle.memory.secure.posix.internal.PosixSettings;
import org.lle.memory.secure.posix.internal.ProbeResult;

/** Lets tests of the provider package read the service properties the probe component registers with. */
public final class PosixProbeComponentAccess {
    private PosixProbeComponentAccess() {
    }

    public static Dictionary<String, Object> serviceProperties(ProbeResult probe, PosixSettings settings) {
        return PosixProbeComponent.serviceProperties(probe, settings);
    }
}
