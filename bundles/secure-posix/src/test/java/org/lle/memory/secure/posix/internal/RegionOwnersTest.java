package org.lle.memory.secure.posix.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The region table of a stripe: its counts against a HashMap under random enables and disables through several
 * buffers (backward-shift deletion and growth move every parallel array), and which buffers it reports at
 * shutdown when some of them were dropped.
 */
class RegionOwnersTest {

    @Test
    void countsLikeAHashMap() {
        Random random = new Random(11);
        RegionOwners owners = new RegionOwners();
        Map<List<Long>, Integer> reference = new HashMap<>();
        ByteBuffer[] buffers = {
            ByteBuffer.allocateDirect(1), ByteBuffer.allocateDirect(1), ByteBuffer.allocateDirect(1)};
        for (int i = 0; i < 200_000; i++) {
            long address = random.nextInt(2000) + (random.nextBoolean() ? 0x7f0000000L : 0);
            long length = 1 + random.nextInt(3);
            List<Long> key = List.of(address, length);
            if (random.nextInt(3) == 0) {
                owners.add(address, length, buffers[random.nextInt(buffers.length)]);
                reference.merge(key, 1, Integer::sum);
            } else {
                boolean enabled = reference.containsKey(key);
                assertThat(owners.remove(address, length)).isEqualTo(enabled);
                reference.computeIfPresent(key, (k, count) -> count == 1 ? null : count - 1);
            }
            long probe = random.nextInt(2000);
            long probeLength = 1 + random.nextInt(3);
            assertThat(owners.enables(probe, probeLength))
                    .isEqualTo(reference.getOrDefault(List.of(probe, probeLength), 0));
        }
        Map<List<Long>, Integer> seen = new HashMap<>();
        owners.forEach((address, length, count) -> seen.put(List.of(address, length), count));
        assertThat(seen).isEqualTo(reference);
        List<ByteBuffer> reachable = new ArrayList<>();
        int[] regions = {0};
        owners.forEachOwnership(reachable, (address, length, everyOwnerReachable) -> {
            assertThat(everyOwnerReachable).isTrue();
            regions[0]++;
        });
        assertThat(regions[0]).isEqualTo(reference.size());
        // one entry for the first buffer of each region, one per enable through any other
        int enables = reference.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(reachable.size()).isBetween(reference.size(), enables);
        assertThat(reachable).isSubsetOf(buffers);
        owners.clear();
        owners.forEach((address, length, count) -> {
            throw new AssertionError("entry left after clear: " + address);
        });
    }

    @Test
    void aRegionWithAnEnableThroughADroppedBufferIsReportedUntilThatEnableIsUndone() throws Exception {
        RegionOwners owners = new RegionOwners();
        ByteBuffer kept = ByteBuffer.allocateDirect(1);
        owners.add(4096, 64, kept);
        WeakReference<ByteBuffer> dropped = addThroughABufferThatIsDropped(owners, 4096, 64);
        owners.add(4096, 64, kept);
        awaitCleared(dropped);
        assertThat(ownership(owners)).as("control: the dropped buffer's enable is seen").isFalse();

        assertThat(owners.remove(4096, 64)).isTrue(); // a disable forgets the enable whose buffer is gone first

        assertThat(ownership(owners)).isTrue();
        assertThat(owners.enables(4096, 64)).isEqualTo(2);
    }

    @Test
    void theFirstBuffersEnablesGoingLeavesTheOthersCounted() throws Exception {
        RegionOwners owners = new RegionOwners();
        WeakReference<ByteBuffer> dropped = addThroughABufferThatIsDropped(owners, 8192, 32);
        ByteBuffer second = ByteBuffer.allocateDirect(1);
        owners.add(8192, 32, second);
        owners.add(8192, 32, second);
        awaitCleared(dropped);

        assertThat(owners.remove(8192, 32)).isTrue(); // the first buffer's, gone: the second's two stay

        List<ByteBuffer> reachable = new ArrayList<>();
        boolean[] everyOwnerReachable = {false};
        owners.forEachOwnership(reachable, (address, length, all) -> everyOwnerReachable[0] = all);
        assertThat(everyOwnerReachable[0]).isTrue();
        assertThat(reachable).containsExactly(second, second);
        assertThat(owners.remove(8192, 32)).isTrue();
        assertThat(owners.remove(8192, 32)).isTrue();
        assertThat(owners.remove(8192, 32)).as("nothing left to disable").isFalse();
        assertThat(owners.enables(8192, 32)).isZero();
    }

    private static boolean ownership(RegionOwners owners) {
        boolean[] result = {true};
        owners.forEachOwnership(new ArrayList<>(), (address, length, all) -> result[0] &= all);
        return result[0];
    }

    private static WeakReference<ByteBuffer> addThroughABufferThatIsDropped(RegionOwners owners, long address,
            long length) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(1);
        owners.add(address, length, buffer);
        return new WeakReference<>(buffer);
    }

    private static void awaitCleared(WeakReference<?> reference) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (reference.get() != null) {
            assertThat(System.nanoTime()).as("the dropped buffer was collected within 20 s").isLessThan(deadline);
            System.gc();
            Thread.sleep(10);
        }
    }
}
