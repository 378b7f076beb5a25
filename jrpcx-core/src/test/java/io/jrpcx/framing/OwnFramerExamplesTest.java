package io.jrpcx.framing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The two framers that the Javadoc of {@link Framer} and {@link BinaryFramer} show as the way to write
 * your own, copied from there, work: tested at every split like the framers jrpcx ships.
 */
class OwnFramerExamplesTest {

    /** From the Javadoc of {@link BinaryFramer}. */
    static final class Crc32Framer extends BinaryFramer {
        static final int MAX_PAYLOAD = 65_536;

        Crc32Framer() {
            super(12, 0, 4);   // header size, where the command is in it, command size
        }

        @Override
        protected int checkHeader(byte[] header) {
            long length = ByteBuffer.wrap(header).getInt(4) & 0xFFFF_FFFFL;
            if (length > MAX_PAYLOAD) {
                throw new FramingException("payload of " + length + " bytes is over " + MAX_PAYLOAD);
            }
            return (int) length;
        }

        @Override
        protected @Nullable String checkPayload(byte[] header, byte[] message) {
            int crc = crc(message, commandSize());
            return crc == ByteBuffer.wrap(header).getInt(8) ? null : "bad CRC-32, message dropped";
        }

        @Override
        protected void writeHeader(byte[] header, byte[] message) {   // the command is already in place
            ByteBuffer.wrap(header).putInt(4, message.length - commandSize()).putInt(8, crc(message, commandSize()));
        }

        private static int crc(byte[] bytes, int from) {
            CRC32 crc = new CRC32();
            crc.update(bytes, from, bytes.length - from);
            return (int) crc.getValue();
        }
    }

    /** From the Javadoc of {@link Framer}. */
    static final class LengthPrefixFramer implements Framer {
        private final int limit;
        private final ByteBuffer prefix = ByteBuffer.allocate(4);
        private @Nullable ByteBuffer body;   // the message being gathered, sized once its length is checked
        private boolean failed;

        LengthPrefixFramer(int limit) {
            this.limit = limit;
        }

        @Override
        public byte[] frame(byte[] message) {
            return ByteBuffer.allocate(4 + message.length).putInt(message.length).put(message).array();
        }

        @Override
        public void feed(ByteBuffer data, FrameSink sink) {
            while (data.hasRemaining() && !failed) {
                if (body == null) {
                    while (prefix.hasRemaining() && data.hasRemaining()) {
                        prefix.put(data.get());
                    }
                    if (prefix.hasRemaining()) {
                        return;
                    }
                    long length = prefix.flip().getInt() & 0xFFFF_FFFFL;
                    prefix.clear();
                    if (length > limit) {   // no way to find the next message without reading this one
                        failed = true;
                        data.position(data.limit());
                        sink.onFatal("a message of " + length + " bytes is over the limit of " + limit);
                        return;
                    }
                    body = ByteBuffer.allocate((int) length);
                }
                int n = Math.min(body.remaining(), data.remaining());
                body.put(body.position(), data, data.position(), n).position(body.position() + n);
                data.position(data.position() + n);
                if (!body.hasRemaining()) {
                    byte[] message = body.array();
                    body = null;
                    sink.onMessage(message);
                }
            }
            data.position(data.limit());
        }
    }

    @Test
    void theBinaryFramerExampleFramesChecksAndSurvivesEverySplit() {
        Crc32Framer framer = new Crc32Framer();
        byte[] good = framer.frame("ping", new byte[] {1, 2, 3});
        byte[] bad = framer.frame("pong", new byte[] {4, 5});
        bad[13] ^= 1;
        byte[] tooBig = ByteBuffer.allocate(12).put("data".getBytes()).putInt(65_537).array();
        byte[] stream = SplitCheck.concat(good, bad, framer.frame("", new byte[0]), tooBig, good);
        List<String> expected = List.of(SplitCheck.message(framer.message("ping", new byte[] {1, 2, 3})), "drop",
                SplitCheck.message(new byte[4]), "fatal");
        SplitCheck.everySplit(Crc32Framer::new, stream, expected, true);
        List<BinaryMessage> parsed = new ArrayList<>();
        new Crc32Framer().feed(ByteBuffer.wrap(good), m -> parsed.add(framer.parse(m)));
        assertThat(parsed).containsExactly(new BinaryMessage("ping", new byte[] {1, 2, 3}));
    }

    @Test
    void theFramerExampleSurvivesEverySplit() {
        LengthPrefixFramer framer = new LengthPrefixFramer(5);
        byte[] stream = SplitCheck.concat(framer.frame("abc".getBytes()), framer.frame(new byte[0]),
                framer.frame("abcde".getBytes()), framer.frame("abcdef".getBytes()), framer.frame("x".getBytes()));
        List<String> expected = List.of(SplitCheck.message("abc".getBytes()), SplitCheck.message(new byte[0]),
                SplitCheck.message("abcde".getBytes()), "fatal");
        SplitCheck.everySplit(() -> new LengthPrefixFramer(5), stream, expected, true);
        Framing framing = () -> new LengthPrefixFramer(65_536);
        assertThat(framing.newFramer()).isNotSameAs(framing.newFramer());
    }
}
