package org.lle.memory.secure.noop.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureCapability;
import org.lle.memory.secure.SecureMemories;
import org.lle.memory.secure.SecureMemoryInfo;
import org.lle.memory.secure.SecureMemoryProperties;
import org.lle.memory.secure.spi.SecureMemoryProvider;

/** What only the no-op provider does: its info, its registration, its wipes and its leak safety net. */
class NoopSecureMemoryTest {

    private final List<String> leaks = new CopyOnWriteArrayList<>();
    private final NoopSecureMemory memory = new NoopSecureMemory((size, by) -> leaks.add(size + " by " + by));

    @Test
    void infoSaysDegradedWhyAndThatOnlyWipingWorks() {
        SecureMemoryInfo info = memory.info();
        assertThat(info.provider()).isEqualTo("noop");
        assertThat(info.degraded()).isTrue();
        assertThat(info.degradationReason()).contains("not locked").contains("core dumps")
                .contains("lle-memory-secure-posix");
        assertThat(info.capabilities()).containsExactly(SecureCapability.SECURE_WIPE);
        assertThat(info.lockedBytes()).isZero();
        assertThat(info.lockLimitBytes()).isEqualTo(-1);
        assertThat(memory.maxAllocationSize()).isEqualTo(16 * 1024 * 1024);
    }

    @Test
    void serviceLoaderFindsTheNoopProviderAndDetectPicksIt() {
        List<SecureMemoryProvider> providers = SecureMemories.providers();
        assertThat(providers).extracting(SecureMemoryProvider::name).contains("noop");
        SecureMemoryProvider noop = providers.stream().filter(p -> p.name().equals("noop")).findFirst().orElseThrow();
        assertThat(noop.ranking()).isEqualTo(SecureMemoryProperties.RANKING_NOOP);
        assertThat(noop.isSupported()).isTrue();
        assertThat(noop.get()).isSameAs(noop.get());
        // only the no-op provider is on this module's test class path
        assertThat(SecureMemories.detect().info().provider()).isEqualTo("noop");
    }

    @Test
    void closeWipesTheMemoryBehindTheBuffer() {
        NoopSecureBuffer buffer = (NoopSecureBuffer) memory.allocate(100);
        ByteBuffer behind = buffer.memoryForTest();
        buffer.write(0, filled(100), 0, 100);
        // control: the independent view sees the secret while the buffer is open
        assertThat(bytesOf(behind)).isEqualTo(filled(100));
        buffer.close();
        assertThat(bytesOf(behind)).containsOnly(0);
        assertThat(leaks).as("an explicit close is not a leak").isEmpty();
    }

    @Test
    void clearWipesTheMemoryBehindTheBuffer() {
        NoopSecureBuffer buffer = (NoopSecureBuffer) memory.allocate(5000);
        buffer.write(0, filled(5000), 0, 5000);
        buffer.clear();
        assertThat(bytesOf(buffer.memoryForTest())).containsOnly(0);
        buffer.close();
    }

    @Test
    void aBufferNeverClosedIsWipedByTheCleanerAndReportedAsALeak() throws InterruptedException {
        ByteBuffer behind = allocateFillAndDrop(48);
        assertThat(bytesOf(behind)).as("control: the secret is there before the safety net runs")
                .isEqualTo(filled(48));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (leaks.isEmpty() && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(leaks).as("leak report").hasSize(1).first().asString().startsWith("48 by ");
        assertThat(bytesOf(behind)).containsOnly(0);
    }

    @Test
    void wipeOfHotArraysSurvivesTheJit() {
        // run the wipe often enough for C2 to compile it, then check every call still zeroed its array
        byte[] secret = new byte[64];
        for (int i = 0; i < 50_000; i++) {
            secret[i % 64] = (byte) (i | 1);
            memory.secureClear(secret);
            if (secret[i % 64] != 0) {
                throw new AssertionError("wipe skipped at iteration " + i);
            }
        }
        assertThat(secret).containsOnly(0);
    }

    private ByteBuffer allocateFillAndDrop(int size) {
        SecureBuffer buffer = memory.allocate(size);
        buffer.write(0, filled(size), 0, size);
        return ((NoopSecureBuffer) buffer).memoryForTest();
    }

    private static byte[] filled(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (0x5a ^ i | 1);
        }
        return bytes;
    }

    private static byte[] bytesOf(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.capacity()];
        buffer.duplicate().clear().get(bytes);
        return bytes;
    }
}
