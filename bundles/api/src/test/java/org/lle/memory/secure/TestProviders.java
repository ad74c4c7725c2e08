package org.lle.memory.secure;

import java.nio.ByteBuffer;
import org.lle.memory.secure.spi.SecureMemoryProvider;

/** Providers with scripted probes, for the ranking rules of {@link SecureMemories#detect()}. */
final class TestProviders {
    private TestProviders() {
    }

    abstract static class Scripted implements SecureMemoryProvider {
        private final String name;
        private final int ranking;
        private final boolean supported;

        Scripted(String name, int ranking, boolean supported) {
            this.name = name;
            this.ranking = ranking;
            this.supported = supported;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int ranking() {
            return ranking;
        }

        @Override
        public boolean isSupported() {
            return supported;
        }

        @Override
        public SecureMemory get() {
            return new Named(name);
        }
    }

    public static final class Best extends Scripted {
        public Best() {
            super("best", 100, false);
        }
    }

    public static final class Thrower extends Scripted {
        public Thrower() {
            super("thrower", 50, true);
        }

        @Override
        public boolean isSupported() {
            throw new UnsatisfiedLinkError("no native library");
        }
    }

    public static final class Good extends Scripted {
        public Good() {
            super("good", 10, true);
        }
    }

    public static final class Weak extends Scripted {
        public Weak() {
            super("weak", 1, true);
        }
    }

    /** Only info() matters here. */
    private static final class Named implements SecureMemory {
        private final String name;

        Named(String name) {
            this.name = name;
        }

        @Override
        public SecureResult enableSecureMode(ByteBuffer region) {
            return SecureResult.FEATURE_NOT_AVAILABLE;
        }

        @Override
        public SecureResult secureClear(ByteBuffer region) {
            return SecureResult.FEATURE_NOT_AVAILABLE;
        }

        @Override
        public SecureResult secureClear(byte[] data) {
            return SecureResult.FEATURE_NOT_AVAILABLE;
        }

        @Override
        public SecureResult secureClear(char[] data) {
            return SecureResult.FEATURE_NOT_AVAILABLE;
        }

        @Override
        public SecureResult disableSecureMode(ByteBuffer region) {
            return SecureResult.FEATURE_NOT_AVAILABLE;
        }

        @Override
        public SecureBuffer allocate(int size) {
            throw new UnsupportedOperationException("info only");
        }

        @Override
        public int maxAllocationSize() {
            return 0;
        }

        @Override
        public SecureMemoryInfo info() {
            return new SecureMemoryInfo(name, true, "test", null, 0, -1);
        }
    }
}
