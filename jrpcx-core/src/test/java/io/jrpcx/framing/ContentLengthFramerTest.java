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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContentLengthFramerTest {
    private static final int MAX = 5;
    private static final int MAX_HEADER = 64;

    private static ContentLengthFramer small() {
        return new ContentLengthFramer(MAX, MAX_HEADER);
    }

    private static byte[] b(String s) {
        return s.getBytes(ISO_8859_1);
    }

    private static String m(String body) {
        return SplitCheck.message(b(body));
    }

    private static final String NEXT = "Content-Length: 1\r\n\r\nz";

    /** Streams and the events the class Javadoc's rules give for them. */
    static final Object[][] CORPUS = {
        {"", List.of()},
        {"Content-Length: 3\r\n\r\nabc", List.of(m("abc"))},
        {"Content-Length: 2\r\nContent-Type: application/json\r\n\r\nab"
                + "content-length:0\r\n\r\n", List.of(m("ab"), m(""))},
        {"X-Foo: bar\r\nCONTENT-LENGTH: \t5 \r\n\r\nhello" + NEXT, List.of(m("hello"), m("z"))},
        {"Content-Length: 5\r\n\r\n\r\n\r\n\n" + NEXT, List.of(m("\r\n\r\n\n"), m("z"))},
        {"Content-Length: 6\r\n\r\nabcdef" + NEXT, List.of("drop", m("z"))},
        {"Content-Length: 000006\r\n\r\nabcdef" + "Content-Length: 0\r\n\r\n", List.of("drop", m(""))},
        {"Content-Length: 999999999999999999\r\n\r\nabc" + NEXT, List.of("drop")},
        {"Content-Length: 3\r\n\r\nab", List.of()},
        {"Content-Length: 3\r\n", List.of()},
        {"Content-Type: x\r\n\r\nabc" + NEXT, List.of("fatal")},
        {"Content-Length: 1\r\nContent-Length: 1\r\n\r\na" + NEXT, List.of("fatal")},
        {"Content-Length: abc\r\n\r\n" + NEXT, List.of("fatal")},
        {"Content-Length: -1\r\n\r\n" + NEXT, List.of("fatal")},
        {"Content-Length: +1\r\n\r\na" + NEXT, List.of("fatal")},
        {"Content-Length: 1 1\r\n\r\na" + NEXT, List.of("fatal")},
        {"Content-Length: \r\n\r\n" + NEXT, List.of("fatal")},
        {"Content-Length: 1234567890123456789\r\n\r\n" + NEXT, List.of("fatal")},
        {NEXT + "Content-Length: 1\n\na" + NEXT, List.of(m("z"), "fatal")},
        {"Content-Length: 1\r\r\n\r\na" + NEXT, List.of("fatal")},
        {"Content-Length 1\r\n\r\na" + NEXT, List.of("fatal")},
        {"Content Length: 1\r\n\r\na" + NEXT, List.of("fatal")},
        {": 1\r\nContent-Length: 1\r\n\r\na" + NEXT, List.of("fatal")},
        {"\r\n" + NEXT, List.of("fatal")},
        {NEXT + "X: " + "a".repeat(60) + "\r\n\r\n" + NEXT, List.of(m("z"), "fatal")},
        {"X: " + "a".repeat(36) + "\r\nContent-Length: 1\r\n\r\nq" + NEXT, List.of(m("q"), m("z"))},
    };

    @Test
    void everySplitOfEveryStreamDecodesTheSame() {
        for (Object[] entry : CORPUS) {
            byte[] input = b((String) entry[0]);
            @SuppressWarnings("unchecked")
            List<String> expected = (List<String>) entry[1];
            SplitCheck.everySplit(ContentLengthFramerTest::small, input, expected, input.length <= 110);
        }
    }

    @Test
    void randomStreamsOfGoodAndOversizedMessagesSplitAtRandom() {
        Random random = new Random(5);
        for (int round = 0; round < 500; round++) {
            StringBuilder stream = new StringBuilder();
            List<String> expected = new ArrayList<>();
            for (int i = random.nextInt(8); i > 0; i--) {
                char[] body = new char[random.nextInt(9)];
                for (int j = 0; j < body.length; j++) {
                    body[j] = "ab\r\n:C".charAt(random.nextInt(6));
                }
                String header = random.nextBoolean() ? "Content-Length: " + body.length + "\r\n"
                        : "Content-Type: t\r\ncontent-length:" + body.length + "\r\nX-Y: z\r\n";
                stream.append(header).append("\r\n").append(body);
                expected.add(body.length > MAX ? "drop" : m(new String(body)));
            }
            byte[] input = b(stream.toString());
            int[] cuts = random.ints(random.nextInt(10), 0, input.length + 1).sorted().toArray();
            assertThat(SplitCheck.feed(small(), input, cuts, random.nextInt(3)))
                    .as("%s cut at %s", stream, Arrays.toString(cuts)).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Content-Type: x\\r\\n\\r\\n | a header section without Content-Length",
        "Content-Length: 1\\r\\ncontent-length: 1\\r\\n\\r\\n | a second Content-Length header",
        "Content-Length: abc\\r\\n\\r\\n | a malformed Content-Length: 'abc'",
        "Content-Length: -1\\r\\n\\r\\n | a negative Content-Length: '-1'",
        "Content-Length: 1234567890123456789\\r\\n\\r\\n | a malformed Content-Length: '1234567890123456789'",
        "Content-Length: 1\\n | a header line ended by LF without CR",
        "Content-Length: 1\\rx | a CR not followed by LF in the header section",
        "Content-Length 1\\r\\n\\r\\n | a header line without ':': Content-Length 1",
        "Content Length: 1\\r\\n\\r\\n | a malformed header name: Content Length",
    })
    void aMalformedHeaderIsFatalWithAClearReason(String input, String reason) {
        ContentLengthFramer framer = small();
        SplitCheck.Recorder recorder = new SplitCheck.Recorder();
        framer.feed(ByteBuffer.wrap(b(input.replace("\\r", "\r").replace("\\n", "\n") + NEXT)), recorder);
        framer.feed(ByteBuffer.wrap(b(NEXT)), recorder);
        assertThat(recorder.events).containsExactly("fatal");
        assertThat(recorder.reasons).singleElement().asString().startsWith(reason);
        assertThat(framer.failure()).hasValueSatisfying(r -> assertThat(r).startsWith(reason));
        assertThat(framer.bufferCapacity()).isZero();
    }

    @Test
    void theSizeLimitIsInclusiveAndCheckedFromTheHeader() {
        ContentLengthFramer framer = new ContentLengthFramer(1000);
        SplitCheck.Recorder recorder = new SplitCheck.Recorder();
        framer.feed(ByteBuffer.wrap(framer.frame(new byte[1000])), recorder);
        assertThat(recorder.events).hasSize(1).first().asString().startsWith("m:");
        framer.feed(ByteBuffer.wrap(b("Content-Length: 1001\r\n\r\n")), recorder);
        assertThat(recorder.events).hasSize(2).last().isEqualTo("drop");
        assertThat(recorder.reasons).containsExactly(
                "dropped a message of 1001 bytes, over the limit of 1000, and skipped its body");
        assertThat(framer.bufferedBytes()).isZero();
        assertThat(framer.bufferCapacity()).isLessThan(1000);
        framer.feed(ByteBuffer.wrap(SplitCheck.concat(new byte[1001], framer.frame(b("{}")))), recorder);
        assertThat(recorder.events).hasSize(3).last().isEqualTo(m("{}"));
        assertThat(framer.droppedCount()).isEqualTo(1);
    }

    @Test
    void theHeaderSectionLimitCountsEveryByteOfIt() {
        String header = "Content-Length: 1\r\nX: ";
        String exact = header + "a".repeat(MAX_HEADER - header.length() - 4) + "\r\n\r\n";
        assertThat(exact).hasSize(MAX_HEADER);
        assertThat(SplitCheck.feed(small(), b(exact + "q"), new int[0], 0)).containsExactly(m("q"));
        String over = header + "a".repeat(MAX_HEADER - header.length() - 3) + "\r\n\r\n";
        assertThat(SplitCheck.feed(small(), b(over + "q"), new int[0], 0)).containsExactly("fatal");
    }

    @Test
    void skippingAHugeBodyHoldsNoMemoryAndABodyHoldsOnlyWhatHasArrived() {
        ContentLengthFramer framer = new ContentLengthFramer(0);
        SplitCheck.Recorder recorder = new SplitCheck.Recorder();
        framer.feed(ByteBuffer.wrap(b("Content-Length: 100000000\r\n\r\n")), recorder);
        framer.feed(ByteBuffer.wrap(new byte[1_000_000]), recorder);
        assertThat(framer.bufferCapacity()).isLessThanOrEqualTo(2 * 1_000_000);
        assertThat(framer.bufferedBytes()).isEqualTo(1_000_000);

        ContentLengthFramer limited = new ContentLengthFramer(1000);
        limited.feed(ByteBuffer.wrap(b("Content-Length: 999999999999\r\n\r\n")), recorder);
        byte[] junk = new byte[1_000_000];
        for (int i = 0; i < 5; i++) {
            limited.feed(ByteBuffer.wrap(junk), recorder);
            assertThat(limited.bufferCapacity()).isLessThanOrEqualTo(1024);
        }
        assertThat(recorder.events).containsExactly("drop");
    }

    @Test
    void frameWritesTheLengthInBytesAndRoundTrips() {
        ContentLengthFramer framer = new ContentLengthFramer();
        byte[] body = "{\"é\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(new String(framer.frame(body), ISO_8859_1))
                .isEqualTo("Content-Length: 8\r\n\r\n" + new String(body, ISO_8859_1));
        assertThat(framer.frame(new byte[0])).isEqualTo(b("Content-Length: 0\r\n\r\n"));
        List<byte[]> got = new ArrayList<>();
        framer.feed(ByteBuffer.wrap(SplitCheck.concat(framer.frame(body), framer.frame(new byte[0]))), got::add);
        assertThat(got).containsExactly(body, new byte[0]);
    }

    @Test
    void aThrowingSinkLeavesThePositionAtTheNextUnreadByteAndFeedingResumes() {
        ContentLengthFramer framer = new ContentLengthFramer();
        ByteBuffer buffer = ByteBuffer.wrap(b("Content-Length: 3\r\n\r\noneContent-Length: 3\r\n\r\ntwo"));
        List<String> events = new ArrayList<>();
        assertThatThrownBy(() -> framer.feed(buffer, msg -> {
            events.add(new String(msg, ISO_8859_1));
            if (events.size() == 1) {
                throw new IllegalStateException("boom");
            }
        })).hasMessage("boom");
        assertThat(buffer.position()).isEqualTo(24);
        framer.feed(buffer, msg -> events.add(new String(msg, ISO_8859_1)));
        assertThat(events).containsExactly("one", "two");
    }

    @Test
    void aMalformedHeaderThrowsThroughADefaultSink() {
        ContentLengthFramer framer = new ContentLengthFramer();
        assertThatThrownBy(() -> framer.feed(ByteBuffer.wrap(b("Content-Length: x\r\n\r\n")), m -> { }))
                .isInstanceOf(FramingException.class).hasMessageContaining("malformed Content-Length");
    }

    @Test
    void optionsAreCheckedAndFramingMakesFreshFramers() {
        assertThatThrownBy(() -> new ContentLengthFramer(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Framing.contentLength(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Framing.contentLength(10, 10)).isInstanceOf(IllegalArgumentException.class);
        Framing framing = Framing.contentLength(100, 128);
        assertThat(framing.newFramer()).isNotSameAs(framing.newFramer()).isInstanceOfSatisfying(
                ContentLengthFramer.class, f -> {
                    assertThat(f.maxSize()).isEqualTo(100);
                    assertThat(f.maxHeaderSize()).isEqualTo(128);
                });
        assertThat(((ContentLengthFramer) Framing.contentLength().newFramer()).maxSize())
                .isEqualTo(ContentLengthFramer.DEFAULT_MAX_SIZE);
    }
}
