package io.jrpcx.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jrpcx.framing.Framing;
import io.jrpcx.jsonrpc.Arguments;
import io.jrpcx.jsonrpc.Batch;
import io.jrpcx.jsonrpc.Item;
import io.jrpcx.jsonrpc.MethodTable;
import io.jrpcx.jsonrpc.Request;
import io.jrpcx.jsonrpc.Response;
import io.jrpcx.jsonrpc.Signature;
import io.jrpcx.session.CallRefusedException;
import io.jrpcx.session.ConnectionLostException;
import io.jrpcx.session.RpcClient;
import io.jrpcx.session.RpcHandler;
import io.jrpcx.session.RpcServer;
import io.jrpcx.session.RpcSession;
import io.jrpcx.session.SessionOptions;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * JSON-RPC over HTTP: a jrpcx server driven by raw HTTP/1.1 written byte by byte (single requests,
 * batches, notifications, errors, pipelining, keep-alive, and each hostile case: oversized and chunked
 * bodies, wrong methods, bad credentials, huge headers, a slow body), the jrpcx HTTP client against it,
 * HTTPS, and a WebSocket upgrade on the same port.
 */
@Timeout(60)
class HttpTransportTest {
    private static final int LIMIT = 10_000;
    private final LinkedBlockingQueue<String> notified = new LinkedBlockingQueue<>();
    /** Lets the {@code held} handler answer. */
    private final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    private RpcServer server;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close(Duration.ZERO);
        }
    }

    private RpcServer start(String url, HttpOptions http, TlsOptions tls) {
        return start(url, http, tls, Duration.ofMillis(tls == TlsOptions.defaults() ? 500 : 5000));
    }

    /** A server whose first request (and TLS handshake, and WebSocket upgrade) must come within {@code handshake}. */
    private RpcServer start(String url, HttpOptions http, TlsOptions tls, Duration handshake) {
        server = RpcServer.builder().listen(url).http(http).tls(tls)
                .options(SessionOptions.builder().framing(Framing.newline(LIMIT)).build())
                .handshakeTimeout(handshake)
                .handler(RpcHandler.of(MethodTable.builder(RpcSession.class)
                        .method("echo", Signature.of("message"), (s, p) -> p.get(0))
                        .method("note", Signature.of("message"), (s, p) -> {
                            notified.add(p.get(0).asText());
                            return null;
                        })
                        .method("held", Signature.of(), (s, p) -> {
                            // a handler still at work until the test lets it answer
                            return release.await(20, java.util.concurrent.TimeUnit.SECONDS) ? "done" : "not released";
                        })
                        .method("call_back", Signature.of(), (s, p) -> {
                            try {
                                return s.request("echo", "hi");
                            } catch (CallRefusedException e) {
                                return "refused: " + e.getMessage();
                            }
                        })
                        .method("notify_back", Signature.of(), (s, p) -> {
                            try {
                                s.sendNotification("note", "back");
                                return "sent";
                            } catch (CallRefusedException e) {
                                return "refused: " + e.getMessage();
                            }
                        })
                        .build()))
                .start();
        return server;
    }

    private RpcServer start(HttpOptions http) {
        return start("http://127.0.0.1:0", http, TlsOptions.defaults());
    }

    private RpcServer start() {
        return start(HttpOptions.defaults());
    }

    /** One HTTP response as read from the wire. */
    record Reply(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** An HTTP/1.1 client on a raw socket. */
    final class Raw implements AutoCloseable {
        final Socket socket;
        final OutputStream out;
        final InputStream in;

        Raw() throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), server.services().get(0).port());
            socket.setSoTimeout(20_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream());
        }

        void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        void post(String body, String... headers) throws IOException {
            write(request("POST", "/", body, headers));
        }

        Reply call(String body, String... headers) throws IOException {
            post(body, headers);
            return read();
        }

        String line() throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    throw new java.io.EOFException("connection closed");
                }
                if (c != '\r') {
                    b.write(c);
                }
            }
            return b.toString(StandardCharsets.ISO_8859_1);
        }

        Reply read() throws IOException {
            String status = line();
            Map<String, String> headers = new LinkedHashMap<>();
            for (String h = line(); !h.isEmpty(); h = line()) {
                int colon = h.indexOf(':');
                headers.merge(h.substring(0, colon).toLowerCase(Locale.ROOT), h.substring(colon + 1).trim(),
                        (a, b) -> a + ", " + b);
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            byte[] body = in.readNBytes(length);
            return new Reply(Integer.parseInt(status.split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
        }

        /** True when the server closed the connection (end of stream). */
        boolean closedByPeer() throws IOException {
            try {
                return in.read() < 0;
            } catch (java.net.SocketException reset) {
                return true;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    static String request(String method, String path, String body, String... headers) {
        StringBuilder b = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (String h : headers) {
            b.append(h).append("\r\n");
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (!method.equals("GET") || bytes.length > 0) {
            b.append("Content-Type: application/json\r\nContent-Length: ").append(bytes.length).append("\r\n");
        }
        return b.append("\r\n").append(body).toString();
    }

    @Test
    void aConnectionWithNoRequestInHandIsClosedAfterTheKeepAliveTime() throws Exception {
        Duration keepAlive = Duration.ofMillis(300);
        start(HttpOptions.builder().keepAliveTimeout(keepAlive).build());
        try (Raw idle = new Raw(); Raw dribbler = new Raw(); Raw busy = new Raw()) {
            assertThat(idle.call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[\"a\"]}").status()).isEqualTo(200);
            long answered = System.nanoTime();
            // a second request whose headers never end: the keep-alive time runs until they do
            assertThat(dribbler.call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[\"a\"]}").status()).isEqualTo(200);
            dribbler.write("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: 1");
            // a handler still working after the others were closed for their keep-alive time is answered
            // on its connection
            busy.post("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"held\",\"params\":[]}");
            assertThat(idle.closedByPeer()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - answered)).isGreaterThanOrEqualTo(keepAlive);
            assertThat(dribbler.closedByPeer()).isTrue();
            release.countDown();
            Reply slow = busy.read();
            assertThat(slow.body()).contains("\"done\"");
            assertThat(busy.call("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"echo\",\"params\":[\"still open\"]}").body())
                    .contains("still open");
        }
        assertOthersServed();
    }

    private void assertOthersServed() {
        try (RpcSession other = RpcClient.builder().http(HttpOptions.defaults()).build().connect(server.services().get(0))) {
            assertThat(other.request("echo", "still here").asText()).isEqualTo("still here");
        }
    }

    @Test
    void answersRequestsBatchesNotificationsAndErrorsOnOneKeepAliveConnection() throws Exception {
        start();
        try (Raw raw = new Raw()) {
            Reply single = raw.call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[\"hi\"]}");
            assertThat(single.status()).isEqualTo(200);
            assertThat(single.header("content-type")).isEqualTo("application/json");
            assertThat(single.body()).isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":\"hi\",\"id\":1}");

            Reply batch = raw.call("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[1]},"
                    + "{\"jsonrpc\":\"2.0\",\"method\":\"note\",\"params\":[\"in batch\"]},"
                    + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"echo\",\"params\":[2]}]");
            assertThat(batch.status()).isEqualTo(200);
            assertThat(batch.body()).contains("\"result\":1").contains("\"result\":2").startsWith("[");

            Reply note = raw.call("{\"jsonrpc\":\"2.0\",\"method\":\"note\",\"params\":[\"alone\"]}");
            assertThat(note.status()).isEqualTo(204);
            assertThat(note.body()).isEmpty();
            Reply notes = raw.call("[{\"jsonrpc\":\"2.0\",\"method\":\"note\",\"params\":[\"a\"]},"
                    + "{\"jsonrpc\":\"2.0\",\"method\":\"note\",\"params\":[\"b\"]}]");
            assertThat(notes.status()).isEqualTo(204);
            assertThat(List.of(poll(), poll(), poll(), poll())).containsExactlyInAnyOrder("in batch", "alone", "a", "b");

            Reply parse = raw.call("{bad json");
            assertThat(parse.status()).isEqualTo(200);
            assertThat(parse.body()).contains("-32700");
            Reply unknown = raw.call("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"nope\"}");
            assertThat(unknown.body()).contains("-32601").contains("\"id\":7");
            Reply empty = raw.call("");
            assertThat(empty.status()).isEqualTo(200);
            assertThat(empty.body()).contains("\"error\"");
        }
        assertThat(server.connections()).isLessThanOrEqualTo(1);
    }

    private String poll() throws InterruptedException {
        String s = notified.poll(20, TimeUnit.SECONDS);
        assertThat(s).isNotNull();
        return s;
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        start();
        try (Raw raw = new Raw()) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                all.append(request("POST", "/", i % 3 == 1 ? "{\"jsonrpc\":\"2.0\",\"method\":\"note\",\"params\":[\"p\"]}"
                        : "{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"echo\",\"params\":[" + i + "]}"));
            }
            raw.write(all.toString());
            for (int i = 0; i < 20; i++) {
                Reply r = raw.read();
                if (i % 3 == 1) {
                    assertThat(r.status()).isEqualTo(204);
                } else {
                    assertThat(r.body()).isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":" + i + ",\"id\":" + i + "}");
                }
            }
        }
    }

    @Test
    void otherMethodsGet405AndThePathIsChecked() throws Exception {
        start("http://127.0.0.1:0/rpc", HttpOptions.defaults(), TlsOptions.defaults());
        try (Raw raw = new Raw()) {
            raw.write(request("GET", "/rpc", ""));
            Reply get = raw.read();
            assertThat(get.status()).isEqualTo(405);
            assertThat(get.header("allow")).isEqualTo("POST");
            raw.write(request("PUT", "/rpc", "{}"));
            assertThat(raw.read().status()).isEqualTo(405);
            raw.write(request("POST", "/other", "{}"));
            assertThat(raw.read().status()).isEqualTo(404);
            raw.write(request("POST", "/rpc/deeper?x=1", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[3]}"));
            assertThat(raw.read().body()).contains("\"result\":3");
        }
    }

    @Test
    void anOversizedBodyGets413AndTheConnectionStaysUsable() throws Exception {
        start();
        String big = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[\"" + "x".repeat(LIMIT) + "\"]}";
        try (Raw raw = new Raw()) {
            Reply tooLarge = raw.call(big);
            assertThat(tooLarge.status()).isEqualTo(413);
            if (!"close".equalsIgnoreCase(tooLarge.header("connection"))) {
                assertThat(raw.call("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"echo\",\"params\":[\"after\"]}").body())
                        .contains("after");
            } else {
                assertThat(raw.closedByPeer()).isTrue();
            }
        }
        assertOthersServed();
    }

    @Test
    void anOversizedBodyThatExpects100ContinueGets413AndTheNextRequestIsServed() throws Exception {
        start();
        try (Raw raw = new Raw()) {
            raw.write("POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nExpect: 100-continue\r\n"
                    + "Content-Length: " + (LIMIT * 10) + "\r\n\r\n");
            assertThat(raw.read().status()).isEqualTo(413);
            // the body was never sent: the connection goes on with the next request
            assertThat(raw.call("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"echo\",\"params\":[\"next\"]}").body())
                    .contains("next");
        }
    }

    @Test
    void aPipelinedOversizedRequestIsAnsweredInItsTurn() throws Exception {
        start();
        String ok = request("POST", "/", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[\"first\"]}");
        String big = request("POST", "/", "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"echo\",\"params\":[\""
                + "x".repeat(LIMIT) + "\"]}");
        String last = request("POST", "/", "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"echo\",\"params\":[\"third\"]}");
        try (Raw raw = new Raw()) {
            raw.write(ok + big + last);
            assertThat(raw.read().body()).contains("first");
            assertThat(raw.read().status()).isEqualTo(413);
            assertThat(raw.read().body()).contains("third");
        }
    }

    @Test
    void http10ClientsAreAnsweredAndClosedUnlessTheyAskForKeepAlive() throws Exception {
        start();
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[\"old\"]}";
        try (Raw raw = new Raw()) {
            raw.write("POST / HTTP/1.0\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
            assertThat(raw.read().body()).contains("old");
            assertThat(raw.closedByPeer()).isTrue();
        }
        try (Raw raw = new Raw()) {
            raw.write("POST / HTTP/1.0\r\nConnection: keep-alive\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
            Reply first = raw.read();
            assertThat(first.header("connection")).isEqualToIgnoringCase("keep-alive");
            raw.write("POST / HTTP/1.1\r\nConnection: close\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
            assertThat(raw.read().header("connection")).isEqualTo("close");
            assertThat(raw.closedByPeer()).isTrue();
        }
    }

    @Test
    void aChunkedBodyOverTheLimitGets413AndCloses() throws Exception {
        start();
        try (Raw raw = new Raw()) {
            StringBuilder b = new StringBuilder("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
            for (int i = 0; i < 20; i++) {
                b.append("3e8\r\n").append("y".repeat(1000)).append("\r\n");
            }
            b.append("0\r\n\r\n");
            raw.write(b.toString());
            assertThat(raw.read().status()).isEqualTo(413);
            assertThat(raw.closedByPeer()).isTrue();
        }
        assertOthersServed();
    }

    @Test
    void hugeHeadersGet431AndClose() throws Exception {
        start();
        try (Raw raw = new Raw()) {
            raw.write(request("POST", "/", "{}", "X-Big: " + "z".repeat(20_000)));
            assertThat(raw.read().status()).isEqualTo(431);
            assertThat(raw.closedByPeer()).isTrue();
        }
        try (Raw raw = new Raw()) {
            raw.call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[1]}");
            raw.write(request("POST", "/", "{}", "X-Big: " + "z".repeat(20_000)));
            assertThat(raw.read().status()).isEqualTo(431);
            assertThat(raw.closedByPeer()).isTrue();
        }
        assertOthersServed();
    }

    @Test
    void aSlowBodyIsCutOffAtTheDeadline() throws Exception {
        start();
        try (Raw raw = new Raw()) {
            raw.write("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"jsonrpc\"");
            long start = System.nanoTime();
            assertThat(raw.read().status()).isEqualTo(408);
            assertThat(raw.closedByPeer()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
        try (Raw raw = new Raw()) {
            raw.write("POST / HTTP/1.1\r\nHost: x\r\n");   // headers that never end: the first request's deadline
            assertThat(raw.closedByPeer()).isTrue();
        }
        assertOthersServed();
    }

    @Test
    void credentialsAreCheckedBasicAndBearer() throws Exception {
        start(HttpOptions.builder().basicAuth("alice", "s3cret").bearerToken("tok.en").build());
        String call = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[\"ok\"]}";
        try (Raw raw = new Raw()) {
            Reply none = raw.call(call);
            assertThat(none.status()).isEqualTo(401);
            assertThat(none.header("www-authenticate")).contains("Basic realm=").contains("Bearer realm=");
            String wrong = java.util.Base64.getEncoder().encodeToString("alice:wrong".getBytes(StandardCharsets.UTF_8));
            assertThat(raw.call(call, "Authorization: Basic " + wrong).status()).isEqualTo(401);
            String right = java.util.Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8));
            assertThat(raw.call(call, "Authorization: basic " + right).body()).contains("\"ok\"");
            assertThat(raw.call(call, "Authorization: Bearer tok.en").body()).contains("\"ok\"");
            assertThat(raw.call(call, "Authorization: Bearer tok.eN").status()).isEqualTo(401);
        }
        RpcClient good = RpcClient.builder().http(HttpOptions.builder().basicAuth("alice", "s3cret").build()).build();
        try (RpcSession s = good.connect(server.services().get(0))) {
            assertThat(s.request("echo", "client").asText()).isEqualTo("client");
        }
        RpcClient bad = RpcClient.builder().http(HttpOptions.builder().bearerToken("nope").build()).build();
        try (RpcSession s = bad.connect(server.services().get(0))) {
            assertThatThrownBy(() -> s.request("echo", "x")).isInstanceOf(ConnectionLostException.class)
                    .hasStackTraceContaining("HTTP 401 Unauthorized");
        }
    }

    @Test
    void corsPreflightAndOriginsAllowed() throws Exception {
        start(HttpOptions.builder().allowedOrigins(Set.of("http://app.example")).build());
        try (Raw raw = new Raw()) {
            raw.write(request("OPTIONS", "/", "", "Origin: http://app.example",
                    "Access-Control-Request-Method: POST", "Access-Control-Request-Headers: content-type"));
            Reply pre = raw.read();
            assertThat(pre.status()).isEqualTo(204);
            assertThat(pre.header("access-control-allow-origin")).isEqualTo("http://app.example");
            assertThat(pre.header("access-control-allow-methods")).contains("POST");
            Reply ok = raw.call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[1]}", "Origin: http://app.example");
            assertThat(ok.header("access-control-allow-origin")).isEqualTo("http://app.example");
            Reply other = raw.call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[1]}", "Origin: http://evil.example");
            assertThat(other.status()).isEqualTo(403);
        }
    }

    @Test
    void everyOriginIsAllowedByDefaultWithoutCredentials() throws Exception {
        start();
        try (Raw raw = new Raw()) {
            raw.write(request("OPTIONS", "/", "", "Origin: null", "Access-Control-Request-Method: POST",
                    "Access-Control-Request-Headers: content-type, x-custom"));
            Reply pre = raw.read();
            assertThat(pre.status()).isEqualTo(204);
            assertThat(pre.header("access-control-allow-origin")).isEqualTo("*");
            assertThat(pre.header("access-control-allow-headers")).isEqualTo("content-type, x-custom");
            assertThat(pre.headers()).doesNotContainKey("access-control-allow-credentials");
            Reply ok = raw.call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[1]}", "Origin: http://any.example");
            assertThat(ok.header("access-control-allow-origin")).isEqualTo("*");
            String big = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[\"" + "x".repeat(LIMIT) + "\"]}";
            Reply tooLarge = raw.call(big, "Origin: http://any.example");
            assertThat(tooLarge.status()).isEqualTo(413);
            assertThat(tooLarge.header("access-control-allow-origin")).isEqualTo("*");
            Reply plain = raw.call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[1]}");
            assertThat(plain.headers()).doesNotContainKey("access-control-allow-origin");
        }
    }

    @Test
    void theJrpcxClientCallsOverHttpAndTheServerCannotCallBack() {
        start();
        try (RpcSession s = RpcClient.builder().build().connect(server.services().get(0))) {
            assertThat(s.request("echo", "one").asText()).isEqualTo("one");
            List<Item> results = s.sendBatch(new Batch(List.of(new Request("echo", Arguments.of(1)),
                    new Request("echo", Arguments.of(2)))));
            assertThat(results).extracting(i -> ((Response) i).result().asInt()).containsExactly(1, 2);
            s.sendNotification("note", "from client");
            assertThat(s.request("call_back").asText()).startsWith("refused: ").contains("HTTP");
            assertThat(s.request("notify_back").asText()).startsWith("refused: ").contains("server side of HTTP");
            var futures = java.util.stream.IntStream.range(0, 50).mapToObj(i -> s.requestAsync("echo", i)).toList();
            for (int i = 0; i < 50; i++) {
                assertThat(futures.get(i).join().asInt()).isEqualTo(i);
            }
        }
    }

    @Test
    void httpsServesTheClient() {
        TestCertificates certs = TestCertificates.in(dir);
        start("https://127.0.0.1:0", HttpOptions.defaults(), certs.server("server"));
        String url = "https://localhost:" + server.services().get(0).port() + "/";
        try (RpcSession s = RpcClient.builder().tls(certs.client()).build().connect(url)) {
            assertThat(s.request("echo", "secure").asText()).isEqualTo("secure");
        }
    }

    @Test
    void aWebSocketUpgradeOnTheSamePortIsAWebSocketSession() {
        start("http://127.0.0.1:0", HttpOptions.defaults(), TlsOptions.defaults(), Duration.ofSeconds(5));
        String ws = "ws://127.0.0.1:" + server.services().get(0).port() + "/";
        RpcHandler echo = RpcHandler.of(MethodTable.builder(RpcSession.class)
                .method("echo", Signature.of("message"), (c, p) -> p.get(0)).build());
        try (RpcSession s = RpcClient.builder().handler(echo).build().connect(ws)) {
            assertThat(s.request("echo", "over ws").asText()).isEqualTo("over ws");
            assertThat(s.request("call_back").asText()).isEqualTo("hi");   // WebSocket is full duplex
        }
        assertOthersServed();
    }
}
