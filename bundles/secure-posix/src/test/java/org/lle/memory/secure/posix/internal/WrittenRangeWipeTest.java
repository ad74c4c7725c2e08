package org.lle.memory.secure.posix.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lle.memory.testsupport.ChildJvmRun;

/**
 * Close wipes every byte any write path put into a buffer, though it wipes only the recorded range: the secret
 * written through each path ({@link WrittenRangeWipe.Path}) at the first, a middle and the last byte is gone
 * from the slot's raw memory after close. The control switches recording off in a child JVM and must find the
 * secret left behind in every case, so each case is shown to catch a path that does not record.
 */
class WrittenRangeWipeTest {
    @Test
    void everyWritePathAtEveryIndexIsWipedOnClose() {
        try (PosixSecureMemory memory = new PosixSecureMemory(PosixSettings.defaults())) {
            List<WrittenRangeWipe.Case> cases = WrittenRangeWipe.run(memory);
            assertThat(cases).hasSize(WrittenRangeWipe.Path.values().length * WrittenRangeWipe.INDEXES.length);
            assertThat(cases).as("control: the secret reached the slot").allMatch(WrittenRangeWipe.Case::seenBeforeClose);
            assertThat(cases).as("nothing left after close").allMatch(c -> c.leftoverBytes() == 0);
        }
    }

    @Test
    void controlWithWritesUnrecordedEveryCaseFindsTheSecretLeft() {
        ChildJvmRun run = ChildJvmRun.wrapped(List.of(), List.of("-Dlle.secure.posix.untrackedWritesForTest=true",
                "-Xmx64m"), WrittenRangeWipe.class);
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("untracked=true");
        List<String> lines = run.output().lines().filter(line -> line.startsWith("case ")).toList();
        assertThat(lines).hasSize(WrittenRangeWipe.Path.values().length * WrittenRangeWipe.INDEXES.length);
        assertThat(lines).as(run.output()).noneMatch(line -> line.contains("NOT-WRITTEN"))
                .noneMatch(line -> line.endsWith("leftover=0"));
    }
}
