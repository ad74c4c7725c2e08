package org.lle.memory.benchmarks.secure;

import java.nio.ByteBuffer;
import org.lle.memory.benchmarks.nativepeers.UnsafeAccess;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureResult;

/**
 * Evidence for "enable on an already-locked page makes no syscall": run under
 * {@code strace -f -e trace=mlock,munlock,madvise,write}; between the BEGIN and END lines this prints,
 * the trace must show no mlock/munlock/madvise. run.sh counts them. With the argument {@code control} the
 * holder region is not enabled first, so each pair must lock and unlock: the control shows the trace would
 * catch the syscalls if they happened.
 */
public final class EnableSyscallCheck {
    static final int PAIRS = 100_000;

    private EnableSyscallCheck() {
    }

    public static void main(String[] args) {
        SecureMemory secure = OurSecureMemory.provider();
        int page = UnsafeAccess.pageSize();
        ByteBuffer onePage = ByteBuffer.allocateDirect(3 * page).alignedSlice(page).slice(0, page);
        ByteBuffer holder = onePage.slice(0, 64);
        ByteBuffer region = onePage.slice(128, 64);
        boolean control = args.length > 0 && args[0].equals("control");
        int pairs = control ? 1_000 : PAIRS;
        if (!control) {
            require(secure.enableSecureMode(holder), "enable holder");
        }
        System.out.println("ENABLE-CHECK-BEGIN");
        System.out.flush();
        for (int i = 0; i < pairs; i++) {
            require(secure.enableSecureMode(region), "enable");
            require(secure.disableSecureMode(region), "disable");
        }
        System.out.println("ENABLE-CHECK-END pairs=" + pairs);
        System.out.flush();
        if (!control) {
            require(secure.disableSecureMode(holder), "disable holder");
        }
    }

    private static void require(SecureResult result, String what) {
        if (result != SecureResult.SUCCESS) {
            throw new IllegalStateException(what + " returned " + result);
        }
    }
}
