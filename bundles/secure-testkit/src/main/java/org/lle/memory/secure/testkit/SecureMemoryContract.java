package org.lle.memory.secure.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemoryInfo;
import org.lle.memory.secure.SecureResult;

/**
 * The shared bad-input table and behaviour every {@link org.lle.memory.secure.SecureMemory} provider must
 * pass. Extend it in the provider's tests and answer the hooks of {@link SecureMemoryContractSupport}.
 *
 * <p>The table (E = {@link #expectedEnableResult()}, U = {@link #expectedDisableOfUnlockedRegionResult()}):
 * <table>
 * <caption>region calls</caption>
 * <tr><th>input</th><th>enable</th><th>disable</th><th>secureClear</th></tr>
 * <tr><td>null</td><td>INVALID_PARAMETER</td><td>INVALID_PARAMETER</td><td>INVALID_PARAMETER</td></tr>
 * <tr><td>empty region (position == limit)</td><td>INVALID_PARAMETER</td><td>INVALID_PARAMETER</td>
 *     <td>INVALID_PARAMETER</td></tr>
 * <tr><td>heap buffer</td><td>INVALID_PARAMETER</td><td>INVALID_PARAMETER</td><td>SUCCESS, wipes</td></tr>
 * <tr><td>read-only heap buffer</td><td>INVALID_PARAMETER</td><td>INVALID_PARAMETER</td>
 *     <td>INVALID_PARAMETER</td></tr>
 * <tr><td>read-only direct buffer</td><td>E (locking does not write; it is the same memory as the writable
 *     view, and a lock taken through one view is released through the other)</td><td>like a writable view</td>
 *     <td>INVALID_PARAMETER</td></tr>
 * <tr><td>valid direct region</td><td>E</td><td>SUCCESS once per enable, then U</td><td>SUCCESS, wipes only
 *     position..limit, position and limit unchanged</td></tr>
 * <tr><td>never enabled, or part of an enabled region</td><td></td><td>U</td><td></td></tr>
 * </table>
 * A region is identified by its address and length, so a {@code duplicate()} of the enabled buffer with the
 * same position and limit disables it. Array clears: {@code null} and zero length are INVALID_PARAMETER
 * ("zero length" is invalid everywhere in this API); otherwise SUCCESS and every element is zero.
 * {@code allocate}: sizes {@code < 1} or {@code > maxAllocationSize()} throw {@link IllegalArgumentException}
 * whose message names the size and the limit; {@code maxAllocationSize()} is in {@code 1..Integer.MAX_VALUE-1}.
 */
public abstract class SecureMemoryContract extends SecureBufferContract {

    private static final int REGION = 8192;

    @Test
    void nullRegionIsInvalidEverywhere() {
        assertThat(memory.enableSecureMode(null)).isEqualTo(SecureResult.INVALID_PARAMETER);
        assertThat(memory.disableSecureMode(null)).isEqualTo(SecureResult.INVALID_PARAMETER);
        assertThat(memory.secureClear((ByteBuffer) null)).isEqualTo(SecureResult.INVALID_PARAMETER);
        assertThat(memory.secureClear((byte[]) null)).isEqualTo(SecureResult.INVALID_PARAMETER);
        assertThat(memory.secureClear((char[]) null)).isEqualTo(SecureResult.INVALID_PARAMETER);
    }

    @Test
    void emptyRegionsAndArraysAreInvalidEverywhere() {
        for (ByteBuffer empty : List.of(ByteBuffer.allocateDirect(0), ByteBuffer.allocateDirect(64).position(64),
                ByteBuffer.allocateDirect(64).position(10).limit(10), ByteBuffer.allocate(16).position(16))) {
            assertThat(memory.enableSecureMode(empty)).as("enable %s", empty).isEqualTo(SecureResult.INVALID_PARAMETER);
            assertThat(memory.disableSecureMode(empty)).as("disable %s", empty).isEqualTo(SecureResult.INVALID_PARAMETER);
            assertThat(memory.secureClear(empty)).as("clear %s", empty).isEqualTo(SecureResult.INVALID_PARAMETER);
        }
        assertThat(memory.secureClear(new byte[0])).isEqualTo(SecureResult.INVALID_PARAMETER);
        assertThat(memory.secureClear(new char[0])).isEqualTo(SecureResult.INVALID_PARAMETER);
    }

    @Test
    void heapBufferCannotBeLockedButCanBeWiped() {
        ByteBuffer heap = ByteBuffer.wrap(pattern(64));
        assertThat(memory.enableSecureMode(heap)).isEqualTo(SecureResult.INVALID_PARAMETER);
        assertThat(memory.disableSecureMode(heap)).isEqualTo(SecureResult.INVALID_PARAMETER);
        assertThat(memory.secureClear(heap)).isEqualTo(SecureResult.SUCCESS);
        assertThat(contentOf(heap)).containsOnly(0);
    }

