package io.jrpcx.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jrpcx.framing.Framing;
import io.jrpcx.session.ConnectionLostException;
import io.jrpcx.session.RpcClient;
import io.jrpcx.session.RpcSession;
import io.jrpcx.session.Session;
import io.jrpcx.session.SessionListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Child processes that misbehave on their stdout: each gets a clear error and loses nothing else. The
 * child is a small Python script that reads one Content-Length message and then does what its case says.
 */
@Timeout(60)
class StdioHostileTest {
    /** Reads one framed request, then runs the case's code with {@code rid} (its id) and {@code out}. */
    private static final String PRELUDE = """
            import sys, json
            inp, out = sys.stdin.buffer, sys.stdout.buffer
            n = None
            while True:
                line = inp.readline()
                if line in (b'\\r\\n', b''):
                    break
                if line.lower().startswith(b'content-length:'):
                    n = int(line.split(b':')[1])
            rid = json.loads(inp.read(n))['id']
            def send(obj):
                body = json.dumps(obj).encode()
                out.write(b'Content-Length: %d\\r\\n\\r\\n' % len(body) + body)
                out.flush()
            """;

    private final List<String> dropped = new CopyOnWriteArrayList<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();

    private RpcSession child(String code, StdioOptions options) {
        RpcClient client = RpcClient.builder().listener(new SessionListener() {
            @Override
            public void messageDropped(Session session, String reason) {
                dropped.add(reason);
            }
        }).build();
        return client.connectProcess(new ProcessBuilder("/usr/bin/python3", "-c", PRELUDE + code),
                options.toBuilder().stderr(stderr::add).build());
    }

    private RpcSession child(String code) {
        return child(code, StdioOptions.defaults());
    }

    @Test
    void aChildThatExitsMidCallFailsThePendingCallNamingItsExitCodeAndStderr() throws Exception {
        RpcSession s = child("sys.stderr.write('giving up on request %s\\n' % rid); sys.stderr.flush(); sys.exit(3)");
        assertThatThrownBy(() -> s.request("work"))
                .isInstanceOf(ConnectionLostException.class)
                .hasMessageContaining("exited with code 3")
                .hasMessageContaining("giving up on request 0");
        s.closed().get(10, TimeUnit.SECONDS);
        assertThat(s.isOpen()).isFalse();
    }

    @Test
    void garbageOnStdoutIsAMalformedHeaderThatEndsTheSessionClearly() throws Exception {
        RpcSession s = child("out.write(b'hello from a stray print\\n'); out.flush(); sys.stdin.read()");
        assertThatThrownBy(() -> s.request("work"))
                .isInstanceOf(ConnectionLostException.class)
                .hasMessageContaining("header");
        s.closed().get(10, TimeUnit.SECONDS);
        assertThat(dropped).hasSize(1);
    }

    @Test
    void aMalformedContentLengthEndsTheSessionClearly() throws Exception {
        RpcSession s = child("out.write(b'Content-Length: twelve\\r\\n\\r\\n{}'); out.flush(); sys.stdin.read()");
        assertThatThrownBy(() -> s.request("work"))
                .isInstanceOf(ConnectionLostException.class)
                .hasMessageContaining("Content-Length");
        s.closed().get(10, TimeUnit.SECONDS);
    }

    @Test
    void anOversizedBodyIsSkippedFromItsHeaderAndTheNextMessageIsRead() throws Exception {
        RpcSession s = child("""
                out.write(b'Content-Length: 5000\\r\\n\\r\\n' + b'x' * 5000); out.flush()
                send({'jsonrpc': '2.0', 'id': rid, 'result': 'after the big one'})
                sys.stdin.read()
                """, StdioOptions.builder().framing(Framing.contentLength(1000)).build());
        JsonNode result = s.request("work");
        assertThat(result.asText()).isEqualTo("after the big one");
        assertThat(dropped).singleElement().asString().contains("5000").contains("1000");
        s.close();
        assertThat(s.closed()).isDone();
    }

    @Test
    void aChildThatIgnoresItsClosedStdinIsDestroyedAfterTheExitTimeout() throws Exception {
        RpcSession s = child("""
                send({'jsonrpc': '2.0', 'id': rid, 'result': 'ok'})
                import time
                while True: time.sleep(60)
                """, StdioOptions.builder().exitTimeout(java.time.Duration.ofMillis(200)).build());
        assertThat(s.request("work").asText()).isEqualTo("ok");
        long start = System.nanoTime();
        s.close();
        assertThat(s.closed()).isDone();
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(5);
    }

    @Test
    void aCommandThatCannotStartIsAClearTransportException() {
        RpcClient client = RpcClient.builder().build();
        assertThatThrownBy(() -> client.connectProcess(new ProcessBuilder("/nonexistent/language-server")))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("cannot start /nonexistent/language-server");
        assertThatThrownBy(() -> client.connectProcess(new ProcessBuilder("cat").redirectErrorStream(true)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void newlineFramingIsSelectable() throws Exception {
        RpcSession s = RpcClient.builder().build().connectProcess(new ProcessBuilder("/usr/bin/python3", "-c", """
                import sys, json
                for line in sys.stdin:
                    req = json.loads(line)
                    print(json.dumps({'jsonrpc': '2.0', 'id': req['id'], 'result': req['params']}), flush=True)
                """), StdioOptions.builder().framing(Framing.newline()).build());
        assertThat(s.request("echo", 1, "two").toString()).isEqualTo("[1,\"two\"]");
        s.close();
        assertThat(s.closed()).isDone();
    }
}
