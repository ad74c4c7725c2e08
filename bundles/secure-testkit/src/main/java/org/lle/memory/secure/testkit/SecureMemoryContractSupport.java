package org.lle.memory.secure.testkit;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureResult;

/**
 * The provider-specific hooks of the contract and the helpers its tests share. Providers do not extend this
 * class directly: they extend {@link SecureMemoryContract}.
 */
public abstract class SecureMemoryContractSupport {

    /** Size of the buffers most cases use: small, but not a power of two, so off-by-one errors show. */
    protected static final int SMALL = 37;

    private final List<SecureBuffer> opened = new ArrayList<>();

    /** The instance under test; {@link #memory()} is asked once per test. */
    protected SecureMemory memory;

    /** @return the provider under test (a shared instance is fine: the contract cleans up after itself) */
    protected abstract SecureMemory memory();

    /**
     * @return what {@code enableSecureMode} returns for a valid direct region: {@link SecureResult#SUCCESS}
     *         for a provider that locks, {@link SecureResult#FEATURE_NOT_AVAILABLE} for the no-op one
     */
    protected abstract SecureResult expectedEnableResult();

    /**
     * @return what {@code disableSecureMode} returns for a valid direct region that holds no lock (never
     *         enabled, or already disabled). {@link SecureResult#INVALID_PARAMETER} ("unknown region") by
     *         default; a provider that cannot lock at all may say {@link SecureResult#FEATURE_NOT_AVAILABLE}.
     */
    protected SecureResult expectedDisableOfUnlockedRegionResult() {
        return SecureResult.INVALID_PARAMETER;
    }

    /** @return whether {@code allocate} hands out buffers whose {@code isLocked()} is true */
    protected abstract boolean expectBuffersLocked();

    /** @return the name {@code info().provider()} must report */
    protected abstract String expectedProviderName();

    @BeforeEach
    final void bindMemory() {
        memory = memory();
    }

    @AfterEach
    final void closeOpenedBuffers() {
        opened.forEach(SecureBuffer::close);
        opened.clear();
    }

    /** @return whether regions really lock, so the reference-count cases apply */
    protected final boolean locks() {
        return expectedEnableResult() == SecureResult.SUCCESS;
    }

    /** Allocates a buffer that is closed after the test even when an assertion fails. */
    protected final SecureBuffer allocateTracked(int size) {
        SecureBuffer buffer = memory.allocate(size);
        opened.add(buffer);
        return buffer;
    }

    /** @return {@code length} bytes 1, 2, 3, ... (never zero, so a wipe is visible) */
    protected static byte[] pattern(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i % 255 + 1);
        }
        return bytes;
    }

    /** @return a direct buffer of {@code capacity} bytes filled with {@link #pattern(int)} */
    protected static ByteBuffer directPattern(int capacity) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(capacity);
        buffer.put(pattern(capacity)).clear();
        return buffer;
    }

    /** @return the whole content of {@code buffer}, ignoring its position and limit */
    protected static byte[] contentOf(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.capacity()];
        buffer.duplicate().clear().get(bytes);
        return bytes;
    }

    /** @return the whole content of {@code buffer} read through its API */
    protected static byte[] contentOf(SecureBuffer buffer) {
        byte[] bytes = new byte[buffer.size()];
        buffer.read(0, bytes, 0, bytes.length);
        return bytes;
    }

    /** A task for {@link #inFourThreads}; gets the thread's number, 0..3. */
    @FunctionalInterface
    protected interface ThreadTask {
        void run(int thread) throws Exception;
    }

    /** Runs {@code task} in four threads at once and rethrows the first failure (each thread has 60 s). */
    protected static void inFourThreads(ThreadTask task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    task.run(thread);
                    return null;
                }));
            }
            for (Future<?> result : results) {
                result.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
