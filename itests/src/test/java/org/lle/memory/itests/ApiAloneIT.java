package org.lle.memory.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.util.Set;
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

/** The API bundle in a framework with nothing else of ours: no SCR, no JNA, no implementation. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ApiAloneIT {

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        return options(LleRuntime.harness(), LleRuntime.api());
    }

    @Test
    public void apiResolvesAndStartsAlone() {
        Bundle api = Osgi.bundle(context, "org.lle.memory.api");
        assertEquals("API bundle state", Bundle.ACTIVE, api.getState());
        // its imports are its own packages (substitutable exports) and the JDK: nothing else
        Set<String> providers = Osgi.packageProviders(api);
        providers.remove("org.lle.memory.api");
        providers.remove(context.getBundle(0).getSymbolicName());
        assertTrue("API wired to other bundles: " + providers, providers.isEmpty());
    }

    @Test
    public void apiExportsExactlyTheSixContractPackages() {
        Bundle api = Osgi.bundle(context, "org.lle.memory.api");
        assertEquals(Set.of("org.lle.memory.pool", "org.lle.memory.pool.spi", "org.lle.memory.secure",
                "org.lle.memory.secure.spi", "org.lle.memory.secure.line", "org.lle.memory.secure.line.spi"),
                Osgi.exportedPackages(api));
    }
}
