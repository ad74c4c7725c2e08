package org.lle.memory.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.util.List;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.lle.memory.example.SecretStore;
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

/**
 * The framework property {@code lle.secure.posix.disabled=true} (as a host sets it on a machine where the
 * POSIX provider must not be used): the POSIX bundle runs but offers nothing, so hosts get the no-op.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PosixDisabledByFrameworkPropertyIT {

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        return options(frameworkProperty(SecureMemoryProperties.POSIX_DISABLED).value("true"),
                LleRuntime.fullRuntime());
    }

    @Test
    public void noopIsBoundAndTheDegradedFilterFindsNothing() {
        SecureMemory best = Osgi.await(context, SecureMemory.class, null);
        assertEquals(Bundle.ACTIVE, Providers.posix(context).getState());
        assertEquals(List.of("noop"), Providers.registered(context, null));
        assertEquals(List.of(), Providers.registered(context, Providers.NOT_DEGRADED));
        SecureMemoryInfo info = best.info();
        assertEquals("noop", info.provider());
        assertTrue(info.degraded());
        assertFalse("the no-op explains why it is degraded", info.degradationReason().isEmpty());
    }

    @Test
    public void strictHostStaysUnsatisfiedWhileTheBrokeredOneRunsDegraded() {
        SecretStore brokered = Osgi.await(context, SecretStore.class, "(" + SecretStore.VARIANT + "=brokered)");
        assertEquals("noop", brokered.provider());
        brokered.put("token", "s3cret".toCharArray());
        assertFalse("no-op memory is not locked", brokered.isLocked("token"));
        assertTrue(brokered.matches("token", "s3cret".toCharArray()));
        assertTrue(brokered.remove("token"));
        assertEquals(List.of(), Osgi.references(context, SecretStore.class, "(" + SecretStore.VARIANT + "=strict)"));
    }
}
