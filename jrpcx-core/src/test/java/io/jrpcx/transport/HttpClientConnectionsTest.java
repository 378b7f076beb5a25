package io.jrpcx.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jrpcx.jsonrpc.MethodTable;
import io.jrpcx.jsonrpc.Signature;
import io.jrpcx.session.ConnectionLostException;
import io.jrpcx.session.RpcClient;
import io.jrpcx.session.RpcHandler;
import io.jrpcx.session.RpcServer;
import io.jrpcx.session.RpcSession;
import io.jrpcx.session.SessionOptions;
import io.jrpcx.testing.PythonServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client's session over HTTP outlives the connections a server ends while it owes nothing: after
 * each response (Python's {@code http.server} in its default HTTP/1.0, a {@code Connection: close}
 * response) or when a keep-alive connection has been idle (a jrpcx server with an idle timeout, as
 * bitcoind closes idle connections). A connection that ends with an answer owed, or a new connection that
 * cannot be made, still ends the session with the reason.
 */
@Timeout(60)
class HttpClientConnectionsTest {
    private final RpcClient client = RpcClient.builder().build();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : toClose.reversed()) {
            c.close();
        }
    }

    private PythonServer python(String mode) throws Exception {
        PythonServer peer = PythonServer.start("http_jsonrpc_server.py", mode);
        toClose.add(peer);
        return peer;
    }

    private RpcSession connect(String url) {
        RpcSession session = client.connect(url);
        toClose.add(session);
        return session;
    }

    @Test
    void oneSessionCallsAnHttp10ServerThatClosesEveryConnectionAfterItsResponse() throws Exception {
        PythonServer peer = python("http10");
        RpcSession session = connect("http://127.0.0.1:" + peer.port() + "/");
        for (int i = 0; i < 20; i++) {
            assertThat(session.request("echo", "call " + i).asText()).isEqualTo("call " + i);
        }
        session.sendNotification("echo", "a notification");
        // calls made at once wait for a connection each: none is lost behind another's closed connection
        List<CompletableFuture<JsonNode>> calls = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            calls.add(session.requestAsync("echo", i));
        }
        for (int i = 0; i < calls.size(); i++) {
            assertThat(calls.get(i).get(20, TimeUnit.SECONDS).asInt()).isEqualTo(i);
        }
        JsonNode count = session.request("count");
        assertThat(count.get("requests").asInt()).isEqualTo(52);
        assertThat(count.get("connections").asInt()).isEqualTo(52);   // HTTP/1.0: one request a connection
        assertThat(session.isOpen()).isTrue();
    }

    @Test
    void requestsPostedAfterAConnectionCloseResponseArePostedAgainOnTheNextConnection() throws Exception {
        ClosingServer server = new ClosingServer();
        toClose.add(server);
        RpcSession session = connect("http://127.0.0.1:" + server.port() + "/");
        assertThat(session.request("echo", "first").asText()).isEqualTo("first");
        for (int round = 0; round < 5; round++) {
            // pipelined behind "last", which the server answers with "Connection: close" and then reads no more
            CompletableFuture<JsonNode> last = session.requestAsync("last", "closing " + round);
            List<CompletableFuture<JsonNode>> after = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                after.add(session.requestAsync("echo", round * 10 + i));
            }
            assertThat(last.get(20, TimeUnit.SECONDS).asText()).isEqualTo("closing " + round);
            for (int i = 0; i < after.size(); i++) {
                assertThat(after.get(i).get(20, TimeUnit.SECONDS).asInt()).isEqualTo(round * 10 + i);
            }
        }
        assertThat(server.requests.get()).as("each request handled once").isEqualTo(31);
        assertThat(server.connections.get()).as("one connection after each close").isEqualTo(6);
    }

    @Test
    void aRequestOnAnIdleConnectionThatEndsBeforeAnyAnswerIsPostedOnceMore() throws Exception {
        ClosingServer server = new ClosingServer();
        toClose.add(server);
        RpcSession session = connect("http://127.0.0.1:" + server.port() + "/");
        assertThat(session.request("echo", "first").asText()).isEqualTo("first");
        assertThat(session.request("dropOnce", "again").asText()).isEqualTo("again");
        assertThat(server.requests.get()).as("first, then dropOnce twice").isEqualTo(3);
        assertThat(server.connections.get()).isEqualTo(2);
    }

    @Test
    void aKeepAliveConnectionTheServerClosesWhenIdleIsReplacedByTheNextCall() throws Exception {
        LinkedBlockingQueue<RpcSession> opened = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<RpcSession> closed = new LinkedBlockingQueue<>();
        RpcServer server = RpcServer.builder().listen("http://127.0.0.1:0")
                .options(SessionOptions.builder().idleTimeout(Duration.ofMillis(200)).build())
                .handler(RpcHandler.of(MethodTable.builder(RpcSession.class)
                        .method("echo", Signature.of("message"), (s, p) -> p.get(0)).build()))
                .onOpen(opened::add).onClose(closed::add)
                .start();
        toClose.add(server);
        RpcSession session = connect(server.services().get(0).toString());
        for (int i = 0; i < 3; i++) {
            assertThat(session.request("echo", "before idle " + i).asText()).isEqualTo("before idle " + i);
            RpcSession serverSide = opened.poll(10, TimeUnit.SECONDS);
            assertThat(closed.poll(10, TimeUnit.SECONDS)).as("the server ended the idle connection").isSameAs(serverSide);
            assertThat(session.isOpen()).isTrue();
        }
        assertThat(session.request("echo", "after").asText()).isEqualTo("after");
        assertThat(opened.poll(10, TimeUnit.SECONDS)).as("a fourth connection").isNotNull();
    }

    @Test
    void aConnectionThatEndsWithAnAnswerOwedEndsTheSession() throws Exception {
        PythonServer peer = python("keepalive");
        RpcSession session = connect("http://127.0.0.1:" + peer.port() + "/");
        assertThat(session.request("echo", "first").asText()).isEqualTo("first");
        // the connection was idle, so "hang" is posted once more on a new connection; that one was not
        // idle before, so the server read it and may have acted on it: the session ends
        assertThatThrownBy(() -> session.request("hang"))
                .isInstanceOf(ConnectionLostException.class)
                .hasMessageContaining("1 answer owed");
        session.closed().get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> session.request("echo", "after"))
                .as("the session is closed: no new connection is made for it")
                .isInstanceOf(ConnectionLostException.class);
    }

    @Test
    void aNewConnectionThatCannotBeMadeEndsTheSessionWithTheReason() throws Exception {
        PythonServer peer = python("http10");
        RpcSession session = connect("http://127.0.0.1:" + peer.port() + "/");
        assertThat(session.request("echo", "one").asText()).isEqualTo("one");
        // HTTP/1.0: that connection ended with its response, so the next call needs a new one
        peer.close();
        assertThatThrownBy(() -> session.request("echo", "two"))
                .isInstanceOf(ConnectionLostException.class)
                .hasMessageContaining("cannot connect");
        session.closed().get(10, TimeUnit.SECONDS);
        assertThat(session.isOpen()).isFalse();
    }
    /**
     * An HTTP/1.1 JSON-RPC echo server on plain sockets that answers {@code last} with
     * {@code Connection: close} and then handles nothing more on that connection, closing it as a careful
     * server does: its side first, then reading what the client sent until the client closes, so no reset
     * destroys the answer. The first {@code dropOnce} it gets, it closes the connection the same way
     * without answering, as a server closing an idle connection just as a request arrives.
     */
    private static final class ClosingServer implements AutoCloseable {
        private final java.net.ServerSocket listener = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
        private final java.util.concurrent.atomic.AtomicBoolean dropped = new java.util.concurrent.atomic.AtomicBoolean();
        private final com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();

        ClosingServer() throws java.io.IOException {
            Thread.ofVirtual().start(() -> {
                while (!listener.isClosed()) {
                    try {
                        java.net.Socket s = listener.accept();
                        connections.incrementAndGet();
                        Thread.ofVirtual().start(() -> serve(s));
                    } catch (java.io.IOException e) {
                        return;   // closed
                    }
                }
            });
        }

        int port() {
            return listener.getLocalPort();
        }

        private void serve(java.net.Socket socket) {
            try (socket) {
                java.io.InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
                java.io.OutputStream out = socket.getOutputStream();
                String head;
                while ((head = readHead(in)) != null) {
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
                    assertThat(m.find()).as("a Content-Length in %s", head).isTrue();
                    JsonNode request = json.readTree(in.readNBytes(Integer.parseInt(m.group(1))));
                    requests.incrementAndGet();
                    if (request.get("method").asText().equals("dropOnce") && dropped.compareAndSet(false, true)) {
                        socket.shutdownOutput();   // as if it had closed the idle connection as the request came
                        in.transferTo(java.io.OutputStream.nullOutputStream());
                        return;
                    }
                    boolean last = request.get("method").asText().equals("last");
                    byte[] body = json.writeValueAsBytes(json.createObjectNode().put("jsonrpc", "2.0")
                            .<com.fasterxml.jackson.databind.node.ObjectNode>set("id", request.get("id"))
                            .set("result", request.get("params").get(0)));
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                            + (last ? "\r\nConnection: close" : "") + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    out.write(body);
                    out.flush();
                    if (last) {
                        socket.shutdownOutput();
                        in.transferTo(java.io.OutputStream.nullOutputStream());
                        return;
                    }
                }
            } catch (java.io.IOException e) {
                // the client went away
            }
        }

        /** The request line and headers, or null at the end of the stream. */
        private static @org.jspecify.annotations.Nullable String readHead(java.io.InputStream in) throws java.io.IOException {
            StringBuilder head = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0) {
                head.append((char) c);
                if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                    return head.toString();
                }
            }
            return null;
        }

        @Override
        public void close() throws java.io.IOException {
            listener.close();
        }
    }
}
