package io.jrpcx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jrpcx.session.RpcServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line's subcommands, built only as needed, and what {@code call} leaves behind. */
class MainTest {
    private static final List<String> ALL = List.of("serve", "call", "demo", "bench", "proxy-detect", "train");

    @Test
    void aNamedSubcommandIsTheOnlyOneBuilt() {
        assertThat(Main.commandLine("call", "tcp://127.0.0.1:1", "echo").getSubcommands()).containsOnlyKeys("call");
        assertThat(Main.commandLine("serve", "--help").getSubcommands()).containsOnlyKeys("serve");
    }

    @Test
    void otherwiseEveryOneIsBuiltInOrder() {
        for (String[] args : new String[][] {{}, {"--help"}, {"--version"}, {"nosuch"}, {"CALL"}}) {
            assertThat(Main.commandLine(args).getSubcommands().keySet()).as(String.join(" ", args))
                    .containsExactlyElementsOf(ALL);
        }
        StringWriter out = new StringWriter();
        CommandLine cl = Main.commandLine("--help");
        cl.setOut(new PrintWriter(out, true));
        assertThat(cl.execute("--help")).isZero();
        assertThat(out.toString()).contains("serve ", "call ", "demo ", "bench ", "proxy-detect ")
                .doesNotContain("train");
    }

    @Test
    void aNamedSubcommandHelpsAndFailsAsBefore() {
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine("call");
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute("call")).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains("Missing required parameter: 'URL'").contains("Usage: jrpcx call");
    }

    @Test
    void callRunsOnALoopOfItsOwnAndStopsItBeforeItReturns() throws Exception {
        // the server notes the client's loop threads while the call is in flight
        Set<Thread> clientLoops = ConcurrentHashMap.newKeySet();
        RpcServer server = RpcServer.builder().listen("tcp://127.0.0.1:0").handler((session, item) -> {
            Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("jrpcx-call"))
                    .forEach(clientLoops::add);
            return "noted";
        }).start();
        try {
            StringWriter out = new StringWriter();
            CommandLine cl = Main.commandLine("call");
            cl.setOut(new PrintWriter(out, true));
            assertThat(cl.execute("call", server.services().get(0).toString(), "note")).isZero();
            assertThat(out.toString()).isEqualTo("\"noted\"\n");
            assertThat(clientLoops).hasSize(1);
            // an idle event loop thread would live on, and the JVM's exit waits for such a thread
            for (Thread t : clientLoops) {
                t.join(Duration.ofSeconds(10));
                assertThat(t.isAlive()).as(t.getName()).isFalse();
            }
        } finally {
            server.close(Duration.ofSeconds(5));
        }
    }
}
