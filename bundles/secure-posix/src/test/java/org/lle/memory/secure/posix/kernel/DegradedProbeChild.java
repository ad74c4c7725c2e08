package org.lle.memory.secure.posix.kernel;

import static org.lle.memory.secure.posix.kernel.ChildSide.report;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemories;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureMemoryException;
import org.lle.memory.secure.SecureMemoryInfo;
import org.lle.memory.secure.SecureResult;
import org.lle.memory.testsupport.KernelStatus;

/**
 * Child for the degraded-path tests, run with a lowered RLIMIT_MEMLOCK and/or without CAP_IPC_LOCK (or
 * privileged, as the control). Reports what the kernel gave it, what the provider says, the result codes
 * of the seed calls, and whether allocate and the wipes still work. Argument: size of the "large" region.
 */
public final class DegradedProbeChild {
    private static final int PAGE = 4096;

    private DegradedProbeChild() {
    }

    public static void main(String[] args) {
        int large = Integer.parseInt(args[0]);
        report("capEff", Long.toHexString(KernelStatus.capEff("self")));
        report("ipcLockCap", KernelStatus.hasIpcLock("self"));
        report("memlockLimit", KernelStatus.memlockLimit("self"));

        SecureMemory memory = SecureMemories.detect();
        reportInfo("", memory.info());

        ByteBuffer pages = ByteBuffer.allocateDirect(2 * PAGE);
        int aligned = (int) ((PAGE - ChildSide.address(pages) % PAGE) % PAGE);
        ByteBuffer onePage = pages.slice(aligned, PAGE);
        SecureResult small = memory.enableSecureMode(onePage);
        report("enableOnePage", small);
        if (small.isSuccess()) {
            report("disableOnePage", memory.disableSecureMode(onePage));
        }
        SecureResult big = memory.enableSecureMode(ByteBuffer.allocateDirect(large));
        report("enableLarge", big);

        try {
            allocateAndUse(memory);
        } catch (SecureMemoryException e) {
            // only expected when the provider is configured strict
            report("allocThrew", e.result());
            report("allocMessage", String.valueOf(e.getMessage()).replace('\n', ' '));
        }
        reportInfo("AfterAlloc", memory.info());

        ByteBuffer direct = ByteBuffer.allocateDirect(PAGE);
        for (int i = 0; i < PAGE; i++) {
            direct.put(i, (byte) 0x5A);
        }
        report("clearDirect", memory.secureClear(direct));
        byte[] view = new byte[PAGE];
        direct.get(0, view);
        report("clearDirectZero", ChildSide.allZero(view));
        byte[] bytes = new byte[100];
        Arrays.fill(bytes, (byte) 0x5A);
        report("clearBytes", memory.secureClear(bytes));
        report("clearBytesZero", ChildSide.allZero(bytes));
        char[] chars = "correct horse battery staple".toCharArray();
        report("clearChars", memory.secureClear(chars));
        report("clearCharsZero", new String(chars).chars().allMatch(c -> c == 0));
        report("done", true);
    }

    private static void allocateAndUse(SecureMemory memory) {
        try (SecureBuffer buffer = memory.allocate(64)) {
            report("allocLocked", buffer.isLocked());
            byte[] data = new byte[64];
            Arrays.fill(data, (byte) 0x5A);
            buffer.write(0, data, 0, data.length);
            byte[] back = new byte[64];
            buffer.read(0, back, 0, back.length);
            report("allocRoundTrip", Arrays.equals(data, back));
            buffer.clear();
            buffer.read(0, back, 0, back.length);
            report("allocClearZero", ChildSide.allZero(back));
        }
    }

    private static void reportInfo(String suffix, SecureMemoryInfo info) {
        report("provider" + suffix, info.provider());
        report("degraded" + suffix, info.degraded());
        report("reason" + suffix, info.degradationReason().replace('\n', ' '));
        report("capabilities" + suffix, info.capabilities().stream().map(Enum::name).sorted()
                .collect(Collectors.joining(",")));
        report("lockedBytes" + suffix, info.lockedBytes());
        report("lockLimitBytes" + suffix, info.lockLimitBytes());
    }
}
