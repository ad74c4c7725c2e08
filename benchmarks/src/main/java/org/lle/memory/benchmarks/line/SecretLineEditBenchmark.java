package org.lle.memory.benchmarks.line;

import java.util.concurrent.TimeUnit;
import org.lle.memory.secure.SecureMemories;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.broker.internal.HotSwapBroker;
import org.lle.memory.secure.line.SecretLine;
import org.lle.memory.secure.line.SecretLines;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Typing in the middle of a 256-code-point line: one insert of a code point at the cursor and one delete before
 * it (Backspace), so the line stays the same across invocations. The secret line over the POSIX provider and
 * through the hot-swap broker, beside a plain {@code byte[]} gap buffer doing the same (the speed floor).
 * Goal: the POSIX line within 3x of the byte[] gap buffer.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar 'SecretLineEdit' -f 2 -wi 3 -i 4 -w 1s -r 1s
 * -prof org.lle.memory.benchmarks.profile.CpuTimeProfiler}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class SecretLineEditBenchmark {
    private static final int LINE_LENGTH = 256;

    /** The UTF-8 length of the typed code point: ASCII, or a 3-byte character such as the euro sign. */
    @Param({"1", "3"})
    public int bytesPerChar;

    private int codePoint;
    private ByteArrayGapBuffer plain;
    private SecretLine posixLine;
    private SecretLine brokerLine;
    private HotSwapBroker broker;

    @Setup
    public void setUp() {
        codePoint = bytesPerChar == 1 ? 'a' : 0x20AC;
        SecureMemory posix = SecureMemories.detect();
        if (!"posix".equals(posix.info().provider())) {
            throw new IllegalStateException("the POSIX provider does not work here: " + posix.info());
        }
        broker = new HotSwapBroker();
        broker.bind(posix);
        plain = new ByteArrayGapBuffer();
        posixLine = SecretLines.factory(posix).create(LINE_LENGTH + 1);
        brokerLine = SecretLines.factory(broker).create(LINE_LENGTH + 1);
        for (int i = 0; i < LINE_LENGTH; i++) {
            plain.insert(codePoint);
            posixLine.insert(codePoint);
            brokerLine.insert(codePoint);
        }
        for (int i = 0; i < LINE_LENGTH / 2; i++) {
            plain.left();
            posixLine.left();
            brokerLine.left();
        }
    }

    /** A benchmark that drifted (an insert without its delete) would measure another line: fail the run. */
    @TearDown(Level.Iteration)
    public void checkTheLinesStayedTheSame() {
        int bytes = LINE_LENGTH * bytesPerChar;
        if (plain.byteLength() != bytes || posixLine.byteLength() != bytes || brokerLine.byteLength() != bytes
                || posixLine.cursor() != LINE_LENGTH / 2 || brokerLine.cursor() != LINE_LENGTH / 2) {
            throw new IllegalStateException("a line changed: " + posixLine + ", " + brokerLine);
        }
    }

    @TearDown
    public void tearDown() {
        posixLine.close();
        brokerLine.close();
        broker.shutdown("benchmark done");
    }

    @Benchmark
    public boolean byteArrayGapBuffer() {
        plain.insert(codePoint);
        return plain.deleteBefore();
    }

    @Benchmark
    public boolean lleSecretLinePosix() {
        posixLine.insert(codePoint);
        return posixLine.deleteBefore();
    }

    @Benchmark
    public boolean lleSecretLineBroker() {
        brokerLine.insert(codePoint);
        return brokerLine.deleteBefore();
    }
}
