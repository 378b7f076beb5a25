package io.jrpcx.framing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jrpcx.testing.PythonScript;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Language Server Protocol implementation's framing, pylsp-jsonrpc's streams (used by Debian's
 * python3-pylsp): jrpcx decodes what its writer frames (with its Content-Type header), at every split,
 * and its reader reads what jrpcx frames.
 */
class ContentLengthInteropTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static final List<String> MESSAGES = List.of(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"processId\":null}}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}",
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"text\":\"h\u00e9llo \u2603 \ud83d\ude00\\r\\n\"}}",
            "{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":\"" + "x".repeat(100_000) + "\"}",
            "{}");

    @Test
    void pylspFramesWhatJrpcxReadsAndReadsWhatJrpcxFrames() throws Exception {
        Path in = dir.resolve("messages.jsonl");
        Files.write(in, MESSAGES);
        Path theirs = dir.resolve("pylsp.bin");
        PythonScript.run(Duration.ofMinutes(1), "pylsp_streams.py", "write", in.toString(), theirs.toString());
        byte[] stream = Files.readAllBytes(theirs);
        assertThat(new String(stream, 0, 80, UTF_8)).contains("Content-Type:");

        List<JsonNode> expected = new ArrayList<>();
        for (String m : MESSAGES) {
            expected.add(JSON.readTree(m));
        }
        ContentLengthFramer framer = new ContentLengthFramer();
        List<JsonNode> decoded = new ArrayList<>();
        framer.feed(ByteBuffer.wrap(stream), FrameSink.of(m -> decoded.add(read(m)), r -> decoded.add(null)));
        assertThat(decoded).isEqualTo(expected);
        int large = stream.length;
        byte[] small = java.util.Arrays.copyOf(stream, indexOfThird(stream));
        List<String> smallEvents = new ArrayList<>();
        new ContentLengthFramer().feed(ByteBuffer.wrap(small), m -> smallEvents.add(SplitCheck.message(m)));
        assertThat(smallEvents).hasSize(3);
        SplitCheck.everySplit(ContentLengthFramer::new, small, smallEvents, false);
        assertThat(large).isGreaterThan(100_000);

        Path ours = dir.resolve("jrpcx.bin");
        List<byte[]> frames = new ArrayList<>();
        for (String m : MESSAGES) {
            frames.add(framer.frame(m.getBytes(UTF_8)));
        }
        Files.write(ours, SplitCheck.concat(frames.toArray(byte[][]::new)));
        List<JsonNode> reread = new ArrayList<>();
        for (String line : PythonScript.run(Duration.ofMinutes(1), "pylsp_streams.py", "read", ours.toString()).lines().toList()) {
            reread.add(JSON.readTree(line));
        }
        assertThat(reread).isEqualTo(expected);
    }

    /** The end of the third framed message in pylsp's stream. */
    private static int indexOfThird(byte[] stream) {
        ContentLengthFramer framer = new ContentLengthFramer();
        int[] count = {0};
        ByteBuffer data = ByteBuffer.wrap(stream);
        for (int i = 0; i < stream.length && count[0] < 3; i++) {
            framer.feed(data.slice(i, 1), m -> count[0]++);
            if (count[0] == 3) {
                return i + 1;
            }
        }
        throw new AssertionError("fewer than three messages");
    }

    private static JsonNode read(byte[] message) {
        try {
            return JSON.readTree(message);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
