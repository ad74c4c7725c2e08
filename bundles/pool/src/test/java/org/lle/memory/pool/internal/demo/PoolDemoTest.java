package org.lle.memory.pool.internal.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PoolDemoTest {

    @Test
    void printsRealStatsForEveryTypeAndATotal() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PoolDemo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), 2000);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("BUFFER", "EVENT", "HISTORY", "CUSTOM", "TOTAL");
        String total = out.lines().filter(l -> l.startsWith("TOTAL")).findFirst().orElseThrow();
        String[] cols = total.trim().split("\\s+");
        assertThat(Long.parseLong(cols[1])).isEqualTo(2000); // allocations
        assertThat(Long.parseLong(cols[3])).isPositive(); // live history entries at print time
    }
}
