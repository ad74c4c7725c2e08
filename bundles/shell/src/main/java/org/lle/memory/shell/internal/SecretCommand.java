package org.lle.memory.shell.internal;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureCapability;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureMemoryBroker;
import org.lle.memory.secure.SecureMemoryInfo;
import org.lle.memory.secure.SecureResult;

/**
 * {@code lle:secret}: a secret goes from the console into a secure buffer, every Java copy is wiped, and
 * the kernel is asked for the proof (VmLck, the VmFlags of the mapping), then the buffer is closed.
 */
final class SecretCommand {
    private final ProviderRegistry providers;
    private final SecureMemoryBroker broker;

    SecretCommand(ProviderRegistry providers, SecureMemoryBroker broker) {
        this.providers = providers;
        this.broker = broker;
    }

    void run(SecretInput input, PrintStream out) {
        ProviderRegistry.Provider provider = providers.selected()
                .orElseThrow(() -> new IllegalStateException("no SecureMemory provider is registered"));
        SecureMemoryBroker b = broker;
        SecureMemory memory = b != null && b.isAvailable() ? b : provider.memory();
        String via = memory == b ? "the broker (provider " + provider.name() + " behind it)" : "provider " + provider.name();

        long lckBefore = vmLck();
        Set<Long> protectedBefore = protectedMappingStarts();
        char[] chars = input.read();
        byte[] bytes = null;
        try {
            if (chars.length == 0) {
                throw new IllegalArgumentException("no secret read (empty input)");
            }
            bytes = utf8(chars);
            out.println("secret: " + chars.length + " chars from " + input.origin());
            try (SecureBuffer buffer = memory.allocate(bytes.length)) {
                buffer.write(0, bytes, 0, bytes.length);
                if (!buffer.contentEquals(bytes)) {
                    throw new IllegalStateException("the secure buffer did not read back the secret");
                }
                out.println("stored: " + bytes.length + "-byte secure buffer from " + via + ", verified with contentEquals");
                wipeCopies(memory, chars, bytes, out);
                proveLocked(buffer, lckBefore, out);
                proveNotDumpable(provider.memory().info(), protectedBefore, out);
            }
            out.println("closed: the buffer was wiped and released; process VmLck now " + Units.bytes(vmLck()));
        } finally {
            wipeQuietly(memory, chars, bytes);
        }
    }

    private static void wipeCopies(SecureMemory memory, char[] chars, byte[] bytes, PrintStream out) {
        SecureResult c = memory.secureClear(chars);
        SecureResult b = memory.secureClear(bytes);
        boolean zero = allZero(chars) && allZero(bytes);
        out.println("wiped: char[] and byte[] copies with secureClear (" + c + ", " + b + "), read back all zero: "
                + (zero ? "yes" : "NO"));
        if (!c.isSuccess() || !b.isSuccess() || !zero) {
            throw new IllegalStateException("secureClear left the secret in the Java copies (" + c + ", " + b + ")");
        }
    }

    private static void proveLocked(SecureBuffer buffer, long lckBefore, PrintStream out) {
        long lckAfter = vmLck();
        out.println("proof locked: isLocked=" + buffer.isLocked() + "; process VmLck " + Units.bytes(lckBefore)
                + " -> " + Units.bytes(lckAfter) + " (" + Units.delta(lckAfter - lckBefore)
                + (lckAfter == lckBefore && buffer.isLocked() ? ": the buffer went into an arena chunk locked earlier)" : ")"));
        if (!buffer.isLocked()) {
            out.println("  NOT locked: this secret could reach swap; see lle:doctor for the lock limit and CAP_IPC_LOCK");
        }
    }

    private static void proveNotDumpable(SecureMemoryInfo info, Set<Long> before, PrintStream out) {
        List<Smaps.Mapping> protectedNow = Smaps.current().stream().filter(Smaps.Mapping::lockedAndNotDumped).toList();
        List<Smaps.Mapping> fresh = protectedNow.stream().filter(m -> !before.contains(m.start())).toList();
        out.println("proof not dumpable: provider capability NO_CORE_DUMP: "
                + (info.has(SecureCapability.NO_CORE_DUMP) ? "yes" : "NO") + "; /proc/self/smaps holds "
                + protectedNow.size() + " locked mapping(s) flagged dd (MADV_DONTDUMP)");
        List<Smaps.Mapping> shown = fresh.isEmpty() ? protectedNow : fresh;
        String label = fresh.isEmpty() ? "  existing: " : "  new with this secret: ";
        shown.stream().limit(4).forEach(m -> out.println(label + m.describe()));
        if (!info.has(SecureCapability.NO_CORE_DUMP)) {
            out.println("  NOT kept out of core dumps by the provider; run with 'ulimit -c 0' (see lle:doctor)");
        }
    }

    private static Set<Long> protectedMappingStarts() {
        return Smaps.current().stream().filter(Smaps.Mapping::lockedAndNotDumped).map(Smaps.Mapping::start)
                .collect(Collectors.toSet());
    }

    private static long vmLck() {
        OptionalLong v = ProcStatus.vmLckBytes();
        return v.orElse(0);
    }

    /**
     * UTF-8 without a String. The scratch array is sized for the worst case, so the encoder never grows it
     * (growing would leave an unwiped partial copy on the heap), and it is wiped on every way out.
     */
    static byte[] utf8(char[] chars) {
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder();
        byte[] scratch = new byte[(int) Math.min(Integer.MAX_VALUE - 8,
                (long) Math.ceil(encoder.maxBytesPerChar()) * chars.length)];
        try {
            ByteBuffer out = ByteBuffer.wrap(scratch);
            CoderResult result = encoder.encode(CharBuffer.wrap(chars), out, true);
            if (!result.isUnderflow() || !encoder.flush(out).isUnderflow()) {
                throw new IllegalArgumentException("the secret cannot be encoded as UTF-8 (" + result + ")");
            }
            return java.util.Arrays.copyOf(scratch, out.position());
        } finally {
            java.util.Arrays.fill(scratch, (byte) 0);
        }
    }

    private static boolean allZero(char[] a) {
        for (char c : a) {
            if (c != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean allZero(byte[] a) {
        for (byte c : a) {
            if (c != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The last line of defence on every path out: plain fills when the provider does not wipe, whether it
     * throws or answers (a broker whose provider went away says FEATURE_NOT_AVAILABLE and wipes nothing).
     */
    static void wipeQuietly(SecureMemory memory, char[] chars, byte[] bytes) {
        if (!wiped(() -> memory.secureClear(chars))) {
            java.util.Arrays.fill(chars, '\0');
        }
        if (bytes != null && !wiped(() -> memory.secureClear(bytes))) {
            java.util.Arrays.fill(bytes, (byte) 0);
        }
    }

    private static boolean wiped(java.util.function.Supplier<SecureResult> clear) {
        try {
            return clear.get().isSuccess();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
