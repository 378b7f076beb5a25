package io.jrpcx.framing;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.jrpcx.testing.PythonScript;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An independent implementation agrees: Debian's python3-bitcoinlib makes main-net {@code version},
 * {@code verack}, {@code ping}, {@code inv} and {@code block} messages; jrpcx frames their payloads
 * byte for byte as bitcoinlib does, decodes bitcoinlib's frames, and bitcoinlib reads jrpcx's frames.
 */
class BitcoinlibInteropTest {
    private static final HexFormat HEX = HexFormat.of();

    @TempDir
    Path dir;

    @Test
    void jrpcxAndBitcoinlibFrameMainNetMessagesAlike() throws Exception {
        List<String[]> made = PythonScript.run(Duration.ofMinutes(1), "bitcoinlib_messages.py", "make").lines()
                .map(line -> line.split(" ", -1)).toList();
        assertThat(made).extracting(fields -> fields[0]).containsExactly("version", "verack", "ping", "inv", "block");

        BitcoinFramer framer = new BitcoinFramer(BitcoinFramer.Options.builder().magic(BitcoinFramer.MAINNET).build());
        List<byte[]> jrpcxFrames = new ArrayList<>();
        List<byte[]> bitcoinlibFrames = new ArrayList<>();
        List<BinaryMessage> expected = new ArrayList<>();
        for (String[] fields : made) {
            BinaryMessage message = new BinaryMessage(fields[0], HEX.parseHex(fields[1]));
            byte[] theirs = HEX.parseHex(fields[2]);
            byte[] ours = framer.frame(message);
            assertThat(HEX.formatHex(ours)).as(fields[0]).isEqualTo(fields[2]);
            jrpcxFrames.add(ours);
            bitcoinlibFrames.add(theirs);
            expected.add(message);
        }

        // jrpcx decodes bitcoinlib's frames, whole and at every split.
        byte[] stream = SplitCheck.concat(bitcoinlibFrames.toArray(byte[][]::new));
        List<BinaryMessage> decoded = new ArrayList<>();
        framer.feed(ByteBuffer.wrap(stream), m -> decoded.add(framer.parse(m)));
        assertThat(decoded).isEqualTo(expected);
        List<String> events = expected.stream()
                .map(m -> SplitCheck.message(framer.message(m.command(), m.payload()))).toList();
        SplitCheck.everySplit(() -> new BitcoinFramer(framer.options()), stream, events, false);

        // bitcoinlib reads jrpcx's frames and serialises each message back to the same bytes.
        Path file = dir.resolve("jrpcx.bin");
        Files.write(file, SplitCheck.concat(jrpcxFrames.toArray(byte[][]::new)));
        List<String> reread = PythonScript.run(Duration.ofMinutes(1), "bitcoinlib_messages.py", "read", file.toString())
                .lines().toList();
        assertThat(reread).containsExactlyElementsOf(expected.stream().map(m -> m.command() + " "
                + HEX.formatHex(framer.frame(m))).toList());
        assertThat(new String(bitcoinlibFrames.get(0), 4, 7, ISO_8859_1)).isEqualTo("version");
    }
}
