package io.jrpcx.examples.lsp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jrpcx.jsonrpc.Arguments;
import io.jrpcx.jsonrpc.Item;
import io.jrpcx.jsonrpc.JsonRpc;
import io.jrpcx.jsonrpc.Notification;
import io.jrpcx.jsonrpc.Request;
import io.jrpcx.jsonrpc.RpcError;
import io.jrpcx.session.JsonRpcOptions;
import io.jrpcx.session.RpcHandler;
import io.jrpcx.session.RpcServer;
import io.jrpcx.session.RpcSession;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A tiny language server over stdin and stdout, as editors start them: Content-Length framing,
 * JSON-RPC 2.0, and LSP's {@code $/cancelRequest}. It keeps the text of open documents and answers
 * {@code textDocument/hover} with the word under the cursor; {@code example/count} is a slow request
 * that reports {@code $/progress} and stops when cancelled.
 *
 * <pre>{@code
 * java -cp ... io.jrpcx.examples.lsp.LanguageServer      # an editor (or vscode-jsonrpc) starts it
 * }</pre>
 */
public final class LanguageServer implements RpcHandler {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Map<String, String> documents = new ConcurrentHashMap<>();
    private final CompletableFuture<Boolean> exit = new CompletableFuture<>();
    private volatile boolean shutdown;

    /** Completes with true when the client sent {@code exit} after {@code shutdown}, false without. */
    public CompletableFuture<Boolean> exitRequested() {
        return exit;
    }

    @Override
    public @Nullable Object handle(RpcSession session, Item item) throws Exception {
        if (item instanceof Notification n) {
            notification(session, n.method(), n.args().node());
            return null;
        }
        Request r = (Request) item;
        JsonNode params = r.args().node();
        return switch (r.method()) {
            case "initialize" -> {
                // a stray println cannot corrupt the stream: serveStdio points System.out at stderr
                System.out.println("example language server: initialize from " + params.path("processId"));
                yield initialize();
            }
            case "textDocument/hover" -> hover(params);
            case "example/count" -> count(session, params);
            case "shutdown" -> {
                shutdown = true;
                yield null;
            }
            default -> throw new RpcError(JsonRpc.METHOD_NOT_FOUND, "unhandled method " + r.method());
        };
    }

    private void notification(RpcSession session, String method, JsonNode params) {
        switch (method) {
            case "textDocument/didOpen" -> {
                JsonNode doc = params.path("textDocument");
                documents.put(doc.path("uri").asText(), doc.path("text").asText());
                session.sendNotification("window/logMessage", Arguments.named(Map.of("type", 3,
                        "message", "opened " + doc.path("uri").asText() + " (" + lines(doc.path("text").asText()) + " lines)")));
            }
            case "textDocument/didChange" -> {
                JsonNode changes = params.path("contentChanges");
                if (!changes.isEmpty()) {   // full sync: the last change holds the whole text
                    documents.put(params.path("textDocument").path("uri").asText(), changes.get(changes.size() - 1).path("text").asText());
                }
            }
            case "textDocument/didClose" -> documents.remove(params.path("textDocument").path("uri").asText());
            case "exit" -> exit.complete(shutdown);
            default -> { }   // initialized, $/setTrace and others: nothing to do
        }
    }

    private static ObjectNode initialize() {
        ObjectNode result = JSON.objectNode();
        ObjectNode capabilities = result.putObject("capabilities");
        capabilities.put("textDocumentSync", 1);   // full
        capabilities.put("hoverProvider", true);
        result.putObject("serverInfo").put("name", "jrpcx-example-lsp").put("version", "0.1");
        return result;
    }

    /** The word under the cursor, with its line and column. */
    private @Nullable ObjectNode hover(JsonNode params) {
        String text = documents.get(params.path("textDocument").path("uri").asText());
        if (text == null) {
            throw new RpcError(JsonRpc.INVALID_PARAMS, "document not open");
        }
        int line = params.path("position").path("line").asInt();
        int column = params.path("position").path("character").asInt();
        String[] lines = text.split("\n", -1);
        if (line >= lines.length) {
            return null;
        }
        String l = lines[line];
        int start = Math.min(column, l.length());
        int end = start;
        while (start > 0 && Character.isJavaIdentifierPart(l.charAt(start - 1))) {
            start--;
        }
        while (end < l.length() && Character.isJavaIdentifierPart(l.charAt(end))) {
            end++;
        }
        if (start == end) {
            return null;
        }
        ObjectNode result = JSON.objectNode();
        result.putObject("contents").put("kind", "plaintext")
                .put("value", "'" + l.substring(start, end) + "' at line " + (line + 1) + " of " + lines.length);
        return result;
    }

    /**
     * Counts to {@code steps}, a step every 20 ms, reporting each as {@code $/progress} on the client's
     * {@code token}. Cancelled, its sleep is interrupted and the session answers -32800 for it.
     */
    private static int count(RpcSession session, JsonNode params) throws InterruptedException {
        int steps = params.path("steps").asInt(10);
        JsonNode token = params.path("token").isMissingNode() ? JSON.textNode("count") : params.path("token");
        for (int i = 1; i <= steps; i++) {
            Thread.sleep(20);
            ObjectNode progress = JSON.objectNode();
            progress.set("token", token);
            progress.putObject("value").put("kind", "report").put("message", i + " of " + steps);
            session.sendNotification("$/progress", new Arguments(progress));
        }
        return steps;
    }

    private static int lines(String text) {
        return text.split("\n", -1).length;
    }

    /** Serves over this process's stdin and stdout until {@code exit}; exits 0 after {@code shutdown}, else 1. */
    public static void main(String[] args) {
        LanguageServer server = new LanguageServer();
        RpcSession session = RpcServer.builder()
                .handler(server)
                .rpcOptions(JsonRpcOptions.builder().cancelRequests(true).build())
                .serveStdio();
        // exit, or the end of stdin (the editor went away), whichever comes first
        boolean clean = CompletableFuture.anyOf(server.exitRequested(), session.closed())
                .thenApply(v -> server.exitRequested().getNow(false)).join();
        session.close();
        System.exit(clean ? 0 : 1);
    }
}
