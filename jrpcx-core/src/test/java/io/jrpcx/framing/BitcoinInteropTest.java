package io.jrpcx.framing;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.jrpcx.testing.PythonScript;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential test against Python aiorpcX 0.22.1's {@code BitcoinFramer}: both frame the same messages
 * (boundary and random sizes) byte for byte alike, each decodes the other's frames, and both treat bad
 * checksums, bad magic and oversized payloads alike. aiorpcX runs with its default payload limit and a
 * block limit of 3,000,000 (its {@code max_block_size} option) to keep the blocks small.
 */
class BitcoinInteropTest {
    private static final int LIMIT = BitcoinFramer.DEFAULT_MAX_PAYLOAD_SIZE;
    private static final int BLOCK_LIMIT = 3_000_000;
    private static final BitcoinFramer.Options OPTIONS = BitcoinFramer.Options.builder().maxBlockSize(BLOCK_LIMIT).build();

    @TempDir
    Path dir;

    private final Random random = new Random(2018);

    private BinaryMessage message(String command, int size) {
        byte[] payload = new byte[size];
        random.nextBytes(payload);
        return new BinaryMessage(command, payload);
    }

    @Test
    void aiorpcxAndJrpcxAgreeOnFramesAndOnEveryKindOfBadInput() throws Exception {
        List<BinaryMessage> good = new ArrayList<>(List.of(
                message("version", 0), message("v", 1), message("tx", LIMIT - 1), message("tx", LIMIT),
                message("block", BLOCK_LIMIT - 1), message("block", BLOCK_LIMIT), message("abcdefghijkl", 3),
                message("", 0), message("a\u00e9\u00ff", 5)));
        for (int i = 0; i < 60; i++) {
            good.add(message("cmd" + i, random.nextInt(i % 10 == 0 ? 200_000 : 3000)));
        }
        BinaryMessage oversized = message("tx", LIMIT + 1);
        BinaryMessage oversizedBlock = message("block", BLOCK_LIMIT + 1);
        List<BinaryMessage> all = new ArrayList<>(good);
        all.add(oversized);
        all.add(oversizedBlock);

        BitcoinFramer framer = new BitcoinFramer(OPTIONS);
        BitcoinFramer mainnet = new BitcoinFramer(OPTIONS.toBuilder().magic(BitcoinFramer.MAINNET).build());
        writeMessages(all);
        List<byte[]> jrpcxFrames = all.stream().map(framer::frame).toList();
        byte[] goodStream = SplitCheck.concat(jrpcxFrames.subList(0, good.size()).toArray(byte[][]::new));
        Files.write(dir.resolve("good.stream"), goodStream);
        Files.write(dir.resolve("checksum.stream"), SplitCheck.concat(jrpcxFrames.get(1), flip(jrpcxFrames.get(2), 24 + 7),
                jrpcxFrames.get(0), flip(jrpcxFrames.get(6), 21), flip(jrpcxFrames.get(7), 23), jrpcxFrames.get(4)));
        Files.write(dir.resolve("magic.stream"), SplitCheck.concat(jrpcxFrames.get(1),
                mainnet.frame(good.get(2)), jrpcxFrames.get(0)));
        Files.write(dir.resolve("oversized.stream"), SplitCheck.concat(jrpcxFrames.get(1),
                framer.frame(oversized), jrpcxFrames.get(0)));
        Files.write(dir.resolve("oversizedblock.stream"), SplitCheck.concat(jrpcxFrames.get(4),
                framer.frame(oversizedBlock), jrpcxFrames.get(0)));

        PythonScript.run(Duration.ofMinutes(2), "aiorpcx_bitcoin_framing.py", dir.toString(),
                String.format("%08x", BitcoinFramer.AIORPCX_MAGIC), Integer.toString(LIMIT), Integer.toString(BLOCK_LIMIT));

        // Sending: byte for byte the same frames, boundary sizes and oversized ones included.
        List<byte[]> aiorpcxFrames = readFrames(dir.resolve("aiorpcx.bin"));
        assertThat(aiorpcxFrames).hasSameSizeAs(all);
        for (int i = 0; i < all.size(); i++) {
            assertThat(aiorpcxFrames.get(i)).as("frame of %s", all.get(i)).isEqualTo(jrpcxFrames.get(i));
        }

        // jrpcx decodes aiorpcX's frames, in order, none lost; byte by byte for the small ones.
        byte[] aiorpcxGood = SplitCheck.concat(aiorpcxFrames.subList(0, good.size()).toArray(byte[][]::new));
        assertThat(decodeWithJrpcx(aiorpcxGood)).isEqualTo(good.stream().map(BitcoinInteropTest::describe).toList());
        byte[] small = SplitCheck.concat(aiorpcxFrames.get(0), aiorpcxFrames.get(1), aiorpcxFrames.get(6),
                aiorpcxFrames.get(7), aiorpcxFrames.get(8));
        List<String> expectedSmall = List.of(0, 1, 6, 7, 8).stream().map(i -> SplitCheck.message(framer.message(
                good.get(i).command(), good.get(i).payload()))).toList();
        SplitCheck.everySplit(() -> new BitcoinFramer(OPTIONS), small, expectedSmall, false);

        // aiorpcX decodes jrpcx's frames; both treat bad input alike.
        for (String name : List.of("good", "checksum", "magic", "oversized", "oversizedblock")) {
            byte[] stream = Files.readAllBytes(dir.resolve(name + ".stream"));
            List<String> aiorpcx = readDecoded(dir.resolve(name + ".decoded"));
            assertThat(decodeWithJrpcx(stream)).as(name).isEqualTo(aiorpcx);
        }
        assertThat(readDecoded(dir.resolve("checksum.decoded")))
                .containsExactly(describe(good.get(1)), "BadChecksumError", describe(good.get(0)), "BadChecksumError",
                        "BadChecksumError", describe(good.get(4)));
        assertThat(readDecoded(dir.resolve("magic.decoded"))).containsExactly(describe(good.get(1)), "BadMagicError");
        assertThat(readDecoded(dir.resolve("oversized.decoded")))
                .containsExactly(describe(good.get(1)), "OversizedPayloadError");
        assertThat(readDecoded(dir.resolve("oversizedblock.decoded")))
                .containsExactly(describe(good.get(4)), "OversizedPayloadError");
    }

