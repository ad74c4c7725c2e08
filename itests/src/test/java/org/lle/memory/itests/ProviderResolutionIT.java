package org.lle.memory.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.namespace.NativeNamespace;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.resource.Namespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRequirement;

/**
 * Each provider in a framework holding only the API, JNA and the DS runtime (no pool, no broker): it must
 * resolve and start there, wire its packages to nothing else, and keep its implementation private.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ProviderResolutionIT {
    private static final List<String> PROVIDERS = List.of(Providers.NOOP_BUNDLE, Providers.POSIX_BUNDLE);

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        return options(LleRuntime.harness(), LleRuntime.serviceRuntime(), LleRuntime.jna(), LleRuntime.api(),
                LleRuntime.internal(), LleRuntime.noop(), LleRuntime.posix());
    }

    @Test
    public void eachProviderResolvesWithApiAndJnaOnly() {
        // the JDK and OSGi core (system bundle), the API, the shared internal bundle, JNA, and the DS API (the
        // POSIX provider creates its service through a ComponentFactory); never the pool, the broker or the
        // other provider
        Set<String> allowed = Set.of(context.getBundle(0).getSymbolicName(), "org.lle.memory.api",
                "org.lle.memory.internal", "com.sun.jna", "org.osgi.service.component");
        for (String name : PROVIDERS) {
            Bundle provider = Osgi.bundle(context, name);
            assertEquals(name + " state", Bundle.ACTIVE, provider.getState());
            Set<String> others = new TreeSet<>(Osgi.packageProviders(provider));
            others.removeAll(allowed);
            assertTrue(name + " is wired to more than API + JNA + JDK: " + others, others.isEmpty());
        }
    }

    @Test
    public void posixDeclaresTheNativePlatformItNeedsAndTheFrameworkSatisfiesIt() throws InvalidSyntaxException {
        Bundle posix = Providers.posix(context);
        List<BundleRequirement> natives = posix.adapt(BundleRevision.class).getDeclaredRequirements(NativeNamespace.NATIVE_NAMESPACE);
        assertEquals("osgi.native requirements of " + natives, 1, natives.size());
        Filter filter = FrameworkUtil.createFilter(
                natives.get(0).getDirectives().get(Namespace.REQUIREMENT_FILTER_DIRECTIVE));
        // control: the same requirement refuses another platform, so it really restricts where POSIX resolves
        assertFalse(filter + " accepts Windows", filter.matches(Map.of(NativeNamespace.CAPABILITY_OSNAME_ATTRIBUTE,
                List.of("windows10", "win32"), NativeNamespace.CAPABILITY_PROCESSOR_ATTRIBUTE, List.of("x86-64"))));
        // resolved: the system bundle's osgi.native capability (Felix derives it from os.name) matched it
        List<BundleWire> wires = posix.adapt(BundleWiring.class).getRequiredWires(NativeNamespace.NATIVE_NAMESPACE);
        assertEquals(1, wires.size());
        assertEquals(0, wires.get(0).getProvider().getBundle().getBundleId());
        // and the no-op, which must work everywhere, declares no platform at all
        assertEquals(List.of(), Osgi.bundle(context, Providers.NOOP_BUNDLE).adapt(BundleRevision.class)
                .getDeclaredRequirements(NativeNamespace.NATIVE_NAMESPACE));
    }

    /** Only the shared internal bundle exports *.internal* packages, and each of them marked x-internal. */
    @Test
    public void noLleBundleExportsAnInternalPackageExceptTheInternalBundleMarkedXInternal() {
        int checked = 0;
        int markedInternal = 0;
        for (Bundle b : context.getBundles()) {
            if (b.getSymbolicName().startsWith("org.lle.memory.")) {
                checked++;
                for (BundleCapability export : b.adapt(BundleRevision.class)
                        .getDeclaredCapabilities(BundleRevision.PACKAGE_NAMESPACE)) {
                    String pkg = String.valueOf(export.getAttributes().get(BundleRevision.PACKAGE_NAMESPACE));
                    boolean internalBundle = b.getSymbolicName().equals("org.lle.memory.internal");
                    assertEquals(b.getSymbolicName() + " exports " + pkg, internalBundle, pkg.contains(".internal"));
                    if (internalBundle) {
                        assertEquals(pkg + " x-internal", "true", export.getDirectives().get("x-internal"));
                        markedInternal++;
                    }
                }
            }
        }
        assertEquals("lle bundles checked (API, internal, providers)", 2 + PROVIDERS.size(), checked);
        assertEquals("packages of the internal bundle (wipe, padding, proc, jfr, access, wait)", 6,
                markedInternal);
    }
}