    @Test
    void heapSliceWipeStaysInsideTheRegion() {
        byte[] backing = pattern(64);
        ByteBuffer slice = ByteBuffer.wrap(backing, 8, 48).slice().position(4).limit(20);
        assertThat(memory.secureClear(slice)).isEqualTo(SecureResult.SUCCESS);
        byte[] expected = pattern(64);
        Arrays.fill(expected, 12, 28, (byte) 0);
        assertThat(backing).isEqualTo(expected);
        assertThat(slice.position()).isEqualTo(4);
        assertThat(slice.limit()).isEqualTo(20);
    }

    @Test
    void readOnlyBuffersCannotBeWiped() {
        ByteBuffer heapReadOnly = ByteBuffer.wrap(pattern(64)).asReadOnlyBuffer();
        ByteBuffer directReadOnly = directPattern(64).asReadOnlyBuffer();
        assertThat(memory.secureClear(heapReadOnly)).isEqualTo(SecureResult.INVALID_PARAMETER);
        assertThat(memory.secureClear(directReadOnly)).isEqualTo(SecureResult.INVALID_PARAMETER);
        assertThat(contentOf(heapReadOnly)).isEqualTo(pattern(64));
        assertThat(contentOf(directReadOnly)).isEqualTo(pattern(64));
        assertThat(memory.enableSecureMode(heapReadOnly)).isEqualTo(SecureResult.INVALID_PARAMETER);
        assertThat(memory.disableSecureMode(heapReadOnly)).isEqualTo(SecureResult.INVALID_PARAMETER);
    }

    @Test
    void readOnlyDirectBufferLocksLikeItsWritableView() {
        ByteBuffer writable = ByteBuffer.allocateDirect(REGION);
        ByteBuffer readOnly = writable.asReadOnlyBuffer();
        assertThat(memory.enableSecureMode(readOnly)).isEqualTo(expectedEnableResult());
        if (locks()) {
            assertThat(memory.disableSecureMode(writable)).isEqualTo(SecureResult.SUCCESS);
        }
        assertThat(memory.disableSecureMode(readOnly)).isEqualTo(expectedDisableOfUnlockedRegionResult());
    }

    @Test
    void directRegionEnablesAndDisablesOnce() {
        ByteBuffer region = ByteBuffer.allocateDirect(REGION);
        assertThat(memory.enableSecureMode(region)).isEqualTo(expectedEnableResult());
        if (locks()) {
            assertThat(memory.disableSecureMode(region.duplicate())).isEqualTo(SecureResult.SUCCESS);
        }
        assertThat(memory.disableSecureMode(region)).isEqualTo(expectedDisableOfUnlockedRegionResult());
    }

    @Test
    void doubleEnableNeedsTwoDisables() {
        ByteBuffer region = ByteBuffer.allocateDirect(REGION);
        assertThat(memory.enableSecureMode(region)).isEqualTo(expectedEnableResult());
        assertThat(memory.enableSecureMode(region)).isEqualTo(expectedEnableResult());
        if (locks()) {
            assertThat(memory.disableSecureMode(region)).isEqualTo(SecureResult.SUCCESS);
            assertThat(memory.disableSecureMode(region)).isEqualTo(SecureResult.SUCCESS);
        }
        assertThat(memory.disableSecureMode(region)).isEqualTo(expectedDisableOfUnlockedRegionResult());
    }

    @Test
    void disableOfARegionNeverEnabledIsRefused() {
        ByteBuffer region = ByteBuffer.allocateDirect(REGION);
        assertThat(memory.disableSecureMode(region)).isEqualTo(expectedDisableOfUnlockedRegionResult());
        assertThat(memory.disableSecureMode(region)).isEqualTo(expectedDisableOfUnlockedRegionResult());
    }

    @Test
    void disableOfPartOfAnEnabledRegionIsRefusedAndKeepsTheLock() {
        ByteBuffer region = ByteBuffer.allocateDirect(REGION);
        assertThat(memory.enableSecureMode(region)).isEqualTo(expectedEnableResult());
        ByteBuffer firstHalf = region.duplicate().limit(REGION / 2);
        assertThat(memory.disableSecureMode(firstHalf)).isEqualTo(expectedDisableOfUnlockedRegionResult());
        if (locks()) {
            assertThat(memory.disableSecureMode(region)).isEqualTo(SecureResult.SUCCESS);
        }
    }

    @Test
    void secureClearWipesOnlyTheDirectRegion() {
        ByteBuffer buffer = directPattern(256).position(16).limit(200);
        assertThat(memory.secureClear(buffer)).isEqualTo(SecureResult.SUCCESS);
        byte[] expected = pattern(256);
        Arrays.fill(expected, 16, 200, (byte) 0);
        assertThat(contentOf(buffer)).isEqualTo(expected);
        assertThat(buffer.position()).isEqualTo(16);
        assertThat(buffer.limit()).isEqualTo(200);
    }

