package org.lle.memory.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lle.memory.internal.proc.ProcStatus;
import org.lle.memory.internal.proc.Smaps;

class ProcParsersTest {
    static final String LIMITS = """
            Limit                     Soft Limit           Hard Limit           Units
            Max cpu time              unlimited            unlimited            seconds
            Max core file size        0                    unlimited            bytes
            Max locked memory         65536                8388608              bytes
            """;

    @Test
    void limitsAreParsedByName() {
        assertThat(ProcLimits.parse(LIMITS, ProcLimits.MEMLOCK)).contains(new ProcLimits(65536, 8388608));
        assertThat(ProcLimits.parse(LIMITS, ProcLimits.CORE)).contains(new ProcLimits(0, ProcLimits.UNLIMITED));
        assertThat(ProcLimits.parse(LIMITS, "Max open files")).isEmpty();
    }

    @Test
    void thisProcessHasAMemlockLimit() {
        assertThat(ProcLimits.current(ProcLimits.MEMLOCK)).isPresent();
    }

    @Test
    void statusFields() {
        String status = "Name:\tjava\nVmLck:\t     256 kB\nCapEff:\t000001ffffffffff\n";
        assertThat(ProcStatus.kbField(status, "VmLck:")).hasValue(256 * 1024);
        long caps = ProcStatus.hexField(status, "CapEff:").getAsLong();
        assertThat(ProcStatus.hasCapability(caps, ProcStatus.CAP_IPC_LOCK)).isTrue();
        assertThat(ProcStatus.hasCapability(0x1fffffbfffL, ProcStatus.CAP_IPC_LOCK)).isFalse();
        assertThat(ProcStatus.kbField(status, "VmRSS:")).isEmpty();
        assertThat(ProcStatus.vmLckBytes()).isPresent();
    }

    @Test
    void smapsMappingsCarryLockedBytesAndFlags() {
        String smaps = """
                7f0000000000-7f0000040000 rw-p 00000000 00:00 0
                Size:                256 kB
                Locked:              256 kB
                VmFlags: rd wr mr mw me lo dd dc
                7f0000040000-7f0000041000 rw-p 00000000 00:00 0                          [heap]
                Size:                  4 kB
                Locked:                0 kB
                VmFlags: rd wr mr mw me
                """;
        List<Smaps.Mapping> maps = Smaps.parse(smaps);
        assertThat(maps).hasSize(2);
        assertThat(maps.get(0).lockedAndNotDumped()).isTrue();
        assertThat(maps.get(0).lockedBytes()).isEqualTo(256 * 1024);
        assertThat(maps.get(0).size()).isEqualTo(256 * 1024);
        assertThat(maps.get(1).lockedAndNotDumped()).isFalse();
        assertThat(maps.get(1).name()).isEqualTo("[heap]");
        assertThat(SecretCommand.describe(maps.get(0))).contains("7f0000000000-7f0000040000", "256 KiB", "dd", "lo");
    }

    @Test
    void realSmapsParses() {
        assertThat(Smaps.current()).isNotEmpty().allSatisfy(m -> assertThat(m.end()).isGreaterThan(m.start()));
    }

    @Test
    void units() {
        assertThat(Units.bytes(0)).isEqualTo("0 B");
        assertThat(Units.bytes(1023)).isEqualTo("1023 B");
        assertThat(Units.bytes(4096)).isEqualTo("4 KiB");
        assertThat(Units.bytes(3L << 19)).isEqualTo("1.5 MiB");
        assertThat(Units.delta(-4096)).isEqualTo("-4 KiB");
        assertThat(Units.delta(4096)).isEqualTo("+4 KiB");
        assertThat(Units.millis(1_500_000)).isEqualTo("1.5 ms");
    }
}
