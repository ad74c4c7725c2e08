package org.lle.memory.internal.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one smaps reader: every field it hands out, blocks missing a field, and the live file. */
class SmapsTest {
    private static final String TEXT = """
            7f0000000000-7f0000040000 rw-p 00000000 00:00 0
            Size:                256 kB
            Locked:              256 kB
            VmFlags: rd wr mr mw me lo dd dc
            7f0000040000-7f0000041000 r--p 00000000 00:00 0                          [heap]
            Size:                  4 kB
            Locked:                0 kB
            VmFlags: rd mr mw me
            ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0                  /secretmem (deleted)
            Size:                  4 kB
            """;

    @Test
    void everyMappingWithItsRangePermissionsNameLockedBytesAndFlags() {
        List<Smaps.Mapping> maps = Smaps.parse(TEXT);
        assertThat(maps).hasSize(3);
        Smaps.Mapping chunk = maps.get(0);
        assertThat(chunk.start()).isEqualTo(0x7f0000000000L);
        assertThat(chunk.size()).isEqualTo(256 * 1024);
        assertThat(chunk.perms()).isEqualTo("rw-p");
        assertThat(chunk.name()).isEmpty();
        assertThat(chunk.lockedBytes()).isEqualTo(256 * 1024);
        assertThat(chunk.flags()).isEqualTo(Set.of("rd", "wr", "mr", "mw", "me", "lo", "dd", "dc"));
        assertThat(chunk.lockedAndNotDumped()).isTrue();
        assertThat(chunk.contains(0x7f000003ffffL)).isTrue();
        assertThat(chunk.contains(0x7f0000040000L)).isFalse();
        assertThat(maps.get(1).name()).isEqualTo("[heap]");
        assertThat(maps.get(1).perms()).isEqualTo("r--p");
        assertThat(maps.get(1).lockedBytes()).isZero();
        assertThat(maps.get(1).lockedAndNotDumped()).isFalse();
    }

    @Test
    void aBlockWithoutLockedOrVmFlagsLinesIsKeptWithMinusOneAndNoFlags() {
        Smaps.Mapping last = Smaps.parse(TEXT).get(2);
        assertThat(last.start()).isEqualTo(0xffffffffff600000L); // above Long.MAX_VALUE: read unsigned
        assertThat(last.name()).isEqualTo("/secretmem (deleted)");
        assertThat(last.lockedBytes()).isEqualTo(-1);
        assertThat(last.flags()).isEmpty();
    }

    @Test
    void theLiveFileParsesAndNamesTheStack() {
        List<Smaps.Mapping> live = Smaps.current();
        assertThat(live).isNotEmpty()
                .allSatisfy(m -> assertThat(m.end()).isGreaterThan(m.start()))
                .allSatisfy(m -> assertThat(m.perms()).hasSize(4))
                .anySatisfy(m -> assertThat(m.name()).isEqualTo("[stack]"));
    }
}
