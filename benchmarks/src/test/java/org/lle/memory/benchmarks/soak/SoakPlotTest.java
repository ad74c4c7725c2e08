package org.lle.memory.benchmarks.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoakPlotTest {
    private static final String HEADER = "seconds,rss_kib,vmlck_kib,mappings,pool_live_blocks,secure_live_buffers,"
            + "idle_locked_kib,swaps,ops,refused,lost,corrupted,errors";

    @Test
    void samplesBecomeAPng(@TempDir Path dir) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Path csv = dir.resolve("s.csv");
        Files.write(csv, List.of(HEADER, "0.0,90000,256,270,10,2,0,0,100,0,0,0,0",
                "5.0,91000,512,280,2000,90,0,1,900000,0,0,0,0"));
        Path png = dir.resolve("s.png");
        SoakPlot.write(csv, png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(900, image.getWidth());
        assertEquals(1100, image.getHeight());
    }

    @Test
    void aFileWithoutSamplesOrColumnsIsNamed(@TempDir Path dir) throws Exception {
        Path empty = dir.resolve("empty.csv");
        Files.write(empty, List.of(HEADER));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SoakPlot.write(empty, dir.resolve("x.png")))
                .getMessage().contains("has no samples"));
        Path odd = dir.resolve("odd.csv");
        Files.write(odd, List.of("seconds,other", "1,2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SoakPlot.write(odd, dir.resolve("x.png")))
                .getMessage().contains("has no column 'rss_kib'"));
    }
}
