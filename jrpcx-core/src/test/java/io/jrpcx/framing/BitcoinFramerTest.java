package io.jrpcx.framing;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BitcoinFramerTest {
    private static final BitcoinFramer.Options SMALL =
            BitcoinFramer.Options.builder().maxPayloadSize(10).maxBlockSize(20).build();

    /** A header and payload built by hand from the protocol's description, not by the framer. */
    static byte[] wire(int magic, String command, byte[] payload) {
        ByteBuffer out = ByteBuffer.allocate(24 + payload.length);
        out.putInt(magic);
        byte[] field = Arrays.copyOf(command.getBytes(ISO_8859_1), 12);
        out.put(field);
        out.order(ByteOrder.LITTLE_ENDIAN).putInt(payload.length).order(ByteOrder.BIG_ENDIAN);
        out.put(doubleSha256(payload), 0, 4);
        out.put(payload);
        return out.array();
    }

    static byte[] doubleSha256(byte[] bytes) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return sha.digest(sha.digest(bytes));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static byte[] field(String command, byte[] payload) {
        return SplitCheck.concat(Arrays.copyOf(command.getBytes(ISO_8859_1), 12), payload);
    }

    /** The framer's rules applied to a whole stream at once, written independently of it. */
    static List<String> expected(byte[] stream, int magic, int maxPayload, int maxBlock) {
        List<String> events = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(stream);
        while (in.remaining() >= 24) {
            int at = in.position();
            if (in.getInt(at) != magic) {
                events.add("fatal");
                return events;
            }
            String command = new String(stream, at + 4, 12, ISO_8859_1).replaceAll("\0+$", "");
            long length = Integer.toUnsignedLong(Integer.reverseBytes(in.getInt(at + 16)));
            long limit = command.equals("block") ? Math.max(maxPayload, maxBlock) : maxPayload;
            if (length > limit) {
                events.add("fatal");
                return events;
            }
            if (in.remaining() < 24 + length) {
                return events;
            }
            byte[] payload = Arrays.copyOfRange(stream, at + 24, at + 24 + (int) length);
            if (Arrays.equals(doubleSha256(payload), 0, 4, stream, at + 20, at + 24)) {
                events.add(SplitCheck.message(SplitCheck.concat(Arrays.copyOfRange(stream, at + 4, at + 16), payload)));
            } else {
                events.add("drop");
            }
            in.position(at + 24 + (int) length);
        }
        return events;
    }

    private static byte[] corrupt(byte[] wire, int index) {
        byte[] copy = wire.clone();
        copy[index] ^= 0x40;
        return copy;
    }

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static final int M = BitcoinFramer.AIORPCX_MAGIC;

    static final byte[][] CORPUS = {
        new byte[0],
        wire(M, "verack", new byte[0]),
        SplitCheck.concat(wire(M, "ping", bytes(8, 1)), wire(M, "pong", bytes(8, 1))),
        SplitCheck.concat(wire(M, "", new byte[0]), wire(M, "exactly12byt", bytes(10, 2)), wire(M, "a", bytes(1, 3))),
        SplitCheck.concat(wire(M, "ping", bytes(3, 4)), corrupt(wire(M, "ping", bytes(3, 5)), 24), wire(M, "ok", bytes(2, 6))),
        SplitCheck.concat(corrupt(wire(M, "x", new byte[0]), 20), wire(M, "y", new byte[0])),
        SplitCheck.concat(wire(M, "block", bytes(20, 7)), wire(M, "tx", bytes(10, 8))),
        SplitCheck.concat(wire(M, "a", bytes(4, 9)), wire(M, "tx", bytes(11, 10)), wire(M, "after", new byte[0])),
        SplitCheck.concat(wire(M, "a", bytes(4, 9)), wire(M, "block", bytes(21, 11)), wire(M, "after", new byte[0])),
        SplitCheck.concat(wire(M, "a", bytes(4, 9)), wire(BitcoinFramer.MAINNET, "a", bytes(4, 9)), wire(M, "b", bytes(1, 1))),
        SplitCheck.concat(wire(M, "block\0x", bytes(12, 12))),
        SplitCheck.concat(wire(M, "a", bytes(5, 13)), Arrays.copyOf(wire(M, "partial", bytes(9, 14)), 30)),
    };

    @Test
    void everySplitOfEveryStreamDecodesTheSame() {
        for (byte[] stream : CORPUS) {
            List<String> expected = expected(stream, M, 10, 20);
            SplitCheck.everySplit(() -> new BitcoinFramer(SMALL), stream, expected, stream.length <= 130);
        }
    }

    @Test
    void randomStreamsOfGoodBadAndFatalMessagesSplitAtRandom() {
        Random random = new Random(11);
        String[] commands = {"ping", "block", "tx", "", "version", "abcdefghijkl"};
        for (int round = 0; round < 300; round++) {
            List<byte[]> parts = new ArrayList<>();
            int count = random.nextInt(8);
            for (int i = 0; i < count; i++) {
                byte[] w = wire(random.nextInt(15) == 0 ? BitcoinFramer.REGTEST : M,
                        commands[random.nextInt(commands.length)], bytes(random.nextInt(24), random.nextInt()));
                parts.add(random.nextInt(5) == 0 ? corrupt(w, random.nextInt(w.length)) : w);
            }
            byte[] stream = SplitCheck.concat(parts.toArray(byte[][]::new));
            List<String> expected = expected(stream, M, 10, 20);
            for (int split = 0; split < 20; split++) {
                int[] cuts = random.ints(random.nextInt(10), 0, stream.length + 1).sorted().toArray();
                assertThat(SplitCheck.feed(new BitcoinFramer(SMALL), stream, cuts, random.nextInt(3)))
                        .as("%s cut at %s", HexFormat.of().formatHex(stream), Arrays.toString(cuts))
                        .isEqualTo(expected);
            }
        }
    }

    // ---- aiorpcX's framing behaviours, one test each ----

    @Test
    void goodMessageFramesAsTheProtocolSaysAndRoundTrips() {
        BitcoinFramer framer = new BitcoinFramer();
        byte[] payload = bytes(100, 1);
        byte[] framed = framer.frame("version", payload);
        assertThat(framed).isEqualTo(wire(BitcoinFramer.AIORPCX_MAGIC, "version", payload));
        assertThat(HexFormat.of().formatHex(framed, 0, 4)).isEqualTo("e3e1f3e8");
        List<BinaryMessage> received = new ArrayList<>();
        framer.feed(ByteBuffer.wrap(framed), m -> received.add(framer.parse(m)));
        assertThat(received).containsExactly(new BinaryMessage("version", payload));
        // An empty command and payload: the header aiorpcX makes for them.
        assertThat(HexFormat.of().formatHex(framer.frame("", new byte[0])))
                .isEqualTo("e3e1f3e8" + "00".repeat(16) + "5df6e0e2");
    }

    @Test
    void manyMessagesArriveInOrder() {
        BitcoinFramer framer = new BitcoinFramer();
        ByteBuffer wire = ByteBuffer.allocate(1_000_000);
        List<BinaryMessage> sent = new ArrayList<>();
        Random random = new Random(3);
        for (int i = 0; i < 1000; i++) {
            BinaryMessage m = new BinaryMessage("cmd" + i, bytes(random.nextInt(500), i));
            sent.add(m);
            wire.put(framer.frame(m));
        }
        wire.flip();
        List<BinaryMessage> received = new ArrayList<>();
        while (wire.hasRemaining()) {
            ByteBuffer part = wire.slice(wire.position(), Math.min(wire.remaining(), 1 + random.nextInt(3000)));
            wire.position(wire.position() + part.remaining());
            framer.feed(part, m -> received.add(framer.parse(m)));
        }
        assertThat(received).isEqualTo(sent);
    }

    @Test
    void badMagicIsFatalAndEverythingAfterItIsIgnored() {
        BitcoinFramer framer = new BitcoinFramer();
        SplitCheck.Recorder recorder = new SplitCheck.Recorder();
        byte[] good = framer.frame("ping", bytes(8, 1));
        byte[] mainnet = new BitcoinFramer(BitcoinFramer.Options.builder().magic(BitcoinFramer.MAINNET).build())
                .frame("ping", bytes(8, 1));
        framer.feed(ByteBuffer.wrap(SplitCheck.concat(good, mainnet, good)), recorder);
        framer.feed(ByteBuffer.wrap(good), recorder);
        assertThat(recorder.events).containsExactly(SplitCheck.message(field("ping", bytes(8, 1))), "fatal");
        assertThat(recorder.reasons).singleElement().asString()
                .isEqualTo("bad network magic: got f9beb4d9, expected e3e1f3e8");
        assertThat(framer.failure()).contains("bad network magic: got f9beb4d9, expected e3e1f3e8");
        assertThat(framer.bufferedBytes()).isZero();
    }

    @Test
    void badMagicThrowsFramingExceptionThroughADefaultSink() {
        BitcoinFramer framer = new BitcoinFramer();
        ByteBuffer data = ByteBuffer.wrap(wire(BitcoinFramer.TESTNET3, "ping", bytes(8, 1)));
        assertThatThrownBy(() -> framer.feed(data, m -> { }))
                .isInstanceOf(FramingException.class).hasMessageContaining("got 0b110907");
        List<byte[]> after = new ArrayList<>();
        framer.feed(ByteBuffer.wrap(framer.frame("ping", new byte[0])), after::add);
        assertThat(after).isEmpty();
    }

    @Test
    void badChecksumDropsThatMessageAndKeepsTheStream() {
        BitcoinFramer framer = new BitcoinFramer();
        SplitCheck.Recorder recorder = new SplitCheck.Recorder();
        byte[] bad = framer.frame("tx", bytes(50, 1));
        bad[24 + 10] ^= 1;
        framer.feed(ByteBuffer.wrap(SplitCheck.concat(bad, framer.frame("next", new byte[0]))), recorder);
        assertThat(recorder.events).containsExactly("drop", SplitCheck.message(field("next", new byte[0])));
        assertThat(recorder.reasons.get(0)).startsWith("bad checksum: payload hashes to ")
                .endsWith(", header says " + HexFormat.of().formatHex(bad, 20, 24) + "; message dropped");
        assertThat(framer.droppedCount()).isEqualTo(1);
        assertThat(framer.failure()).isEmpty();
    }

    @Test
    void oversizedPayloadIsFatalFromTheHeaderAloneBeforeAnyPayload() {
        BitcoinFramer framer = new BitcoinFramer();
        SplitCheck.Recorder recorder = new SplitCheck.Recorder();
        ByteBuffer header = ByteBuffer.allocate(24).putInt(M).put(Arrays.copyOf("tx".getBytes(ISO_8859_1), 12))
                .order(ByteOrder.LITTLE_ENDIAN).putInt(2_000_001).putInt(0);
        framer.feed(header.flip(), recorder);
        assertThat(recorder.events).containsExactly("fatal");
        assertThat(recorder.reasons).containsExactly("oversized payload of 2000001 bytes for command 'tx' (limit 2000000)");
        assertThat(framer.bufferCapacity()).isZero();
        // At the limit the payload is awaited.
        BitcoinFramer atLimit = new BitcoinFramer();
        byte[] max = atLimit.frame("tx", new byte[2_000_000]);
        List<byte[]> got = new ArrayList<>();
        atLimit.feed(ByteBuffer.wrap(max), got::add);
        assertThat(got).singleElement().satisfies(m -> assertThat(m).hasSize(12 + 2_000_000));
    }

    @Test
    void aLengthWithTheTopBitSetIsOversizedNotNegative() {
        SplitCheck.Recorder recorder = new SplitCheck.Recorder();
        ByteBuffer header = ByteBuffer.allocate(24).putInt(M).put(Arrays.copyOf("block".getBytes(ISO_8859_1), 12))
                .putInt(-1).putInt(0);
        new BitcoinFramer().feed(header.flip(), recorder);
        assertThat(recorder.reasons).containsExactly(
                "oversized payload of 4294967295 bytes for command 'block' (limit 128000000)");
    }

    @Test
    void blocksHaveTheirOwnLargerLimit() {
        BitcoinFramer.Options options = BitcoinFramer.Options.builder().maxPayloadSize(100).maxBlockSize(1000).build();
        BitcoinFramer sender = new BitcoinFramer(options);
        assertThat(SplitCheck.feed(new BitcoinFramer(options), sender.frame("block", new byte[1000]), new int[0], 0))
                .containsExactly(SplitCheck.message(field("block", new byte[1000])));
        assertThat(SplitCheck.feed(new BitcoinFramer(options), sender.frame("block", new byte[1001]), new int[0], 0))
                .containsExactly("fatal");
        assertThat(SplitCheck.feed(new BitcoinFramer(options), sender.frame("blocks", new byte[101]), new int[0], 0))
                .containsExactly("fatal");
        assertThat(SplitCheck.feed(new BitcoinFramer(options), sender.frame("tx", new byte[100]), new int[0], 0))
                .containsExactly(SplitCheck.message(field("tx", new byte[100])));
        // A block limit below the payload limit does not lower the blocks' limit (aiorpcX's rule).
        BitcoinFramer.Options low = options.toBuilder().maxBlockSize(50).build();
        assertThat(SplitCheck.feed(new BitcoinFramer(low), sender.frame("block", new byte[100]), new int[0], 0))
                .containsExactly(SplitCheck.message(field("block", new byte[100])));
    }

    @Test
    void aCommandLongerThanTwelveBytesIsRefusedWhenSending() {
        BitcoinFramer framer = new BitcoinFramer();
        assertThatThrownBy(() -> framer.frame("thirteenchars", new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than 12 bytes");
        assertThat(framer.frame("twelve_chars", new byte[0])).hasSize(24);
        assertThatThrownBy(() -> framer.frame("p\u0100ng", new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> framer.frame(new byte[11])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shorter than the command field");
    }

    /** aiorpcX's message-session tests of its framer, at the framer: the same inputs, the same verdicts. */
    @Test
    void aiorpcxMessageSessionCasesGetTheSameVerdicts() {
        // test_bad_magic: a 'version' with an empty payload from a framer whose magic is four zero bytes.
        BitcoinFramer zeroMagic = new BitcoinFramer(BitcoinFramer.Options.builder().magic(0).build());
        SplitCheck.Recorder magic = new SplitCheck.Recorder();
        new BitcoinFramer().feed(ByteBuffer.wrap(zeroMagic.frame("version", new byte[0])), magic);
        assertThat(magic.events).containsExactly("fatal");
        assertThat(magic.reasons.get(0)).contains("bad network magic");
        // test_bad_checksum: the same message with a checksum of zeros.
        byte[] zeroChecksum = new BitcoinFramer().frame("version", new byte[0]);
        Arrays.fill(zeroChecksum, 20, 24, (byte) 0);
        SplitCheck.Recorder checksum = new SplitCheck.Recorder();
        new BitcoinFramer().feed(ByteBuffer.wrap(zeroChecksum), checksum);
        assertThat(checksum.events).containsExactly("drop");
        // test_oversized_message: a 'version' of exactly the limit passes, one byte more is oversized.
        BitcoinFramer sender = new BitcoinFramer();
        assertThat(SplitCheck.feed(new BitcoinFramer(), sender.frame("version", new byte[BitcoinFramer.DEFAULT_MAX_PAYLOAD_SIZE]),
                new int[0], 0)).singleElement().asString().startsWith("m:");
        SplitCheck.Recorder oversized = new SplitCheck.Recorder();
        new BitcoinFramer().feed(ByteBuffer.wrap(sender.frame("version", new byte[BitcoinFramer.DEFAULT_MAX_PAYLOAD_SIZE + 1])),
                oversized);
        assertThat(oversized.events).containsExactly("fatal");
        assertThat(oversized.reasons.get(0)).contains("oversized payload");
    }

    // ---- buffers ----

    @Test
    void aLargeAnnouncedPayloadHoldsOnlyWhatHasArrived() {
        BitcoinFramer framer = new BitcoinFramer();
        byte[] block = framer.frame("block", bytes(100_000_000, 5));
        List<byte[]> got = new ArrayList<>();
        framer.feed(ByteBuffer.wrap(block, 0, 24), got::add);
        assertThat(framer.bufferCapacity()).isLessThanOrEqualTo(64 * 1024);
        framer.feed(ByteBuffer.wrap(block, 24, 1_000_000), got::add);
        assertThat(framer.bufferCapacity()).isLessThanOrEqualTo(2 * (1_000_000 + 12));
        framer.feed(ByteBuffer.wrap(block, 1_000_024, block.length - 1_000_024), got::add);
        assertThat(got).singleElement().satisfies(m -> assertThat(Arrays.equals(m, 12, m.length, block, 24, block.length)).isTrue());
        assertThat(framer.bufferCapacity()).isZero();
        assertThat(framer.bufferedBytes()).isZero();
    }

    @Test
    void aThrowingSinkLeavesThePositionAtTheNextUnreadByteAndFeedingResumes() {
        BitcoinFramer framer = new BitcoinFramer();
        byte[] stream = SplitCheck.concat(framer.frame("one", new byte[3]), framer.frame("two", new byte[0]),
                framer.frame("three", new byte[5]));
        ByteBuffer buffer = ByteBuffer.wrap(stream);
        List<String> events = new ArrayList<>();
        assertThatThrownBy(() -> framer.feed(buffer, m -> {
            events.add(framer.parse(m).command());
            if (events.size() == 1) {
                throw new IllegalStateException("boom");
            }
        })).hasMessage("boom");
        assertThat(buffer.position()).isEqualTo(27);
        framer.feed(buffer, m -> events.add(framer.parse(m).command()));
        assertThat(events).containsExactly("one", "two", "three");
    }

    @Test
    void frameMayBeCalledFromManyThreadsWhileTheConnectionFeeds() throws Exception {
        BitcoinFramer framer = new BitcoinFramer();
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            payloads.add(bytes(i * 7, i));
        }
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            List<java.util.concurrent.Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    boolean same = true;
                    for (int round = 0; round < 20; round++) {
                        for (byte[] p : payloads) {
                            same &= Arrays.equals(framer.frame("tx", p), wire(M, "tx", p));
                        }
                    }
                    return same;
                }));
            }
            List<byte[]> received = new ArrayList<>();
            for (byte[] p : payloads) {
                framer.feed(ByteBuffer.wrap(wire(M, "tx", p)), received::add);
            }
            for (var result : results) {
                assertThat(result.get(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            }
            assertThat(received).hasSize(payloads.size());
        }
    }

    // ---- API ----

    @Test
    void parseStripsTrailingNulsOnlyAndKeepsEveryByteValue() {
        BitcoinFramer framer = new BitcoinFramer();
        assertThat(framer.parse(framer.message("a\0b", new byte[] {1})))
                .isEqualTo(new BinaryMessage("a\0b", new byte[] {1}));
        assertThat(framer.parse(framer.message("\u00ff\u0080", new byte[0])).command()).isEqualTo("\u00ff\u0080");
        assertThat(new BinaryMessage("x", new byte[] {1, 2})).hasSameHashCodeAs(new BinaryMessage("x", new byte[] {1, 2}))
                .hasToString("BinaryMessage[command=x, payload=2 bytes 0102]");
    }

    @Test
    void networkMagicsAreTheNetworksBytes() {
        assertThat(HexFormat.of().formatHex(ByteBuffer.allocate(4).putInt(BitcoinFramer.MAINNET).array())).isEqualTo("f9beb4d9");
        assertThat(Framing.bitcoin(BitcoinFramer.SIGNET).newFramer()).isInstanceOfSatisfying(BitcoinFramer.class,
                f -> assertThat(f.frame("x", new byte[0])).startsWith(0x0a, 0x03, 0xcf, 0x40));
        BitcoinFramer.Options fromBytes = BitcoinFramer.Options.builder().magic(new byte[] {(byte) 0xfa, (byte) 0xbf,
                (byte) 0xb5, (byte) 0xda}).build();
        assertThat(fromBytes.magic()).isEqualTo(BitcoinFramer.REGTEST);
        assertThat(fromBytes.toBuilder().build()).isEqualTo(fromBytes);
        assertThat(BitcoinFramer.Options.builder().build().magic()).isEqualTo(BitcoinFramer.AIORPCX_MAGIC);
        assertThatThrownBy(() -> BitcoinFramer.Options.builder().maxPayloadSize(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BitcoinFramer.Options.builder().magic(new byte[3])).isInstanceOf(IllegalArgumentException.class);
        assertThat(Framing.bitcoin().newFramer()).isNotSameAs(Framing.bitcoin().newFramer());
    }
}
