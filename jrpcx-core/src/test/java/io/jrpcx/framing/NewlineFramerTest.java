package io.jrpcx.framing;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NewlineFramerTest {
    private static final int MAX = 5;

    /** Records what a framer produced as "m:text" and "drop" events. */
    static final class Recorder implements FrameSink {
        final List<String> events = new ArrayList<>();

        @Override
        public void onMessage(byte[] message) {
            events.add("m:" + new String(message, ISO_8859_1));
        }

        @Override
        public void onDropped(String reason) {
            assertThat(reason).contains("dropped");
            events.add("drop");
        }
    }

    /** The rules of the class Javadoc, applied to the whole input at once, written independently. */
    static List<String> expected(String input, int limit) {
        List<String> events = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < input.length(); i++) {
            if (input.charAt(i) == '\n') {
                String line = input.substring(start, i);
                if (line.endsWith("\r")) {
                    line = line.substring(0, line.length() - 1);
                }
                if (line.length() > limit) {
                    events.add("drop");
                } else {
                    events.add("m:" + line);
                }
                start = i + 1;
            }
        }
        String rest = input.substring(start);
        if (rest.length() > limit + 1 || (rest.length() == limit + 1 && !rest.endsWith("\r"))) {
            events.add("drop");
        }
        return events;
    }

    static List<String> feedChunks(Framer framer, byte[] input, int[] cuts, int bufferKind) {
        Recorder recorder = new Recorder();
        int from = 0;
        for (int i = 0; i <= cuts.length; i++) {
            int to = i < cuts.length ? cuts[i] : input.length;
            ByteBuffer chunk = chunk(input, from, to, bufferKind);
            int limit = chunk.limit();
            framer.feed(chunk, recorder);
            assertThat(chunk.position()).isEqualTo(limit);
            from = to;
        }
        return recorder.events;
    }

    /** The bytes input[from, to) as a heap buffer, a direct buffer, or a window of a larger heap array. */
    static ByteBuffer chunk(byte[] input, int from, int to, int kind) {
        return switch (kind) {
            case 0 -> ByteBuffer.wrap(Arrays.copyOfRange(input, from, to));
            case 1 -> ByteBuffer.allocateDirect(to - from).put(input, from, to - from).flip();
            default -> {
                // A window with junk on both sides that must not be read, newlines included.
                byte[] padded = new byte[to - from + 6];
                Arrays.fill(padded, (byte) '\n');
                System.arraycopy(input, from, padded, 3, to - from);
                yield ByteBuffer.wrap(padded, 3, to - from);
            }
        };
    }

    static final String[] CORPUS = {
        "",
        "abc\n",
        "abcde\n",
        "abcdef\n",
        "abcdef",
        "abcde",
        "abcde\r",
        "abcdef\r",
        "abcde\r\n",
        "abcdef\r\n",
        "abcde\rx\n",
        "\rab\n",
        "a\r\r\n",
        "abcdefghij\nxy\n",
        "xy\nabcdefghij\nzz\n",
        "xy\nabcdefghij\n",
        "xy\nabcdefghij",
        "xy\nabcdefghij\r",
        "aaaaaaaa\nbbbbbbbbb\nc\n",
        "aaaaa\nbbbbbb\nccccc\r\n\n",
        "\n\n\r\n\r\n\nab\n\n",
        "x\ny\nzzzzzz\r\nw\r\n",
        "12345\r\n123456\r\n12345\n1234\r",
    };

    @Test
    void everyTwoWaySplitGivesTheSameResultAsTheWholeInput() {
        for (String text : CORPUS) {
            byte[] input = text.getBytes(ISO_8859_1);
            List<String> expected = expected(text, MAX);
            for (int kind = 0; kind < 3; kind++) {
                assertThat(feedChunks(new NewlineFramer(MAX), input, new int[0], kind))
                        .as("whole %s", show(text)).isEqualTo(expected);
                for (int cut = 0; cut <= input.length; cut++) {
                    assertThat(feedChunks(new NewlineFramer(MAX), input, new int[] {cut}, kind))
                            .as("%s cut at %d, kind %d", show(text), cut, kind).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void everyThreeWaySplitAndByteByByteGiveTheSameResult() {
        for (String text : CORPUS) {
            byte[] input = text.getBytes(ISO_8859_1);
            List<String> expected = expected(text, MAX);
            for (int a = 0; a <= input.length; a++) {
                for (int b = a; b <= input.length; b++) {
                    assertThat(feedChunks(new NewlineFramer(MAX), input, new int[] {a, b}, (a + b) % 3))
                            .as("%s cut at %d and %d", show(text), a, b).isEqualTo(expected);
                }
            }
            int[] everyByte = new int[Math.max(0, input.length - 1)];
            Arrays.setAll(everyByte, i -> i + 1);
            for (int kind = 0; kind < 3; kind++) {
                assertThat(feedChunks(new NewlineFramer(MAX), input, everyByte, kind))
                        .as("%s byte by byte", show(text)).isEqualTo(expected);
            }
        }
    }

    @Test
    void randomStreamsSplitAtRandomGiveTheSameResult() {
        Random random = new Random(7);
        char[] alphabet = {'a', 'b', '\r', '\n', '\n'};
        for (int round = 0; round < 3000; round++) {
            int limit = 1 + random.nextInt(8);
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(60);
            for (int i = 0; i < length; i++) {
                // Runs of letters make oversized messages common.
                text.append(random.nextInt(4) == 0 ? alphabet[random.nextInt(alphabet.length)] : 'x');
            }
            byte[] input = text.toString().getBytes(ISO_8859_1);
            int[] cuts = random.ints(random.nextInt(6), 0, input.length + 1).sorted().toArray();
            assertThat(feedChunks(new NewlineFramer(limit), input, cuts, random.nextInt(3)))
                    .as("%s with limit %d cut at %s", show(text.toString()), limit, Arrays.toString(cuts))
                    .isEqualTo(expected(text.toString(), limit));
        }
    }

    @Test
    void sizeLimitCountsTheMessageWithoutItsLineEnding() {
        assertThat(feed(new NewlineFramer(3), "abc\n", "abc\r\n", "abcd\n", "ab\r\r\n"))
                .containsExactly("m:abc", "m:abc", "drop", "m:ab\r");
    }

    @Test
    void emptyLinesAreEmptyMessagesAndOtherWhitespaceIsKept() {
        assertThat(feed(new NewlineFramer(), "\n", "\r\n", "\n\n", " \n", "\t\r\n"))
                .containsExactly("m:", "m:", "m:", "m:", "m: ", "m:\t");
    }

    @Test
    void aDroppedMessageIsReportedOnceAsSoonAsItIsTooLong() {
        NewlineFramer framer = new NewlineFramer(4);
        Recorder recorder = new Recorder();
        framer.feed(bytes("ok\nabcde"), recorder);
        assertThat(recorder.events).containsExactly("m:ok", "drop");
        framer.feed(bytes("fghij"), recorder);
        framer.feed(bytes("klm\nnext\n"), recorder);
        assertThat(recorder.events).containsExactly("m:ok", "drop", "m:next");
        assertThat(framer.droppedCount()).isEqualTo(1);
    }

    @Test
    void discardingNeverBuffersMoreThanTheLimit() {
        NewlineFramer framer = new NewlineFramer(1000);
        Recorder recorder = new Recorder();
        byte[] junk = new byte[997];
        Arrays.fill(junk, (byte) 'z');
        for (int i = 0; i < 5000; i++) { // about 5 MB without a newline
            framer.feed(ByteBuffer.wrap(junk), recorder);
            assertThat(framer.bufferCapacity()).isLessThanOrEqualTo(1001);
        }
        assertThat(framer.bufferedBytes()).isZero();
        framer.feed(bytes("zz\n{\"ok\":1}\n"), recorder);
        assertThat(recorder.events).containsExactly("drop", "m:{\"ok\":1}");
    }

    @Test
    void largeMessageSplitAcrossChunksArrivesIntactAndItsBufferIsReleased() {
        int size = 300_000;
        byte[] message = new byte[size];
        new Random(1).nextBytes(message);
        for (int i = 0; i < size; i++) {
            if (message[i] == '\n' || message[i] == '\r') {
                message[i] = 'x';
            }
        }
        NewlineFramer framer = new NewlineFramer(size);
        byte[] wire = framer.frame(message);
        List<byte[]> received = new ArrayList<>();
        for (int from = 0; from < wire.length; from += 65_000) {
            framer.feed(ByteBuffer.wrap(wire, from, Math.min(65_000, wire.length - from)), received::add);
        }
        assertThat(received).hasSize(1);
        assertThat(received.get(0)).isEqualTo(message);
        assertThat(framer.bufferCapacity()).isZero();
    }

    @Test
    void maxSizeZeroMeansNoLimit() {
        NewlineFramer framer = new NewlineFramer(0);
        byte[] big = new byte[3_000_001];
        Arrays.fill(big, (byte) 'q');
        big[big.length - 1] = '\n';
        List<byte[]> received = new ArrayList<>();
        framer.feed(ByteBuffer.wrap(big, 0, 1_000_000), received::add);
        framer.feed(ByteBuffer.wrap(big, 1_000_000, big.length - 1_000_000), received::add);
        assertThat(received).singleElement().satisfies(m -> assertThat(m).hasSize(3_000_000));
        assertThat(framer.maxSize()).isZero();
        assertThat(new NewlineFramer().maxSize()).isEqualTo(NewlineFramer.DEFAULT_MAX_SIZE);
    }

    @Test
    void negativeMaxSizeIsRejected() {
        assertThatThrownBy(() -> new NewlineFramer(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Framing.newline(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void feedReadsOnlyBetweenPositionAndLimit() {
        ByteBuffer buffer = ByteBuffer.wrap(bytes("xx\nab\ncd\nyy\n").array());
        buffer.position(3).limit(9);
        List<String> events = new ArrayList<>();
        new NewlineFramer().feed(buffer, m -> events.add(new String(m, ISO_8859_1)));
        assertThat(events).containsExactly("ab", "cd");
        assertThat(buffer.position()).isEqualTo(9);
    }

    @Test
    void aThrowingSinkLeavesThePositionAtTheNextUnreadByteAndFeedingResumes() {
        NewlineFramer framer = new NewlineFramer();
        ByteBuffer buffer = bytes("one\ntwo\nthr");
        List<String> events = new ArrayList<>();
        assertThatThrownBy(() -> framer.feed(buffer, m -> {
            events.add(new String(m, ISO_8859_1));
            if (events.size() == 1) {
                throw new IllegalStateException("boom");
            }
        })).hasMessage("boom");
        assertThat(buffer.position()).isEqualTo(4);
        framer.feed(buffer, m -> events.add(new String(m, ISO_8859_1)));
        framer.feed(bytes("ee\n"), m -> events.add(new String(m, ISO_8859_1)));
        assertThat(events).containsExactly("one", "two", "three");
    }

    @Test
    void consumerOverloadIgnoresDropsAndFrameSinkOfForwardsThem() {
        NewlineFramer framer = new NewlineFramer(2);
        List<String> messages = new ArrayList<>();
        framer.feed(bytes("abc\nab\n"), m -> messages.add(new String(m, ISO_8859_1)));
        List<String> reasons = new ArrayList<>();
        framer.feed(bytes("xyz\ncd\n"), FrameSink.of(m -> messages.add(new String(m, ISO_8859_1)), reasons::add));
        assertThat(messages).containsExactly("ab", "cd");
        assertThat(reasons).singleElement().asString().contains("over 2 bytes");
        assertThat(framer.droppedCount()).isEqualTo(2);
    }

    @Test
    void frameAppendsANewlineAndRejectsWhatCannotArriveIntact() {
        NewlineFramer framer = new NewlineFramer();
        assertThat(framer.frame(bytes("{\"a\":1}").array())).isEqualTo(bytes("{\"a\":1}\n").array());
        assertThatThrownBy(() -> framer.frame(bytes("a\nb").array()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("index 1");
        assertThatThrownBy(() -> framer.frame(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void framedMessagesRoundTrip() {
        NewlineFramer framer = new NewlineFramer();
        List<String> sent = List.of("a", "{\"jsonrpc\":\"2.0\",\"id\":1}", "x".repeat(10_000), "ü\r");
        ByteBuffer wire = ByteBuffer.allocate(20_000);
        for (String s : sent) {
            wire.put(framer.frame(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        wire.flip();
        List<String> received = new ArrayList<>();
        framer.feed(wire, m -> received.add(new String(m, java.nio.charset.StandardCharsets.UTF_8)));
        // A message ending in CR loses it: CR LF is a line ending.
        assertThat(received).containsExactly("a", "{\"jsonrpc\":\"2.0\",\"id\":1}", "x".repeat(10_000), "ü");
    }

    @Test
    void framingMakesAFreshFramerEachTime() {
        Framing framing = Framing.newline(10);
        Framer a = framing.newFramer();
        Framer b = framing.newFramer();
        assertThat(a).isNotSameAs(b).isInstanceOf(NewlineFramer.class);
        assertThat(((NewlineFramer) a).maxSize()).isEqualTo(10);
        a.feed(bytes("half"), m -> { });
        List<byte[]> fromB = new ArrayList<>();
        b.feed(bytes("whole\n"), fromB::add);
        assertThat(fromB).singleElement().isEqualTo(bytes("whole").array());
        assertThat(((NewlineFramer) Framing.newline().newFramer()).maxSize())
                .isEqualTo(NewlineFramer.DEFAULT_MAX_SIZE);
    }

    private static List<String> feed(Framer framer, String... chunks) {
        Recorder recorder = new Recorder();
        for (String chunk : chunks) {
            framer.feed(bytes(chunk), recorder);
        }
        return recorder.events;
    }

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(ISO_8859_1));
    }

    private static String show(String s) {
        return "\"" + s.replace("\r", "\\r").replace("\n", "\\n") + "\"";
    }
}
