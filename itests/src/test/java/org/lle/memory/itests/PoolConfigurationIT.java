package org.lle.memory.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.lle.memory.pool.LeakDetection;
import org.lle.memory.pool.MemoryPoolSystem;
import org.lle.memory.pool.MemoryState;
import org.lle.memory.pool.PoolBlock;
import org.lle.memory.pool.PoolSelection;
import org.lle.memory.pool.PoolType;
import org.lle.memory.pool.TypeConfig;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/** The pool service under Config Admin and Metatype: described, and reconfigured in place. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PoolConfigurationIT {
    private static final String PID = "org.lle.memory.pool";

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        return options(LleRuntime.harness(), LleRuntime.serviceRuntime(), LleRuntime.api(), LleRuntime.internal(),
                LleRuntime.pool());
    }

    @Test
    public void metatypeDescribesThePoolConfiguration() {
        Bundle pool = Osgi.bundle(context, "org.lle.memory.pool");
        MetaTypeInformation info = Osgi.await(context, MetaTypeService.class, null).getMetaTypeInformation(pool);
        assertTrue("PIDs with metatype: " + Arrays.toString(info.getPids()), Arrays.asList(info.getPids()).contains(PID));
        ObjectClassDefinition ocd = info.getObjectClassDefinition(PID, null);
        assertNotNull(ocd);
        Set<String> ids = Arrays.stream(ocd.getAttributeDefinitions(ObjectClassDefinition.ALL))
                .map(AttributeDefinition::getID).collect(Collectors.toSet());
        assertTrue("attributes " + ids, ids.containsAll(List.of("sizeClasses", "typeBudgets", "totalBudgetBytes",
                "emergencyReserveBytes", "defaultStrategy", "selection", "leakDetection", "threadCacheSize")));
        AttributeDefinition selection = Arrays.stream(ocd.getAttributeDefinitions(ObjectClassDefinition.ALL))
                .filter(a -> a.getID().equals("selection")).findFirst().orElseThrow();
        assertEquals(Set.of("ROUND_ROBIN", "LEAST_USED", "BEST_FIT", "FIRST_FIT"),
                Set.of(selection.getOptionValues()));
    }

    @Test
    public void aConfigurationChangeReachesTheRunningServiceAndLiveBlocksStayValid() throws Exception {
        ServiceReference<MemoryPoolSystem> ref = awaitPoolReference();
        MemoryPoolSystem pools = context.getService(ref);
        assertEquals(MemoryState.ACTIVE, pools.state());
        assertEquals(TypeConfig.DEFAULT_SIZE_CLASSES, pools.config().type(PoolType.BUFFER).sizeClasses());

        PoolBlock live = pools.allocate(PoolType.BUFFER, 100);
        assertEquals(128, live.capacity());
        byte[] pattern = new byte[100];
        Arrays.fill(pattern, (byte) 0x5A);
        live.write(0, pattern, 0, pattern.length);

        Dictionary<String, Object> props = new Hashtable<>();
        props.put("sizeClasses", new String[] {"BUFFER=100,1000,10000"});
        props.put("selection", "ROUND_ROBIN");
        props.put("leakDetection", "PARANOID");
        Providers.configAdmin(context).getConfiguration(PID, "?").update(props);
        try {
            Osgi.waitUntil("the pool service sees the new size classes",
                    () -> List.of(100, 1000, 10000).equals(pools.config().type(PoolType.BUFFER).sizeClasses()));
            assertEquals(PoolSelection.ROUND_ROBIN, pools.config().selection());
            assertEquals(LeakDetection.PARANOID, pools.config().leakDetection());
            // applied in place: the same registration, the untouched types keep their classes
            assertEquals(ref.getProperty("service.id"), awaitPoolReference().getProperty("service.id"));
            assertEquals(TypeConfig.DEFAULT_SIZE_CLASSES, pools.config().type(PoolType.EVENT).sizeClasses());

            byte[] back = new byte[100];
            live.read(0, back, 0, back.length);
            assertArrayEquals("the live block survived the change", pattern, back);
            assertEquals(128, live.capacity());

            try (PoolBlock fresh = pools.allocate(PoolType.BUFFER, 100)) {
                assertEquals("new blocks come from the new classes", 100, fresh.capacity());
            }
            IllegalArgumentException tooBig = assertThrows(IllegalArgumentException.class,
                    () -> pools.allocate(PoolType.BUFFER, 16_384));
            assertTrue(tooBig.getMessage(), tooBig.getMessage().contains("10000"));
            long freesBefore = pools.stats(PoolType.BUFFER).frees();
            live.close();
            assertEquals(freesBefore + 1, pools.stats(PoolType.BUFFER).frees());
        } finally {
            Providers.configAdmin(context).getConfiguration(PID, "?").delete();
        }
        Osgi.waitUntil("the defaults are back",
                () -> TypeConfig.DEFAULT_SIZE_CLASSES.equals(pools.config().type(PoolType.BUFFER).sizeClasses()));
    }

    private ServiceReference<MemoryPoolSystem> awaitPoolReference() {
        Osgi.await(context, MemoryPoolSystem.class, null);
        return context.getServiceReference(MemoryPoolSystem.class);
    }
}
