package org.lle.memory.monitoring;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import jdk.jfr.Configuration;

/**
 * The JDK Flight Recorder events of lle-memory. Every one is off unless a recording enables it (by name, with
 * {@link #configuration()}, or with the {@value #SETTINGS_RESOURCE} settings file), so a JVM without such a
 * recording pays one enabled-check per occurrence. Each is emitted by the bundle where it happens: the pool
 * bundle, the POSIX provider, the broker; the state change by this bundle's listener while the pool system is
 * monitored (registered through {@link LleMBeans#register} or by the OSGi component).
 */
public final class LleEvents {
    /** A pool system's state changed: {@code from}, {@code to}. */
    public static final String MEMORY_STATE_CHANGE = "org.lle.memory.MemoryStateChange";

    /** A pool allocation was refused (budget or exhaustion): {@code poolType}, {@code size}, {@code strategy}, {@code reason}. */
    public static final String BUDGET_REFUSAL = "org.lle.memory.BudgetRefusal";

    /** An allocation was served by the emergency reserve: {@code poolType}, {@code size}, reserve use. */
    public static final String EMERGENCY_ALLOCATION = "org.lle.memory.EmergencyAllocation";

    /** The broker moved its buffers to another provider (a duration event): providers and buffer counts. */
    public static final String PROVIDER_SWAP = "org.lle.memory.ProviderSwap";

    /** The POSIX provider could not lock memory: bytes, errno, whether strict mode refused the allocation. */
    public static final String LOCK_FAILURE = "org.lle.memory.LockFailure";

    /** A secure-memory provider became degraded: {@code provider}, {@code reason}. */
    public static final String DEGRADATION = "org.lle.memory.Degradation";

    /** Every lle-memory event name. */
    public static final List<String> ALL = List.of(MEMORY_STATE_CHANGE, BUDGET_REFUSAL, EMERGENCY_ALLOCATION,
            PROVIDER_SWAP, LOCK_FAILURE, DEGRADATION);

    /** The settings file (in this bundle) that enables every event; combine it with the JDK's {@code default}. */
    public static final String SETTINGS_RESOURCE = "org/lle/memory/monitoring/lle-memory.jfc";

    private LleEvents() {
    }

    /** @return the settings of {@value #SETTINGS_RESOURCE}: every lle-memory event on, nothing else */
    public static Configuration configuration() {
        try (InputStream in = LleEvents.class.getClassLoader().getResourceAsStream(SETTINGS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SETTINGS_RESOURCE + " is missing from the lle-memory-monitoring jar");
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return Configuration.create(reader);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SETTINGS_RESOURCE, e);
        } catch (ParseException e) {
            throw new IllegalStateException(SETTINGS_RESOURCE + " is not a valid JFR settings file", e);
        }
    }
}
