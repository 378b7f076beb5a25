package io.jrpcx.internal.framing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ByteQueueTest {

    @Test
    void growsWithWhatArrivesNeverBeyondTheMessageAndHandsOutItsArrayWithoutACopy() {
        byte[] message = new byte[1_000_000];
        new Random(1).nextBytes(message);
        ByteQueue queue = new ByteQueue();
        queue.start(message.length);
        assertThat(queue.capacity()).isZero();
        int pos = 0;
        Random random = new Random(2);
        while (!queue.isComplete()) {
            int to = Math.min(message.length + 50, pos + 1 + random.nextInt(40_000));
            ByteBuffer data = ByteBuffer.wrap(message, 0, Math.min(to, message.length));
            pos += queue.append(data, pos, data.limit());
            assertThat(queue.size()).isEqualTo(pos);
            assertThat(queue.capacity()).isLessThanOrEqualTo(message.length)
                    .isLessThanOrEqualTo(Math.max(2 * pos, ByteQueue.EAGER_SIZE));
        }
        byte[] taken = queue.take();
        assertThat(taken).isEqualTo(message);
        assertThat(queue.capacity()).isZero();
        assertThat(queue.size()).isZero();
    }

    @Test
    void takesNoMoreThanTheMessageLacks() {
        ByteQueue queue = new ByteQueue();
        queue.start(3);
        queue.append(new byte[] {1}, 0, 1);
        assertThat(queue.append(ByteBuffer.wrap(new byte[] {2, 3, 4, 5}), 0, 4)).isEqualTo(2);
        assertThat(queue.take()).containsExactly(1, 2, 3);
        queue.start(0);
        assertThat(queue.isComplete()).isTrue();
        assertThat(queue.take()).isEmpty();
    }

    @Test
    void misuseIsRefused() {
        ByteQueue queue = new ByteQueue();
        queue.start(2);
        assertThatThrownBy(() -> queue.append(new byte[3], 0, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(queue::take).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> queue.start(-1)).isInstanceOf(IllegalArgumentException.class);
        queue.clear();
        assertThat(queue.capacity()).isZero();
    }

    @Test
    void doubleSha256IsBitcoinsChecksum() {
        // The checksum of an empty payload, as every Bitcoin implementation sends it: 5d f6 e0 e2.
        DoubleSha256 sha = new DoubleSha256();
        assertThat(sha.checksum(new byte[0], 0, 0)).isEqualTo(0x5DF6E0E2);
        assertThat(sha.copy().checksum(new byte[] {9, 0, 0}, 1, 0)).isEqualTo(0x5DF6E0E2);
    }
}
