package org.lle.memory.shell.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.lle.memory.internal.proc.ProcStatus;
import org.lle.memory.internal.proc.Smaps;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureCapability;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureMemoryBroker;
import org.lle.memory.secure.SecureMemoryInfo;
import org.lle.memory.secure.line.PromptOutcome;
import org.lle.memory.secure.line.SecretLine;
import org.lle.memory.secure.line.SecretLineFactory;

/**
 * {@code lle:secret}: a secret goes from the input into a {@link SecretLine} (secure memory from the first
 * keystroke when the prompt service reads it), is copied secure memory to secure memory into a secure buffer, and
 * the kernel is asked for the proof (VmLck, the VmFlags of the mapping); then both are wiped and closed.
 */
final class SecretCommand {
    private final RegisteredProviders providers;
    private final SecureMemoryBroker broker;
    private final SecretLineFactory lines;

    SecretCommand(RegisteredProviders providers, SecureMemoryBroker broker, SecretLineFactory lines) {
        this.providers = providers;
        this.broker = broker;
        this.lines = lines;
    }

    void run(SecretInput input, PrintStream out) throws IOException {
        RegisteredProviders.Provider provider = providers.selected()
                .orElseThrow(() -> new IllegalStateException("no SecureMemory provider is registered"));
        if (lines == null) {
            throw new IllegalStateException("no SecretLineFactory service is registered (install lle-memory-secure-line)");
        }
        SecureMemoryBroker b = broker;
        SecureMemory memory = b != null && b.isAvailable() ? b : provider.memory();
        String via = memory == b ? "the broker (provider " + provider.name() + " behind it)" : "provider " + provider.name();

        long lckBefore = vmLck();
        Set<Long> protectedBefore = protectedMappingStarts();
        try (SecretLine line = lines.create()) {
            PromptOutcome outcome = input.readInto(line);
            if (outcome != PromptOutcome.COMPLETED || line.isEmpty()) {
                throw new IllegalArgumentException("no secret read (" + (outcome == PromptOutcome.COMPLETED
                        || outcome == PromptOutcome.END_OF_INPUT ? "empty input" : outcome.name().toLowerCase()
                        .replace('_', ' ')) + ")");
            }
            out.println("secret: " + line.length() + " chars from " + input.origin());
            SecureMemory lineMemory = lines.memory();
            String where = lineMemory instanceof SecureMemoryBroker ? "the broker (provider "
                    + lineMemory.info().provider() + " behind it)" : "provider " + lineMemory.info().provider();
            out.println("in secure memory: a secret line in " + where + ", locked="
                    + line.isLocked() + (input.viaJavaCopy() ? "; the reader's char[] was wiped after the copy"
                    : "; no Java copy was made on the way"));
            try (SecureBuffer buffer = memory.allocate(line.byteLength())) {
                line.copyTo(buffer, 0);
                out.println("stored: " + line.byteLength() + "-byte secure buffer from " + via
                        + ", copied from the line secure memory to secure memory");
                proveLocked(buffer, lckBefore, out);
                proveNotDumpable(provider.memory().info(), protectedBefore, out);
            }
        }
        out.println("closed: the buffer and the line were wiped and released; process VmLck now " + Units.bytes(vmLck()));
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
        shown.stream().limit(4).forEach(m -> out.println(label + describe(m)));
        if (!info.has(SecureCapability.NO_CORE_DUMP)) {
            out.println("  NOT kept out of core dumps by the provider; run with 'ulimit -c 0' (see lle:doctor)");
        }
    }

    /** @return a mapping as the proof shows it: range, size, name, VmFlags */
    static String describe(Smaps.Mapping m) {
        return String.format("%x-%x %s%s [%s]", m.start(), m.end(), Units.bytes(m.size()),
                m.name().isEmpty() ? "" : " " + m.name(), String.join(" ", m.flags().stream().sorted().toList()));
    }

    private static Set<Long> protectedMappingStarts() {
        return Smaps.current().stream().filter(Smaps.Mapping::lockedAndNotDumped).map(Smaps.Mapping::start)
                .collect(Collectors.toSet());
    }

    private static long vmLck() {
        OptionalLong v = ProcStatus.vmLckBytes();
        return v.orElse(0);
    }
}
