package io.jrpcx.framing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ByteScanTest {

    private static int naive(byte[] a, int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (a[i] == value) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void findsEveryPositionInEveryKindOfBuffer() {
        for (int length = 0; length <= 40; length++) {
            for (int at = -1; at < length; at++) {
                byte[] bytes = new byte[length];
                for (int i = 0; i < length; i++) {
                    // Neighbouring values (0x09, 0x0B, 0x8A) catch carries between bytes.
                    bytes[i] = (byte) (i % 3 == 0 ? 0x0B : i % 3 == 1 ? 0x09 : 0x8A);
                }
                if (at >= 0) {
                    bytes[at] = '\n';
                }
                for (int from = 0; from <= length; from++) {
                    int expected = naive(bytes, from, length, (byte) '\n');
                    assertThat(ByteScan.indexOf(bytes, from, length, (byte) '\n')).isEqualTo(expected);
                    for (ByteBuffer buffer : buffers(bytes)) {
                        assertThat(ByteScan.indexOf(buffer, from, length, (byte) '\n'))
                                .as("length %d at %d from %d in %s", length, at, from, buffer)
                                .isEqualTo(expected);
                    }
                }
            }
        }
    }

    @Test
    void findsTheFirstOfSeveralAndNeverAByteBelowTheRange() {
        Random random = new Random(42);
        for (int round = 0; round < 2000; round++) {
            int length = random.nextInt(70);
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            byte value = (byte) random.nextInt(4); // frequent hits, including 0x00
            int from = length == 0 ? 0 : random.nextInt(length + 1);
            int to = from + random.nextInt(length - from + 1);
            int expected = naive(bytes, from, to, value);
            assertThat(ByteScan.indexOf(bytes, from, to, value)).isEqualTo(expected);
            for (ByteBuffer buffer : buffers(bytes)) {
                assertThat(ByteScan.indexOf(buffer, from, to, value)).isEqualTo(expected);
            }
        }
    }

    @Test
    void honoursTheArrayOffsetOfASlicedHeapBuffer() {
        byte[] bytes = "\n\n\nabcdefghijkl\nmn".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        ByteBuffer slice = ByteBuffer.wrap(bytes, 3, bytes.length - 3).slice();
        assertThat(ByteScan.indexOf(slice, 0, slice.limit(), (byte) '\n')).isEqualTo(12);
    }

    private static ByteBuffer[] buffers(byte[] bytes) {
        ByteBuffer directLittle = ByteBuffer.allocateDirect(bytes.length).order(ByteOrder.LITTLE_ENDIAN);
        directLittle.put(bytes).clear();
        ByteBuffer directBig = ByteBuffer.allocateDirect(bytes.length).order(ByteOrder.BIG_ENDIAN);
        directBig.put(bytes).clear();
        return new ByteBuffer[] {ByteBuffer.wrap(bytes), directLittle, directBig};
    }
}
