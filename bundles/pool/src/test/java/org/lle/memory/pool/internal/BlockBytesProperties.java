package org.lle.memory.pool.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.lle.memory.pool.PoolBlock;
import org.lle.memory.pool.PoolConfig;
import org.lle.memory.pool.PoolType;

/**
 * The byte operations of a block and of its access against a plain array: overlapping copies in both directions,
 * fill, mismatch, reads and writes, each with indexes inside, at and far outside the bounds (negative, huge, sums
 * that overflow). An out-of-bounds call throws {@link IndexOutOfBoundsException} and changes nothing.
 */
class BlockBytesProperties {

    /** One call: {@code kind} picks the method; the ints are its index, second index and length. */
    record Op(int kind, int a, int b, int length, byte value) {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Integer> index = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.integers().between(0, 300)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(-1, -300, Integer.MIN_VALUE, Integer.MAX_VALUE,
                        Integer.MAX_VALUE - 3, 1 << 30)));
        return Combinators.combine(Arbitraries.integers().between(0, 6), index, index, index,
                Arbitraries.bytes()).as(Op::new).list().ofMaxSize(60);
    }

    @Property(tries = 200)
    void aBlockAndItsAccessBehaveLikeAnArray(@ForAll("ops") List<Op> ops, @ForAll boolean throughAccess,
            @ForAll @IntRange(min = 1, max = 300) int size) {
        try (DefaultMemoryPoolSystem pools = new DefaultMemoryPoolSystem(PoolConfig.defaults())) {
            PoolBlock block = pools.allocate(PoolType.STRING, size);
            byte[] model = new byte[size];
            PoolBlock.Access access = throughAccess ? block.access() : null;
            for (Op op : ops) {
                byte[] before = model.clone();
                boolean inBounds = apply(op, model, size);
                if (!inBounds) {
                    assertThatThrownBy(() -> call(op, block, access, size))
                            .as("%s on %d bytes", op, size).isInstanceOf(IndexOutOfBoundsException.class);
                    assertThat(model).isEqualTo(before);
                } else {
                    Object got = call(op, block, access, size);
                    if (op.kind == 4) {
                        assertThat(got).as("mismatch %s", op).isEqualTo(Arrays.mismatch(model, op.a,
                                op.a + op.length, otherFor(op, size), op.b, op.b + op.length));
                    } else if (op.kind == 5) {
                        assertThat(got).as("read %s", op).isEqualTo(Arrays.copyOfRange(model, op.a, op.a + op.length));
                    } else if (op.kind == 6) {
                        assertThat(got).isEqualTo(model[op.a]);
                    }
                }
                byte[] actual = new byte[size];
                block.read(0, actual, 0, size);
                assertThat(actual).as("after %s", op).isEqualTo(model);
            }
            if (access != null) {
                access.close();
            }
            block.close();
        }
    }

    /** The bytes a mismatch compares with and a write copies: a short pattern, so some ranges match. */
    private static byte[] otherFor(Op op, int size) {
        byte[] other = new byte[size];
        for (int i = 0; i < size; i++) {
            other[i] = (byte) ((i * 7) & 3);
        }
        return other;
    }

    /** Applies the op to the model. @return false when its ranges are out of bounds (nothing applied) */
    private static boolean apply(Op op, byte[] model, int size) {
        switch (op.kind) {
            case 0: // copy a -> b
                if (!inside(op.a, op.length, size) || !inside(op.b, op.length, size)) {
                    return false;
                }
                System.arraycopy(model, op.a, model, op.b, op.length);
                return true;
            case 1: // fill
                if (!inside(op.a, op.length, size)) {
                    return false;
                }
                Arrays.fill(model, op.a, op.a + op.length, op.value);
                return true;
            case 2: // put
                if (op.a < 0 || op.a >= size) {
                    return false;
                }
                model[op.a] = op.value;
                return true;
            case 3: // write b-long pattern from the op's source array
                if (!inside(op.a, op.length, size) || !inside(op.b, op.length, size)) {
                    return false;
                }
                System.arraycopy(otherFor(op, size), op.b, model, op.a, op.length);
                return true;
            case 4: // mismatch
            case 5: // read
                return inside(op.a, op.length, size) && inside(op.b, op.length, size);
            default: // get
                return op.a >= 0 && op.a < size;
        }
    }

    private static boolean inside(int from, int length, int size) {
        return from >= 0 && length >= 0 && (long) from + length <= size;
    }

    private static Object call(Op op, PoolBlock block, PoolBlock.Access access, int size) {
        byte[] other = otherFor(op, size);
        switch (op.kind) {
            case 0:
                if (access != null) {
                    access.copy(op.a, op.b, op.length);
                } else {
                    block.copy(op.a, op.b, op.length);
                }
                return null;
            case 1:
                if (access != null) {
                    access.fill(op.a, op.length, op.value);
                } else {
                    block.fill(op.a, op.length, op.value);
                }
                return null;
            case 2:
                if (access != null) {
                    access.put(op.a, op.value);
                } else {
                    block.put(op.a, op.value);
                }
                return null;
            case 3:
                if (access != null) {
                    access.write(op.a, other, op.b, op.length);
                } else {
                    block.write(op.a, other, op.b, op.length);
                }
                return null;
            case 4:
                return access != null ? access.mismatch(op.a, other, op.b, op.length)
                        : block.mismatch(op.a, other, op.b, op.length);
            case 5:
                byte[] dst = new byte[size];
                if (access != null) {
                    access.read(op.a, dst, op.b, op.length);
                } else {
                    block.read(op.a, dst, op.b, op.length);
                }
                return Arrays.copyOfRange(dst, op.b, op.b + op.length);
            default:
                return access != null ? access.get(op.a) : block.get(op.a);
        }
    }

    @Example
    void nullArraysAreANullPointerExceptionNamingTheArgument() {
        try (DefaultMemoryPoolSystem pools = new DefaultMemoryPoolSystem(PoolConfig.defaults());
                PoolBlock block = pools.allocate(PoolType.STRING, 8);
                PoolBlock.Access access = block.access()) {
            assertThatThrownBy(() -> block.mismatch(0, null, 0, 1)).isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("other");
            assertThatThrownBy(() -> access.mismatch(0, null, 0, 1)).isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("other");
            assertThatThrownBy(() -> access.read(0, null, 0, 1)).isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("dst");
            assertThatThrownBy(() -> access.write(0, null, 0, 1)).isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("src");
        }
    }

    @Example
    void aCopyMovesTextUpAndDownLikeAnInsertAndADelete() {
        try (DefaultMemoryPoolSystem pools = new DefaultMemoryPoolSystem(PoolConfig.defaults());
                PoolBlock block = pools.allocate(PoolType.STRING, 8)) {
            block.write(0, "abcdefg".getBytes(), 0, 7);
            try (PoolBlock.Access a = block.access()) {
                a.copy(3, 4, 4); // insert at 3: overlapping, upwards
                a.put(3, (byte) 'X');
                byte[] line = new byte[8];
                a.read(0, line, 0, 8);
                assertThat(new String(line)).isEqualTo("abcXdefg");
            }
            block.copy(4, 3, 4); // delete at 3: overlapping, downwards
            byte[] line = new byte[7];
            block.read(0, line, 0, 7);
            assertThat(new String(line)).isEqualTo("abcdefg");
            assertThat(block.mismatch(0, "abcdefg".getBytes(), 0, 7)).isEqualTo(-1);
            assertThat(block.mismatch(0, "abcXefg".getBytes(), 0, 7)).isEqualTo(3);
            block.fill(1, 5, (byte) '-');
            block.read(0, line, 0, 7);
            assertThat(new String(line)).isEqualTo("a-----g");
        }
    }
}
