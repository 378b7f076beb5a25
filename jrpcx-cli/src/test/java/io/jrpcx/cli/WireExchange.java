package io.jrpcx.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One raw exchange on a fresh connection: a message, then a sentinel request; the lines received
 * before the sentinel's response, and how the exchange ended.
 */
record WireExchange(List<String> lines, End end) {
    static final String SENTINEL_ID = "jrpcx-wire-sentinel";
    private static final byte[] SENTINEL = ("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[\"sentinel\"],\"id\":\""
            + SENTINEL_ID + "\"}\n").getBytes(StandardCharsets.US_ASCII);

    /** Strict JSON, as the specification wants it; numbers kept exact. */
    static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    /** Also accepts the NaN and Infinity tokens the reference peer may emit. */
    static final JsonMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    enum End {
        /** The sentinel was answered: the server finished with the message and kept the connection. */
        SENTINEL,
        /** The server closed the connection. */
        CLOSED,
        /** Nothing more arrived in time. */
        SILENT
    }

    /**
     * Sends {@code message} and the sentinel, and reads until the sentinel's response, the end of the
     * stream or {@code timeout}. A handler running off the I/O thread may answer after the sentinel:
     * once it has arrived, reads on for up to {@code grace} until {@code expected} lines are in.
     */
    static WireExchange run(InetSocketAddress address, byte[] message, Duration timeout, Duration grace,
                            int expected) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(address, 5000);
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            ByteArrayOutputStream both = new ByteArrayOutputStream();
            both.write(message);
            both.write('\n');
            both.write(SENTINEL);
            out.write(both.toByteArray());
            out.flush();
            InputStream in = socket.getInputStream();
            List<String> lines = new ArrayList<>();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            long deadline = System.nanoTime() + timeout.toNanos();
            End end = null;
            byte[] buf = new byte[65536];
            while (true) {
                if (end == End.SENTINEL && lines.size() >= expected) {
                    return new WireExchange(lines, end);
                }
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return new WireExchange(lines, end == null ? End.SILENT : end);
                }
                socket.setSoTimeout((int) left);
                int n;
                try {
                    n = in.read(buf);
                } catch (SocketTimeoutException e) {
                    return new WireExchange(lines, end == null ? End.SILENT : end);
                } catch (IOException e) {
                    return new WireExchange(lines, end == null ? End.CLOSED : end);
                }
                if (n < 0) {
                    if (line.size() > 0) {
                        lines.add(line.toString(StandardCharsets.UTF_8));
                    }
                    return new WireExchange(lines, end == null ? End.CLOSED : end);
                }
                for (int i = 0; i < n; i++) {
                    if (buf[i] != '\n') {
                        line.write(buf[i]);
                        continue;
                    }
                    String text = line.toString(StandardCharsets.UTF_8);
                    line.reset();
                    if (end == null && isSentinelResponse(text)) {
                        end = End.SENTINEL;
                        deadline = System.nanoTime() + grace.toNanos();
                    } else {
                        lines.add(text);
                    }
                }
            }
        }
    }

    private static boolean isSentinelResponse(String line) {
        JsonNode node = parse(line, LENIENT);
        return node != null && node.isObject() && SENTINEL_ID.equals(node.path("id").textValue());
    }

    static @Nullable JsonNode parse(String line, JsonMapper mapper) {
        try {
            return mapper.readTree(line);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