    private static byte[] flip(byte[] frame, int index) {
        byte[] copy = frame.clone();
        copy[index] ^= 0x01;
        return copy;
    }

    /** jrpcx's view of a stream, named as aiorpcX's errors are. */
    private static List<String> decodeWithJrpcx(byte[] stream) {
        BitcoinFramer framer = new BitcoinFramer(OPTIONS);
        List<String> events = new ArrayList<>();
        framer.feed(ByteBuffer.wrap(stream), FrameSink.of(
                m -> events.add(describe(framer.parse(m))),
                reason -> events.add(reason.startsWith("bad checksum") ? "BadChecksumError" : "?" + reason),
                reason -> events.add(reason.startsWith("bad network magic") ? "BadMagicError"
                        : reason.startsWith("oversized payload") ? "OversizedPayloadError" : "?" + reason)));
        return events;
    }

    static String describe(BinaryMessage m) {
        return describe(m.command().getBytes(ISO_8859_1), m.payload());
    }

    private static String describe(byte[] command, byte[] payload) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(payload);
            return HexFormat.of().formatHex(command) + ":" + payload.length + ":" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void writeMessages(List<BinaryMessage> messages) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (BinaryMessage m : messages) {
            byte[] command = m.command().getBytes(ISO_8859_1);
            out.write(command.length);
            out.write(command);
            out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(m.payload().length).array());
            out.write(m.payload());
        }
        Files.write(dir.resolve("messages.bin"), out.toByteArray());
    }

    private static List<byte[]> readFrames(Path path) throws Exception {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(path)).order(ByteOrder.LITTLE_ENDIAN);
        List<byte[]> frames = new ArrayList<>();
        while (in.hasRemaining()) {
            byte[] frame = new byte[in.getInt()];
            in.get(frame);
            frames.add(frame);
        }
        return frames;
    }

    private static List<String> readDecoded(Path path) throws Exception {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(path)).order(ByteOrder.LITTLE_ENDIAN);
        List<String> events = new ArrayList<>();
        String[] errors = {null, "BadChecksumError", "BadMagicError", "OversizedPayloadError"};
        while (in.hasRemaining()) {
            int kind = in.get();
            byte[] command = new byte[in.get() & 0xFF];
            in.get(command);
            byte[] payload = new byte[in.getInt()];
            in.get(payload);
            events.add(kind == 0 ? describe(command, payload) : errors[kind]);
        }
        return events;
    }
}
