package org.lle.memory.secure.posix.internal;

import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.testkit.SecureMemoryModelContract;
import org.lle.memory.testsupport.KernelStatus;

/** The model-based tests of the testkit against the POSIX provider; locked bytes are the kernel's VmLck. */
class PosixModelTest extends SecureMemoryModelContract {

    @Override
    protected SecureMemory newMemory() {
        return new PosixSecureMemory(PosixSettings.defaults());
    }

    @Override
    protected void closeMemory(SecureMemory memory) {
        ((PosixSecureMemory) memory).close();
    }

    @Override
    protected boolean regionsLock() {
        return true;
    }

    @Override
    protected long lockedBytesOfProcess() {
        return KernelStatus.vmLckBytes();
    }
}
