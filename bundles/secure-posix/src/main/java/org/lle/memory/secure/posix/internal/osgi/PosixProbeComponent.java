package org.lle.memory.secure.posix.internal.osgi;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Dictionary;
import java.util.Hashtable;
import org.lle.memory.secure.SecureCapability;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureMemoryProperties;
import org.lle.memory.secure.posix.internal.PlatformProbe;
import org.lle.memory.secure.posix.internal.PosixSettings;
import org.lle.memory.secure.posix.internal.ProbeResult;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.ComponentFactory;
import org.osgi.service.component.ComponentInstance;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Runs the start-time probe and, only when it passes and nothing disables the provider (configuration
 * {@code disabled}, or the framework property {@value SecureMemoryProperties#POSIX_DISABLED}), creates the
 * {@link SecureMemory} service from the factory component with the probed service properties. A
 * configuration change re-activates this component: the old service is disposed (every buffer wiped and
 * released) and a new one registered.
 */
@Component(name = "org.lle.memory.secure.posix.probe", configurationPid = PosixProbeComponent.PID,
        immediate = true, service = {})
@Designate(ocd = PosixConfiguration.class)
public final class PosixProbeComponent {
    static final String PID = "org.lle.memory.secure.posix";
    private static final Logger LOG = System.getLogger(PosixProbeComponent.class.getName());

    @Reference(target = "(" + ComponentConstantsHolder.FACTORY_FILTER + ")")
    private ComponentFactory<SecureMemory> factory;

    private ComponentInstance<SecureMemory> instance;

    @Activate
    void activate(PosixConfiguration config, BundleContext context) {
        if (config.disabled() || Boolean.parseBoolean(context.getProperty(SecureMemoryProperties.POSIX_DISABLED))) {
            LOG.log(Level.INFO, "POSIX secure memory disabled by configuration or by the framework property "
                    + SecureMemoryProperties.POSIX_DISABLED);
            return;
        }
        ProbeResult probe = PlatformProbe.get();
        if (!probe.usable()) {
            LOG.log(Level.INFO, "POSIX secure memory not registered: " + probe.refusal());
            return;
        }
        PosixSettings settings = new PosixSettings(config.strict(), config.memfdSecret(), config.chunkSize(), false);
        instance = factory.newInstance(serviceProperties(probe, settings));
    }

    @Deactivate
    void deactivate() {
        if (instance != null) {
            instance.dispose();
            instance = null;
        }
    }

    static Dictionary<String, Object> serviceProperties(ProbeResult probe, PosixSettings settings) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_RANKING, SecureMemoryProperties.RANKING_POSIX);
        props.put(SecureMemoryProperties.PROVIDER, "posix");
        props.put(SecureMemoryProperties.DEGRADED, !probe.degradationReason().isEmpty());
        props.put(SecureMemoryProperties.CAPABILITIES,
                probe.capabilities(settings).stream().map(SecureCapability::name).toArray(String[]::new));
        props.put(PosixSettings.STRICT, settings.strict());
        props.put(PosixSettings.MEMFD_SECRET, settings.memfdSecret());
        props.put(PosixSettings.CHUNK_SIZE, settings.chunkSize());
        return props;
    }

    /** Keeps the filter a compile-time constant for the annotation. */
    static final class ComponentConstantsHolder {
        static final String FACTORY_FILTER = "component.factory=" + PosixSecureMemoryComponent.FACTORY;

        private ComponentConstantsHolder() {
        }
    }
}
