package io.jrpcx.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jrpcx.jsonrpc.Arguments;
import io.jrpcx.jsonrpc.Item;
import io.jrpcx.jsonrpc.JsonRpc;
import io.jrpcx.jsonrpc.Notification;
import io.jrpcx.session.JsonRpcOptions;
import io.jrpcx.session.RpcClient;
import io.jrpcx.session.RpcSession;
import io.jrpcx.session.Session;
import io.jrpcx.session.SessionListener;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * jrpcx drives a real language server, Debian's python3-pylsp, over its stdin and stdout with
 * Content-Length framing: initialize, open a document, hover, complete, cancel, shutdown and exit.
 */
@Timeout(60)
class StdioPylspTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final List<JsonNode> sent = new CopyOnWriteArrayList<>();
    private final List<String> dropped = new CopyOnWriteArrayList<>();
    private final BlockingQueue<JsonNode> sentQueue = new LinkedBlockingQueue<>();
    private final BlockingQueue<JsonNode> receivedQueue = new LinkedBlockingQueue<>();
    private final BlockingQueue<Notification> notifications = new LinkedBlockingQueue<>();

    private RpcSession start() {
        SessionListener events = new SessionListener() {
            @Override
            public void messageContent(Session session, byte[] message, boolean incoming) {
                try {
                    JsonNode node = JSON.readTree(message);
                    (incoming ? received : sent).add(node);
                    (incoming ? receivedQueue : sentQueue).add(node);
                } catch (java.io.IOException e) {
                    dropped.add("not JSON: " + new String(message, StandardCharsets.UTF_8));
                }
            }

            @Override
            public void messageDropped(Session session, String reason) {
                dropped.add(reason);
            }
        };
        RpcClient client = RpcClient.builder()
                .rpcOptions(JsonRpcOptions.builder().cancelRequests(true).build())
                .listener(events)
                .handler((session, item) -> {
                    if (item instanceof Notification n) {
                        notifications.add(n);
                    }
                    return null;
                })
                .build();
        return client.connectProcess(new ProcessBuilder("/usr/bin/python3", "-m", "pylsp"),
                StdioOptions.builder().stderr(stderr::add).build());
    }

    private static Arguments named(Map<String, ?> values) {
        return Arguments.named(values);
    }

    @Test
    void initializeOpenHoverCompleteCancelShutdownExit() throws Exception {
        Path file = root.resolve("demo.py");
        String text = "import os\n\ndef greet(name):\n    \"\"\"Say hello to NAME.\"\"\"\n    return 'hi ' + name\n\ngreet('x')\nos.pa\n";
        Files.writeString(file, text);
        String uri = file.toUri().toString();
        RpcSession lsp = start();

        JsonNode init = lsp.request("initialize", named(Map.of("processId", ProcessHandle.current().pid(),
                "rootUri", root.toUri().toString(), "capabilities", Map.of())));
        assertThat(init.path("capabilities").path("hoverProvider").asBoolean()).isTrue();
        assertThat(init.path("capabilities").has("completionProvider")).isTrue();
        lsp.sendNotification("initialized", named(Map.of()));
        lsp.sendNotification("textDocument/didOpen", named(Map.of("textDocument",
                Map.of("uri", uri, "languageId", "python", "version", 1, "text", text))));

        // hover over the call greet('x'): the docstring of greet
        JsonNode hover = lsp.request("textDocument/hover", named(Map.of("textDocument", Map.of("uri", uri),
                "position", Map.of("line", 6, "character", 1))));
        assertThat(hover.path("contents").toString()).contains("Say hello to NAME.");

        // completion of os.pa: os.path, os.pardir...
        JsonNode completion = lsp.request("textDocument/completion", named(Map.of("textDocument", Map.of("uri", uri),
                "position", Map.of("line", 7, "character", 5))));
        List<String> labels = completion.path("items").findValuesAsText("label");
        assertThat(labels).anyMatch(l -> l.startsWith("path")).anyMatch(l -> l.startsWith("pardir"));

        // cancel a call before its answer is read: $/cancelRequest goes out with its id; pylsp answers the
        // call (it handles hover at once) or answers -32800, as the spec allows, and the session goes on
        lsp.pauseReading();
        CompletableFuture<JsonNode> cancelled = lsp.requestAsync("textDocument/hover", named(Map.of(
                "textDocument", Map.of("uri", uri), "position", Map.of("line", 2, "character", 5))));
        assertThat(cancelled.cancel(false)).isTrue();
        lsp.resumeReading();
        JsonNode cancelSent = await(sentQueue, m -> JsonRpc.CANCEL_REQUEST.equals(m.path("method").asText()));
        JsonNode id = cancelSent.path("params").path("id");
        assertThat(id.isNumber()).isTrue();
        JsonNode answer;
        try {
            answer = await(receivedQueue, m -> m.path("id").equals(id));
        } catch (AssertionError e) {
            throw new AssertionError("sent " + sent + "\nreceived " + received + "\nstderr " + stderr, e);
        }
        if (answer.has("error")) {
            assertThat(answer.path("error").path("code").asInt()).isEqualTo(JsonRpc.REQUEST_CANCELLED);
        } else {
            assertThat(answer.has("result")).isTrue();
        }
        assertThat(lsp.request("textDocument/hover", named(Map.of("textDocument", Map.of("uri", uri),
                "position", Map.of("line", 6, "character", 1)))).toString()).contains("Say hello");

        // pylsp publishes diagnostics for the document through the same session
        Notification diagnostics = pollFor("textDocument/publishDiagnostics");
        assertThat(diagnostics.args().node().path("uri").asText()).isEqualTo(uri);

        assertThat(lsp.request("shutdown", Arguments.none()).isNull()).isTrue();
        lsp.sendNotification("exit", Arguments.none());
        lsp.closed().get(20, TimeUnit.SECONDS);
        assertThat(lsp.isOpen()).isFalse();
        // nothing on the pipes but whole JSON-RPC messages
        assertThat(dropped).isEmpty();
        assertThat(received).allMatch(m -> "2.0".equals(m.path("jsonrpc").asText()));
    }

    @Test
    void closingTheSessionEndsTheServerProcess() throws Exception {
        RpcSession lsp = start();
        lsp.request("initialize", named(Map.of("processId", ProcessHandle.current().pid(),
                "rootUri", root.toUri().toString(), "capabilities", Map.of())));
        long before = ProcessHandle.current().children().count();
        assertThat(before).isPositive();
        lsp.close();
        assertThat(lsp.closed()).isDone();
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains("pylsp")).count()).isZero();
    }

    private Notification pollFor(String method) throws InterruptedException {
        while (true) {
            Notification n = notifications.poll(20, TimeUnit.SECONDS);
            assertThat(n).as("a " + method + " notification").isNotNull();
            if (n.method().equals(method)) {
                return n;
            }
        }
    }

    /** Waits for a message matching {@code test} (messages arrive on other threads). */
    private static JsonNode await(BlockingQueue<JsonNode> messages, java.util.function.Predicate<JsonNode> test)
            throws InterruptedException {
        while (true) {
            JsonNode m = messages.poll(20, TimeUnit.SECONDS);
            assertThat(m).as("a message as expected").isNotNull();
            if (test.test(m)) {
                return m;
            }
        }
    }
}
