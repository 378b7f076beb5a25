package io.jrpcx.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jrpcx.examples.lsp.LanguageServer;
import io.jrpcx.jsonrpc.Arguments;
import io.jrpcx.jsonrpc.JsonRpc;
import io.jrpcx.jsonrpc.Notification;
import io.jrpcx.jsonrpc.RpcError;
import io.jrpcx.session.JsonRpcOptions;
import io.jrpcx.session.RpcClient;
import io.jrpcx.session.RpcSession;
import io.jrpcx.transport.StdioOptions;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The example language server ({@link LanguageServer}), started as a child process, driven over its
 * stdin and stdout: by a Node.js client built on {@code vscode-jsonrpc} (VS Code's JSON-RPC library,
 * from the root {@code package.json}), and by jrpcx's own {@code RpcClient.connectProcess}.
 */
@Timeout(120)
class LanguageServerTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** The command that runs the example server: this JVM's java, this test's class path. */
    private static List<String> serverCommand() {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(LanguageServer.class.getName());
        return command;
    }

    @Test
    void vscodeJsonrpcDrivesTheExampleServer() throws Exception {
        assertThat(ROOT.resolve("node_modules/vscode-jsonrpc")).as("run 'npm ci' at the project root").isDirectory();
        List<String> command = new ArrayList<>(List.of("node", Path.of("src/test/js/lsp-client.cjs").toAbsolutePath().toString()));
        command.addAll(serverCommand());
        Process node = new ProcessBuilder(command).directory(ROOT.toFile()).start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(node.getErrorStream()));
        String output = read(node.getInputStream());
        assertThat(node.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as("node: %s", err.get()).isZero();

        JsonNode out = new ObjectMapper().readTree(output);
        assertThat(out.path("capabilities").path("hoverProvider").asBoolean()).isTrue();
        assertThat(out.path("capabilities").path("textDocumentSync").asInt()).isEqualTo(1);
        assertThat(out.path("serverInfo").path("name").asText()).isEqualTo("jrpcx-example-lsp");
        assertThat(out.path("logMessages").toString()).contains("opened file:///tmp/hello.txt (3 lines)");
        assertThat(out.path("hover").path("contents").path("value").asText()).isEqualTo("'line' at line 2 of 3");
        assertThat(out.path("unknownMethod").asInt()).isEqualTo(JsonRpc.METHOD_NOT_FOUND);
        assertThat(out.has("slowResult")).as("the cancelled request ran to its end: %s", out).isFalse();
        assertThat(out.path("cancelled").path("code").asInt()).isEqualTo(JsonRpc.REQUEST_CANCELLED);
        assertThat(out.path("cancelled").path("message").asText()).isEqualTo("Request cancelled");
        assertThat(out.path("count").asInt()).isEqualTo(3);
        assertThat(out.path("progress").findValuesAsText("token")).contains("c1", "c2");
        assertThat(out.path("shutdown").isNull()).isTrue();
        assertThat(out.path("exit").path("code").asInt()).isZero();
        assertThat(out.has("connectionError")).isFalse();
    }

    @Test
    void jrpcxDrivesTheExampleServerAndCancelsOverTheWire() throws Exception {
        BlockingQueue<Notification> notifications = new LinkedBlockingQueue<>();
        List<String> stderr = new java.util.concurrent.CopyOnWriteArrayList<>();
        BlockingQueue<JsonNode> errors = new LinkedBlockingQueue<>();
        RpcSession lsp = RpcClient.builder()
                .listener(new io.jrpcx.session.SessionListener() {
                    @Override
                    public void messageContent(io.jrpcx.session.Session session, byte[] message, boolean incoming) {
                        try {
                            JsonNode m = new ObjectMapper().readTree(message);
                            if (incoming && m.has("error")) {
                                errors.add(m);
                            }
                        } catch (java.io.IOException e) {
                            throw new AssertionError(e);
                        }
                    }
                })
                .rpcOptions(JsonRpcOptions.builder().cancelRequests(true).build())
                .handler((session, item) -> {
                    notifications.add((Notification) item);
                    return null;
                })
                .build()
                .connectProcess(new ProcessBuilder(serverCommand()), StdioOptions.builder().stderr(stderr::add).build());
        JsonNode init = lsp.request("initialize", Arguments.named(Map.of("processId", 1, "capabilities", Map.of())));
        assertThat(init.path("capabilities").path("hoverProvider").asBoolean()).isTrue();
        lsp.sendNotification("textDocument/didOpen", Arguments.named(Map.of("textDocument",
                Map.of("uri", "file:///a.txt", "languageId", "plaintext", "version", 1, "text", "alpha beta"))));
        JsonNode hover = lsp.request("textDocument/hover", Arguments.named(Map.of(
                "textDocument", Map.of("uri", "file:///a.txt"), "position", Map.of("line", 0, "character", 7))));
        assertThat(hover.path("contents").path("value").asText()).isEqualTo("'beta' at line 1 of 1");

        CompletableFuture<JsonNode> slow = lsp.requestAsync("example/count", Arguments.named(Map.of("steps", 100000)));
        Notification progress = notifications.poll(30, TimeUnit.SECONDS);
        while (progress != null && !progress.method().equals("$/progress")) {
            progress = notifications.poll(30, TimeUnit.SECONDS);
        }
        assertThat(progress).as("a $/progress notification").isNotNull();
        slow.cancel(false);
        // the server interrupted the count and answered it -32800 (which the client, having given it up, drops)
        JsonNode cancelled = errors.poll(30, TimeUnit.SECONDS);
        assertThat(cancelled).isNotNull();
        assertThat(cancelled.path("error").path("code").asInt()).isEqualTo(JsonRpc.REQUEST_CANCELLED);
        assertThat(lsp.request("example/count", Arguments.named(Map.of("steps", 1))).asInt()).isEqualTo(1);

        assertThat(lsp.request("shutdown", Arguments.none()).isNull()).isTrue();
        lsp.sendNotification("exit", Arguments.none());
        lsp.closed().get(30, TimeUnit.SECONDS);
        assertThat(lsp.isOpen()).isFalse();
        assertThat(stderr).noneMatch(l -> l.contains("Exception"))
                .contains("example language server: initialize from 1");   // System.out, guarded
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
