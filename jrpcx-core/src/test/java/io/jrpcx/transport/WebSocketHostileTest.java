package io.jrpcx.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.jrpcx.framing.Framing;
import io.jrpcx.jsonrpc.MethodTable;
import io.jrpcx.jsonrpc.Signature;
import io.jrpcx.session.RpcClient;
import io.jrpcx.session.RpcHandler;
import io.jrpcx.session.RpcServer;
import io.jrpcx.session.RpcSession;
import io.jrpcx.session.SessionOptions;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.Deflater;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile WebSocket peers, written byte by byte on a raw socket: each ends with the right close code or
 * a closed connection, and a well-behaved client of the same server is served throughout.
 */
@Timeout(60)
class WebSocketHostileTest {
    private static final int LIMIT = 100_000;
    private RpcServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close(Duration.ZERO);
        }
    }

    private void start(WebSocketOptions ws) {
        server = RpcServer.builder().listen("ws://127.0.0.1:0/rpc").webSocket(ws)
                .options(SessionOptions.builder().framing(Framing.newline(LIMIT)).build())
                .handshakeTimeout(Duration.ofMillis(500))
                .handler(RpcHandler.of(MethodTable.builder(RpcSession.class)
                        .method("echo", Signature.of("message"), (s, p) -> p.get(0)).build()))
                .start();
    }

    private void start() {
        start(WebSocketOptions.defaults());
    }

    private void assertOthersServed() {
        try (RpcSession other = RpcClient.builder().build().connect(server.services().get(0))) {
            assertThat(other.request("echo", "still here").asText()).isEqualTo("still here");
        }
    }

    /** A WebSocket client on a raw socket. */
    final class Raw implements AutoCloseable {
        final Socket socket;
        final OutputStream out;
        final DataInputStream in;

        Raw() throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), server.services().get(0).port());
            socket.setSoTimeout(20_000);
            out = socket.getOutputStream();
            in = new DataInputStream(socket.getInputStream());
        }

        String upgrade(String path, String... headers) throws IOException {
            StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(new byte[16]) + "\r\n");
            for (String h : headers) {
                request.append(h).append("\r\n");
            }
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return readHead();
        }

        String readHead() throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
            }
            return head.toString(StandardCharsets.US_ASCII);
        }

        void frame(int first, byte[] payload) throws IOException {
            frame(first, payload.length, payload);
        }

        /** Writes a masked frame whose header claims {@code length} bytes. */
        void frame(int first, long length, byte[] payload) throws IOException {
            ByteArrayOutputStream f = new ByteArrayOutputStream();
            f.write(first);
            if (length >= 0 && length < 126) {
                f.write(0x80 | (int) length);
            } else if (length >= 0 && length < 65536) {
                f.write(0x80 | 126);
                f.write((int) (length >> 8));
                f.write((int) length);
            } else {
                f.write(0x80 | 127);
                for (int i = 7; i >= 0; i--) {
                    f.write((int) (length >>> (8 * i)));
                }
            }
            byte[] mask = {1, 2, 3, 4};
            f.write(mask);
            for (int i = 0; i < payload.length; i++) {
                f.write(payload[i] ^ mask[i & 3]);
            }
            out.write(f.toByteArray());
            out.flush();
        }

        /** Reads frames until a close frame (its code) or the end of the stream (-1). */
        int closeCode() throws IOException {
            try {
                while (true) {
                    int first = in.readUnsignedByte();
                    int len = in.readUnsignedByte() & 0x7f;
                    long length = len == 126 ? in.readUnsignedShort() : len == 127 ? in.readLong() : len;
                    byte[] payload = new byte[(int) length];
                    in.readFully(payload);
                    if ((first & 0x0f) == 8) {
                        return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
                    }
                }
            } catch (EOFException | SocketException closed) {
                return -1;
            }
        }

        boolean endsAfterClose() throws IOException {
            try {
                InputStream rest = socket.getInputStream();
                while (rest.read() >= 0) {
                    // the rest up to the end
                }
                return true;
            } catch (SocketException reset) {
                return true;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void aFrameOverTheLimitIsClosedWith1009() throws IOException {
        start();
        try (Raw raw = new Raw()) {
            assertThat(raw.upgrade("/rpc")).startsWith("HTTP/1.1 101");
            raw.frame(0x81, new byte[LIMIT + 1]);
            assertThat(raw.closeCode()).isEqualTo(1009);
            assertThat(raw.endsAfterClose()).isTrue();
        }
        assertOthersServed();
    }

    @Test
    void aLengthOf2To63IsRefusedWithoutAllocating() throws IOException {
        start();
        try (Raw raw = new Raw()) {
            raw.upgrade("/rpc");
            raw.frame(0x82, Long.MIN_VALUE, new byte[0]);
            assertThat(raw.closeCode()).isIn(1002, 1009, -1);
        }
        assertOthersServed();
    }

    @Test
    void continuationsAreAssembledWithinTheLimit() throws IOException {
        start();
        try (Raw raw = new Raw()) {
            raw.upgrade("/rpc");
            byte[] request = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[\"in parts\"]}".getBytes(StandardCharsets.UTF_8);
            raw.frame(0x01, Arrays.copyOfRange(request, 0, 10));
            raw.frame(0x00, Arrays.copyOfRange(request, 10, 30));
            raw.frame(0x80, Arrays.copyOfRange(request, 30, request.length));
            int first = raw.in.readUnsignedByte();
            int len = raw.in.readUnsignedByte();
            byte[] answer = new byte[len];
            raw.in.readFully(answer);
            assertThat(first).isEqualTo(0x81);   // a text frame, whole
            assertThat(new String(answer, StandardCharsets.UTF_8)).isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":\"in parts\",\"id\":1}");
            // parts that add up past the limit end with 1009
            raw.frame(0x02, new byte[LIMIT / 2 + 1]);
            raw.frame(0x00, new byte[LIMIT / 2 + 1]);
            assertThat(raw.closeCode()).isEqualTo(1009);
        }
        assertOthersServed();
    }

    @Test
    void invalidUtf8InATextFrameIsClosedWith1007() throws IOException {
        start();
        try (Raw raw = new Raw()) {
            raw.upgrade("/rpc");
            raw.frame(0x81, new byte[] {'"', (byte) 0xc0, (byte) 0xaf, '"'});
            assertThat(raw.closeCode()).isEqualTo(1007);
        }
        assertOthersServed();
    }

    @Test
    void aFloodOfPingsLeavesOthersServedAndIsAnsweredInTheEnd() throws Exception {
        start();
        try (Raw raw = new Raw()) {
            raw.upgrade("/rpc");
            byte[] payload = new byte[125];
            Thread flood = Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < 50_000; i++) {
                        raw.frame(0x89, payload);
                    }
                } catch (IOException stopped) {
                    // the server may close a peer that does not read its pongs
                }
            });
            assertOthersServed();
            // reading the pongs lets the flood finish: the server pushed back instead of buffering without end
            Thread reader = Thread.ofVirtual().start(() -> {
                try {
                    raw.closeCode();
                } catch (IOException ignored) {
                    // closed
                }
            });
            flood.join(30_000);
            assertThat(flood.isAlive()).isFalse();
            raw.close();
            reader.join(30_000);
        }
        assertOthersServed();
    }

    @Test
    void aHandshakeThatNeverFinishesIsClosedAtTheDeadline() throws IOException {
        start();
        try (Raw raw = new Raw()) {
            raw.out.write("GET /rpc HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
            raw.out.flush();
            assertThat(raw.endsAfterClose()).isTrue();
        }
        assertOthersServed();
    }

    @Test
    void aDeflateBombIsStoppedAtTheLimit() throws IOException {
        start(WebSocketOptions.builder().compression(true).build());
        try (Raw raw = new Raw()) {
            String head = raw.upgrade("/rpc", "Sec-WebSocket-Extensions: permessage-deflate");
            assertThat(head).startsWith("HTTP/1.1 101").containsIgnoringCase("permessage-deflate");
            // 64 MB of zeros, deflated to about 64 KB: under the frame limit, far over the message limit
            Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
            byte[] zeros = new byte[1 << 20];
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            for (int i = 0; i < 64; i++) {
                deflater.setInput(zeros);
                int n;
                while ((n = deflater.deflate(buffer, 0, buffer.length, Deflater.NO_FLUSH)) > 0) {
                    compressed.write(buffer, 0, n);
                }
            }
            int n;
            while ((n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH)) > 0) {
                compressed.write(buffer, 0, n);
            }
            byte[] body = compressed.toByteArray();
            assertThat(body.length).isLessThan(LIMIT);
            raw.frame(0xc2, Arrays.copyOf(body, body.length - 4));   // FIN, RSV1 (compressed), binary
            assertThat(raw.closeCode()).isIn(1009, -1);
        }
        assertOthersServed();
    }

    @Test
    void compressedMessagesWithinTheLimitAreServed() {
        start(WebSocketOptions.builder().compression(true).build());
        try (RpcSession client = RpcClient.builder().webSocket(WebSocketOptions.builder().compression(true).build()).build()
                .connect(server.services().get(0))) {
            String big = "x".repeat(LIMIT / 2);
            assertThat(client.request("echo", big).asText()).isEqualTo(big);
        }
    }

    @Test
    void anotherPathGets404AndAForeignOriginGets403() throws IOException {
        start(WebSocketOptions.builder().allowedOrigins(java.util.Set.of("https://app.example")).build());
        try (Raw raw = new Raw()) {
            assertThat(raw.upgrade("/other")).startsWith("HTTP/1.1 404");
        }
        try (Raw raw = new Raw()) {
            assertThat(raw.upgrade("/rpc", "Origin: https://evil.example")).startsWith("HTTP/1.1 403");
        }
        try (Raw raw = new Raw()) {
            assertThat(raw.upgrade("/rpc", "Origin: https://APP.example")).startsWith("HTTP/1.1 101");
        }
        try (Raw raw = new Raw()) {
            assertThat(raw.upgrade("/rpc")).startsWith("HTTP/1.1 101");   // no Origin: not a browser
        }
        assertThat(ThreadLocalRandom.current()).isNotNull();
    }

    @Test
    void aCloseFromThePeerIsAnsweredWithItsCode() throws IOException {
        start();
        try (Raw raw = new Raw()) {
            raw.upgrade("/rpc");
            raw.frame(0x88, new byte[] {0x03, (byte) 0xe8});   // 1000
            assertThat(raw.closeCode()).isEqualTo(1000);
            assertThat(raw.endsAfterClose()).isTrue();
        }
    }

    @Test
    void aClientOnAnotherPathIsRefusedInOneLine() {
        start();
        String url = "ws://127.0.0.1:" + server.services().get(0).port() + "/nope";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RpcClient.builder().build().connect(url))
                .isInstanceOf(TransportException.class)
                .hasMessageStartingWith("cannot connect to 127.0.0.1:" + server.services().get(0).port()
                        + ": WebSocket handshake failed: ")
                .hasMessageContaining("404");
    }

    @Test
    void pingsKeepAnIdlePeerCheckedAndASilentOneIsClosed() throws IOException {
        start(WebSocketOptions.builder().pingInterval(Duration.ofMillis(200)).build());
        try (Raw raw = new Raw()) {
            raw.upgrade("/rpc");
            int first = raw.in.readUnsignedByte();
            int len = raw.in.readUnsignedByte();
            raw.in.readFully(new byte[len]);
            assertThat(first).isEqualTo(0x89);   // a ping, after 200 ms without traffic
            // this peer never answers: after two intervals without a frame from it, it is closed
            assertThat(raw.closeCode()).isEqualTo(1001);
        }
        assertOthersServed();
    }

    @Test
    void aServerThatNeverAnswersTheUpgradeFailsTheClientAtItsDeadline() throws IOException {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String url = "ws://127.0.0.1:" + silent.getLocalPort() + "/rpc";
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> RpcClient.builder()
                            .handshakeTimeout(Duration.ofMillis(300)).build().connect(url))
                    .isInstanceOf(TransportException.class)
                    .hasMessageStartingWith("cannot connect to 127.0.0.1:" + silent.getLocalPort() + ": ")
                    .hasMessageContaining("did not finish");
        }
    }

    @Test
    void theDefaultPathAcceptsEveryPathAsAiorpcxDoes() {
        server = RpcServer.builder().listen("ws://127.0.0.1:0")
                .handler(RpcHandler.of(MethodTable.builder(RpcSession.class)
                        .method("echo", Signature.of("message"), (s, p) -> p.get(0)).build()))
                .start();
        for (String path : new String[] {"", "/", "/anything/at?all=1"}) {
            String url = "ws://127.0.0.1:" + server.services().get(0).port() + path;
            try (RpcSession client = RpcClient.builder().build().connect(url)) {
                assertThat(client.request("echo", path).asText()).isEqualTo(path);
            }
        }
    }
}
