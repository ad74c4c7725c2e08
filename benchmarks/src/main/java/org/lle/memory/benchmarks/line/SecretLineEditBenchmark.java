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
 * through the hot-swap broker, each with checked calls on its buffer and inside an edit scope
 * ({@link SecretLine#openEditScope()}, held for the whole run as a line editor holds it while keys come), beside a
 * plain {@code byte[]} gap buffer doing the same (the speed floor). Goal: the POSIX line within 3x of the byte[]
 * gap buffer.
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
    private SecretLine posixScopedLine;
    private SecretLine brokerScopedLine;
    private SecretLine.EditScope posixScope;
    private SecretLine.EditScope brokerScope;
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
        posixScopedLine = SecretLines.factory(posix).create(LINE_LENGTH + 1);
        brokerScopedLine = SecretLines.factory(broker).create(LINE_LENGTH + 1);
        for (int i = 0; i < LINE_LENGTH; i++) {
            plain.insert(codePoint);
            for (SecretLine line : lines()) {
                line.insert(codePoint);
            }
        }
        for (int i = 0; i < LINE_LENGTH / 2; i++) {
            plain.left();
            for (SecretLine line : lines()) {
                line.left();
            }
        }
        // a Thread-scoped state is set up on the thread that runs the benchmark: the scopes belong to it
        posixScope = posixScopedLine.openEditScope();
        brokerScope = brokerScopedLine.openEditScope();
    }

    private SecretLine[] lines() {
        return new SecretLine[] {posixLine, brokerLine, posixScopedLine, brokerScopedLine};
    }

    /** A benchmark that drifted (an insert without its delete) would measure another line: fail the run. */
    @TearDown(Level.Iteration)
    public void checkTheLinesStayedTheSame() {
        int bytes = LINE_LENGTH * bytesPerChar;
        if (plain.byteLength() != bytes || plain.length() != LINE_LENGTH || plain.cursor() != LINE_LENGTH / 2) {
            throw new IllegalStateException("the byte[] gap buffer changed");
        }
        for (SecretLine line : lines()) {
            if (line.byteLength() != bytes || line.cursor() != LINE_LENGTH / 2) {
                throw new IllegalStateException("a line changed: " + line);
            }
        }
    }

    @TearDown
    public void tearDown() {
        posixScope.close();
        brokerScope.close();
        for (SecretLine line : lines()) {
            line.close();
        }
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

    @Benchmark
    public boolean lleSecretLinePosixInScope() {
        posixScopedLine.insert(codePoint);
        return posixScopedLine.deleteBefore();
    }

    @Benchmark
    public boolean lleSecretLineBrokerInScope() {
        brokerScopedLine.insert(codePoint);
        return brokerScopedLine.deleteBefore();
    }
}
