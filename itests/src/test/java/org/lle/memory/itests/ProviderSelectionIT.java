package org.lle.memory.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.util.Arrays;
import java.util.List;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.lle.memory.example.SecretStore;
import org.lle.memory.secure.SecureCapability;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureMemoryInfo;
import org.lle.memory.secure.SecureMemoryProperties;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Both providers installed on a machine where POSIX works: a plain reference binds POSIX, the degraded filter
 * finds only POSIX, and taking POSIX away (stopping it, or disabling it by configuration) leaves the no-op.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ProviderSelectionIT {
    private static final String STRICT = "(" + SecretStore.VARIANT + "=strict)";
    private static final String BROKERED = "(" + SecretStore.VARIANT + "=brokered)";

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        return options(LleRuntime.fullRuntime());
    }

    @Test
    public void bothProvidersRegisterAndPosixRanksHighest() {
        Osgi.await(context, SecureMemory.class, "(" + SecureMemoryProperties.PROVIDER + "=posix)");
        assertEquals(List.of("posix", "noop"), Providers.registered(context, null));
        assertEquals("posix", Providers.best(context));

        ServiceReference<SecureMemory> best = context.getServiceReference(SecureMemory.class);
        Providers.assertProviderProperty(best, "service.ranking", SecureMemoryProperties.RANKING_POSIX);
        Providers.assertProviderProperty(best, SecureMemoryProperties.DEGRADED, Boolean.FALSE);
        SecureMemoryInfo info = context.getService(best).info();
        context.ungetService(best);
        assertEquals("posix", info.provider());
        assertFalse("posix degraded here: " + info.degradationReason(), info.degraded());

        // the capabilities property lists what the probe found, consistent with info()
        String[] advertised = (String[]) best.getProperty(SecureMemoryProperties.CAPABILITIES);
        String[] probed = info.capabilities().stream().map(SecureCapability::name).sorted().toArray(String[]::new);
        String[] sortedAdvertised = advertised.clone();
        Arrays.sort(sortedAdvertised);
        assertArrayEquals(probed, sortedAdvertised);
        assertTrue("MLOCK works on this machine", info.has(SecureCapability.MLOCK));

        ServiceReference<SecureMemory> noop = Osgi.references(context, SecureMemory.class,
                "(" + SecureMemoryProperties.PROVIDER + "=noop)").get(0);
        Providers.assertProviderProperty(noop, "service.ranking", SecureMemoryProperties.RANKING_NOOP);
        Providers.assertProviderProperty(noop, SecureMemoryProperties.DEGRADED, Boolean.TRUE);
    }

    @Test
    public void degradedFilterFindsPosixOnly() {
        Providers.awaitBest(context, "posix");
        assertEquals(List.of("posix"), Providers.registered(context, Providers.NOT_DEGRADED));
    }

    @Test
    public void exampleHostBindsPosixInBothVariants() {
        Providers.awaitBest(context, "posix");
        assertEquals("posix", Osgi.await(context, SecretStore.class, STRICT).provider());
        SecretStore brokered = Osgi.await(context, SecretStore.class, BROKERED);
        assertEquals("posix", brokered.provider());
        brokered.put("pin", "1234".toCharArray());
        assertTrue(brokered.isLocked("pin"));
        assertTrue(brokered.matches("pin", "1234".toCharArray()));
        assertFalse(brokered.matches("pin", "1235".toCharArray()));
        assertTrue(brokered.remove("pin"));
    }

    @Test
    public void stoppingPosixLeavesNoopAndEmptiesTheStrictFilter() throws Exception {
        Bundle posix = Providers.posix(context);
        Providers.awaitBest(context, "posix");
        posix.stop();
        try {
            Providers.awaitBest(context, "noop");
            assertEquals(List.of("noop"), Providers.registered(context, null));
            assertEquals(List.of(), Providers.registered(context, Providers.NOT_DEGRADED));
            Osgi.waitUntil("the strict example store is gone",
                    () -> Osgi.references(context, SecretStore.class, STRICT).isEmpty());
            assertEquals("noop", Osgi.await(context, SecretStore.class, BROKERED).provider());
        } finally {
            posix.start();
        }
        Providers.awaitBest(context, "posix");
        assertEquals("posix", Osgi.await(context, SecretStore.class, STRICT).provider());
    }

    @Test
    public void configurationDisablesPosixAndDeletingItBringsItBack() throws Exception {
        Providers.awaitBest(context, "posix");
        Providers.configurePosixDisabled(context, true);
        try {
            Providers.awaitBest(context, "noop");
            assertEquals("the bundle stays active, only the service goes", Bundle.ACTIVE,
                    Providers.posix(context).getState());
            assertEquals(List.of("noop"), Providers.registered(context, null));
            assertEquals(List.of(), Providers.registered(context, Providers.NOT_DEGRADED));
        } finally {
            Providers.deletePosixConfiguration(context);
        }
        Providers.awaitBest(context, "posix");
        assertEquals(List.of("posix"), Providers.registered(context, Providers.NOT_DEGRADED));
    }
}