    @Test
    void secureClearWipesAnEnabledRegion() {
        ByteBuffer region = directPattern(REGION);
        assertThat(memory.enableSecureMode(region)).isEqualTo(expectedEnableResult());
        assertThat(memory.secureClear(region)).isEqualTo(SecureResult.SUCCESS);
        assertThat(contentOf(region)).containsOnly(0);
        if (locks()) {
            assertThat(memory.disableSecureMode(region)).isEqualTo(SecureResult.SUCCESS);
        }
    }

    @Test
    void secureClearWipesArrays() {
        byte[] bytes = pattern(1000);
        char[] chars = "correct horse battery staple".toCharArray();
        assertThat(memory.secureClear(bytes)).isEqualTo(SecureResult.SUCCESS);
        assertThat(memory.secureClear(chars)).isEqualTo(SecureResult.SUCCESS);
        assertThat(bytes).containsOnly(0);
        assertThat(chars).containsOnly('\0');
        byte[] one = {42};
        assertThat(memory.secureClear(one)).isEqualTo(SecureResult.SUCCESS);
        assertThat(one).containsExactly(0);
    }

    @Test
    void regionCallsFromSeveralThreadsKeepTheirOwnCounts() throws Exception {
        inFourThreads(thread -> {
            ByteBuffer region = directPattern(REGION);
            for (int i = 0; i < 50; i++) {
                assertThat(memory.enableSecureMode(region)).isEqualTo(expectedEnableResult());
                assertThat(memory.secureClear(region)).isEqualTo(SecureResult.SUCCESS);
                if (locks()) {
                    assertThat(memory.disableSecureMode(region)).isEqualTo(SecureResult.SUCCESS);
                }
                assertThat(memory.disableSecureMode(region)).isEqualTo(expectedDisableOfUnlockedRegionResult());
            }
        });
    }

    @Test
    void maxAllocationSizeIsPositiveAndBelowIntegerMax() {
        assertThat(memory.maxAllocationSize()).isPositive().isLessThan(Integer.MAX_VALUE);
    }

    @Test
    void allocateRejectsSizesOutsideTheRangeNamingSizeAndLimit() {
        int max = memory.maxAllocationSize();
        for (int size : new int[] {0, -1, Integer.MIN_VALUE, max + 1, Integer.MAX_VALUE}) {
            assertThatThrownBy(() -> memory.allocate(size)).as("allocate(%d)", size)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(String.valueOf(size))
                    .hasMessageContaining(String.valueOf(max));
        }
    }

    @Test
    void allocateAcceptsTheSmallestAndTheLargestSize() {
        SecureBuffer one = allocateTracked(1);
        assertThat(one.size()).isEqualTo(1);
        assertThat(one.get(0)).isZero();
        int max = memory.maxAllocationSize();
        SecureBuffer largest = allocateTracked(max);
        assertThat(largest.size()).isEqualTo(max);
        assertThat(largest.get(0)).isZero();
        assertThat(largest.get(max - 1)).isZero();
        largest.put(max - 1, (byte) 5);
        assertThat(largest.get(max - 1)).isEqualTo((byte) 5);
    }

    @Test
    void allocateAndCloseFromSeveralThreads() throws Exception {
        inFourThreads(seed -> {
            for (int i = 0; i < 200; i++) {
                int size = 1 + (i * 7 + seed) % 300;
                try (SecureBuffer buffer = memory.allocate(size)) {
                    assertThat(contentOf(buffer)).containsOnly(0);
                    buffer.write(0, pattern(size), 0, size);
                    assertThat(buffer.contentEquals(pattern(size))).isTrue();
                }
            }
        });
    }

    @Test
    void buffersAreIndependent() {
        SecureBuffer first = allocateTracked(SMALL);
        SecureBuffer second = allocateTracked(SMALL);
        first.write(0, pattern(SMALL), 0, SMALL);
        assertThat(contentOf(second)).containsOnly(0);
        first.close();
        assertThat(second.isClosed()).isFalse();
        assertThat(contentOf(second)).containsOnly(0);
    }

    @Test
    void infoNamesTheProviderAndIsConsistent() {
        SecureMemoryInfo info = memory.info();
        assertThat(info).isNotNull();
        assertThat(info.provider()).isEqualTo(expectedProviderName());
        assertThat(info.capabilities()).isNotNull();
        assertThat(info.degradationReason()).isNotNull();
        if (info.degraded()) {
            assertThat(info.degradationReason()).as("a degraded provider says why").isNotBlank();
        }
        assertThat(info.lockedBytes()).isNotNegative();
        assertThat(info.lockLimitBytes()).isGreaterThanOrEqualTo(-1);
    }
}
