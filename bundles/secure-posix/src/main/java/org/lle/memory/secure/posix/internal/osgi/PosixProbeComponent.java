package org.lle.memory.secure.posix.internal.osgi;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.lle.memory.secure.SecureCapability;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureMemoryProperties;
import org.lle.memory.secure.posix.internal.PlatformProbe;
import org.lle.memory.secure.posix.internal.PosixSecureMemory;
import org.lle.memory.secure.posix.internal.PosixSettings;
import org.lle.memory.secure.posix.internal.ProbeResult;
import org.lle.memory.secure.posix.internal.nativ.LibC;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Runs the start-time probe and, only when it passes and nothing disables the provider (configuration
 * {@code disabled}, or the framework property {@value SecureMemoryProperties#POSIX_DISABLED}), registers a
 * {@link PosixSecureMemory} as the {@link SecureMemory} service itself, through the bundle context.
 *
 * <p>Why not a DS factory component: its service properties are fixed when the instance is created, and they
 * must follow the provider while it runs (a memfd_secret fallback drops MEMFD_SECRET and sets degraded). The
 * update is {@link ServiceRegistration#setModifiedProperties}: consumers see a modified service, nothing is
 * unregistered and no buffer moves. It runs on a thread of its own, never on the allocating thread, which may
 * hold locks a consumer reacting to the update needs.
 *
 * <p>Configuration (checked by {@link ConfigurationCheck}, since Config Admin enforces no metatype range): an
 * invalid configuration at activation is logged and the defaults are used; an invalid update is logged and
 * the running provider is left exactly as it is. A valid update that changes nothing is ignored; one that
 * changes a setting replaces the provider (the old one wipes and closes its buffers when it is unregistered).
 */
@Component(name = "org.lle.memory.secure.posix.probe", configurationPid = PosixProbeComponent.PID,
        immediate = true, service = {})
@Designate(ocd = PosixConfiguration.class)
public final class PosixProbeComponent {
    static final String PID = "org.lle.memory.secure.posix";
    private static final Logger LOG = System.getLogger(PosixProbeComponent.class.getName());
    private static final long PROPERTY_UPDATES_STOP_SECONDS = 10;

    private final Object registrationLock = new Object();
    private final BundleContext context;
    private final ExecutorService propertyUpdates;
    private PosixSettings settings;
    /** Guarded by {@link #registrationLock}; both null while no service is registered. */
    private PosixSecureMemory memory;
    private ServiceRegistration<SecureMemory> registration;

    /** @param properties the stored properties behind {@code configuration}, checked as stored */
    @Activate
    public PosixProbeComponent(BundleContext context, PosixConfiguration configuration,
            Map<String, Object> properties) {
        this.context = context;
        ConfigurationCheck.Outcome outcome = ConfigurationCheck.check(configuration, properties);
        if (outcome.valid()) {
            settings = outcome.settings();
        } else {
            settings = PosixSettings.defaults();
            refuse(outcome, "the provider starts with its defaults " + settings);
        }
        propertyUpdates = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "lle-posix-service-properties");
            thread.setDaemon(true);
            return thread;
        });
        synchronized (this) { // the monitor modified and deactivate hold when they read what start writes
            start();
        }
    }

    @Modified
    synchronized void modified(PosixConfiguration configuration, Map<String, Object> properties) {
        ConfigurationCheck.Outcome outcome = ConfigurationCheck.check(configuration, properties);
        if (!outcome.valid()) {
            refuse(outcome, "the running provider keeps its settings " + settings);
            return;
        }
        if (outcome.settings().equals(settings)) {
            LOG.log(Level.INFO, "POSIX secure memory configuration unchanged (" + settings
                    + "): the running provider is left as it is");
            return;
        }
        LOG.log(Level.INFO, "POSIX secure memory reconfigured from " + settings + " to " + outcome.settings()
                + ": replacing the provider");
        stop();
        settings = outcome.settings();
        start();
    }

    /**
     * Closes the provider, then releases the JNA binding of libc: JNA holds the binding strongly, and with it
     * this bundle's class loader, so an update and refresh would otherwise leave the old revision loaded.
     */
    @Deactivate
    synchronized void deactivate() {
        stop();
        propertyUpdates.shutdown();
        awaitPropertyUpdates();
        LibC.unbind();
    }

    private void awaitPropertyUpdates() {
        try {
            if (!propertyUpdates.awaitTermination(PROPERTY_UPDATES_STOP_SECONDS, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "the POSIX service property updates did not stop within "
                        + PROPERTY_UPDATES_STOP_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void start() {
        if (settings.disabled() || Boolean.parseBoolean(context.getProperty(SecureMemoryProperties.POSIX_DISABLED))) {
            LOG.log(Level.INFO, "POSIX secure memory disabled by configuration or by the framework property "
                    + SecureMemoryProperties.POSIX_DISABLED);
            return;
        }
        ProbeResult probe = PlatformProbe.get();
        if (!probe.usable()) {
            LOG.log(Level.INFO, "POSIX secure memory not registered: " + probe.refusal());
            return;
        }
        LibC.bind(); // again after a deactivation of this same revision (a bundle stop and start)
        PosixSecureMemory created = new PosixSecureMemory(settings);
        synchronized (registrationLock) {
            memory = created;
            registration = context.registerService(SecureMemory.class, created, serviceProperties(created));
        }
        created.onProtectionChange(() -> publishLater(created));
    }

    /** Unregisters the service first (consumers move their buffers away), then closes the provider. */
    private void stop() {
        PosixSecureMemory stopped;
        ServiceRegistration<SecureMemory> unregister;
        synchronized (registrationLock) {
            stopped = memory;
            unregister = registration;
            memory = null;
            registration = null;
        }
        if (unregister != null) {
            try {
                unregister.unregister();
            } catch (IllegalStateException alreadyUnregistered) {
                // the bundle is stopping and the framework got there first
            }
        }
        if (stopped != null) {
            stopped.close();
        }
    }

    private void publishLater(PosixSecureMemory source) {
        try {
            propertyUpdates.execute(() -> publish(source));
        } catch (RejectedExecutionException deactivated) {
            // the component is going away: the registration goes with it
        }
    }

    private void publish(PosixSecureMemory source) {
        synchronized (registrationLock) {
            if (memory == source && registration != null) {
                Dictionary<String, Object> properties = serviceProperties(source);
                registration.setProperties(properties);
                LOG.log(Level.INFO, "POSIX secure memory service properties updated: degraded="
                        + properties.get(SecureMemoryProperties.DEGRADED) + ", capabilities "
                        + String.join(",", (String[]) properties.get(SecureMemoryProperties.CAPABILITIES)));
            }
        }
    }

    private static void refuse(ConfigurationCheck.Outcome outcome, String consequence) {
        for (String problem : outcome.problems()) {
            LOG.log(Level.WARNING, "POSIX secure memory configuration " + PID + " refused: " + problem + "; "
                    + consequence);
        }
    }

    /** The properties the service is registered with, and updated to when the provider's protection changes. */
    static Dictionary<String, Object> serviceProperties(PosixSecureMemory memory) {
        PosixSettings settings = memory.settings();
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_RANKING, SecureMemoryProperties.RANKING_POSIX);
        props.put(SecureMemoryProperties.PROVIDER, PosixSecureMemory.NAME);
        // degraded follows what the platform and the settings allow, not a single chunk the lock limit refused:
        // the broker re-ranks on it, and moving every secret away from POSIX over one unlocked chunk would
        // expose more than it protects (strict=true refuses unlocked memory instead)
        props.put(SecureMemoryProperties.DEGRADED, !memory.protectionShortfall().isEmpty());
        // what info() claims now: a capability only while every live chunk has it
        props.put(SecureMemoryProperties.CAPABILITIES,
                memory.info().capabilities().stream().map(SecureCapability::name).toArray(String[]::new));
        props.put(PosixSettings.STRICT, settings.strict());
        props.put(PosixSettings.MEMFD_SECRET, settings.memfdSecret());
        props.put(PosixSettings.CHUNK_SIZE, settings.chunkSize());
        return props;
    }
}
