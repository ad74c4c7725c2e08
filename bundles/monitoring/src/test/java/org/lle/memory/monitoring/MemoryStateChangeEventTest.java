package org.lle.memory.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lle.memory.pool.AllocationStrategy;
import org.lle.memory.pool.MemoryPoolSystem;
import org.lle.memory.pool.MemoryPools;
import org.lle.memory.pool.PoolType;

class MemoryStateChangeEventTest {
    @TempDir
    Path dir;

    @Test
    void stateChangesAreRecorded() throws Exception {
        try (MemoryPoolSystem pools = MemoryPools.create(); LleMBeans.Registration r = LleMBeans.register(pools, null)) {
            Path file = dir.resolve("a.jfr");
            try (Recording recording = new Recording()) {
                recording.enable("org.lle.memory.MemoryStateChange");
                recording.start();
                pools.allocate(PoolType.EVENT, 10, AllocationStrategy.EMERGENCY_ONLY).close();
                pools.allocate(PoolType.EVENT, 10).close();
                recording.stop();
                recording.dump(file);
            }
            List<String> changes = new ArrayList<>();
            for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
                changes.add(event.getString("from") + "->" + event.getString("to"));
            }
            assertThat(changes).containsExactly("ACTIVE->LOW_MEMORY", "LOW_MEMORY->ACTIVE");
        }
    }
}
