package io.jrpcx.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/** The messages of {@code wire-corpus.txt}, with its directives expanded. */
final class WireCorpus {
    /** One message: the corpus line that names it, and the bytes sent. */
    record Case(String label, byte[] bytes) {
        /** True when a handler may answer after the sentinel (it runs off the I/O thread). */
        boolean slow() {
            return label.contains("\"sleep\"") || label.contains("\"call_me_back\"");
        }
    }

    private WireCorpus() {
    }

    static List<Case> load(String resource) throws IOException {
        String text;
        try (InputStream in = Objects.requireNonNull(WireCorpus.class.getResourceAsStream(resource), resource)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Case> cases = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            cases.add(new Case(line, expand(line)));
        }
        return cases;
    }

    private static byte[] expand(String line) {
        if (!line.startsWith("!")) {
            return line.getBytes(StandardCharsets.UTF_8);
        }
        String[] parts = line.split(" ", 3);
        String directive = parts[0];
        return switch (directive) {
            case "!hex" -> HexFormat.of().parseHex(line.substring(4).replace(" ", ""));
            case "!deep" -> ("[".repeat(count(parts)) + "]".repeat(count(parts))).getBytes(StandardCharsets.US_ASCII);
            case "!open" -> "[".repeat(count(parts)).getBytes(StandardCharsets.US_ASCII);
            case "!deep-params" -> ("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[" + "[".repeat(count(parts))
                    + "]".repeat(count(parts)) + "],\"id\":\"deep\"}").getBytes(StandardCharsets.US_ASCII);
            case "!repeat" -> {
                List<String> copies = new ArrayList<>();
                for (int i = 0; i < count(parts); i++) {
                    copies.add(parts[2]);
                }
                yield ("[" + String.join(",", copies) + "]").getBytes(StandardCharsets.UTF_8);
            }
            default -> throw new IllegalArgumentException("unknown directive: " + line);
        };
    }

    private static int count(String[] parts) {
        return Integer.parseInt(parts[1]);
    }
}
