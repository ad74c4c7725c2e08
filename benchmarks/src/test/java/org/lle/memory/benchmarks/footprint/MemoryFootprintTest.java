package org.lle.memory.benchmarks.footprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MemoryFootprintTest {

    @Test
    void anotherBlockCountGetsKeysOfItsOwnSoTheGoalsKeepReadingTheDefault() {
        Map<String, Object> out = MemoryFootprint.blocks("pool", 2000, MemoryFootprint::ourPool);
        assertEquals(2000, out.get("footprint.pool.n2000.blocks"));
        assertEquals(true, out.get("footprint.pool.n2000.liveCheck"));
        assertTrue(out.keySet().stream().allMatch(k -> k.startsWith("footprint.pool.n2000.")), out.keySet()::toString);
    }

    @Test
    void blockCountOutsideItsRangeIsRefusedNamingTheValueAndTheRange() {
        assertEquals(500_000, MemoryFootprint.blockCount("500000"));
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                () -> MemoryFootprint.blockCount("10"));
        assertTrue(small.getMessage().contains("1000 to 2000000, got 10"), small.getMessage());
        IllegalArgumentException text = assertThrows(IllegalArgumentException.class,
                () -> MemoryFootprint.blockCount("lots"));
        assertTrue(text.getMessage().contains("'lots'"), text.getMessage());
    }
}
