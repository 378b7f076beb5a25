package io.jrpcx.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code jrpcx call --stdio 'COMMAND ARGS' METHOD ...}: a call to a child process over its stdin and
 * stdout, against Debian's pylsp (Content-Length framing) and a newline-framed Python script.
 */
@Timeout(60)
class StdioCallTest {

    @Test
    void callsPylspOverItsStdio() throws Exception {
        CliTest.Run run = CliTest.run("call", "--stdio", "/usr/bin/python3 -m pylsp", "initialize",
                "--named", "{\"processId\": null, \"rootUri\": null, \"capabilities\": {}}");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode result = new ObjectMapper().readTree(run.out());
        assertThat(result.path("capabilities").path("hoverProvider").asBoolean()).isTrue();
        assertThat(result.path("serverInfo").path("name").asText()).isEqualTo("pylsp");
    }

    @Test
    void newlineFramingAndQuotedWords(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path script = dir.resolve("echo server.py");
        java.nio.file.Files.writeString(script, """
                import sys, json
                for line in sys.stdin:
                    r = json.loads(line)
                    print(json.dumps({'jsonrpc': '2.0', 'id': r['id'], 'result': [r['method']] + r['params'] + sys.argv[1:]}), flush=True)
                """);
        CliTest.Run run = CliTest.run("call", "--stdio-framing", "newline",
                "--stdio", "/usr/bin/python3 '" + script + "' \"two words\" plain", "echo", "1", "x");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("[\"echo\",1,\"x\",\"two words\",\"plain\"]\n");
    }

    @Test
    void aChildThatExitsIsAConnectionFailureNamingItsExitCodeAndStderr() {
        CliTest.Run run = CliTest.run("call", "--stdio",
                "/usr/bin/python3 -c 'import sys; sys.stdin.readline(); print(\"no such luck\", file=sys.stderr); sys.exit(4)'", "x");
        assertThat(run.exit()).isEqualTo(Main.EXIT_CONNECTION);
        assertThat(run.err()).contains("/usr/bin/python3: no such luck")
                .contains("ended before a response arrived").contains("exited with code 4");
    }

    @Test
    void badCommandsAreClearErrors() {
        CliTest.Run missing = CliTest.run("call", "--stdio", "/no/such/server", "x");
        assertThat(missing.exit()).isEqualTo(Main.EXIT_CONNECTION);
        assertThat(missing.err()).contains("cannot start /no/such/server");
        CliTest.Run unclosed = CliTest.run("call", "--stdio", "server 'arg", "x");
        assertThat(unclosed.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(unclosed.err()).contains("--stdio: unclosed '");
        CliTest.Run framing = CliTest.run("call", "--stdio", "cat", "--stdio-framing", "xml", "x");
        assertThat(framing.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(CliTest.run("call", "echo").err()).contains("Invalid value for positional parameter at index 0 (URL)");
        assertThat(CliTest.run("call").err()).contains("Missing required parameter: 'URL' (or --stdio COMMAND)");
    }

    @Test
    void commandWordsSplitLikeAShellWithoutOne() {
        assertThat(CommandWords.split("  python3  -m pylsp ")).isEqualTo(List.of("python3", "-m", "pylsp"));
        assertThat(CommandWords.split("a 'b c' \"d \\\" 'e'\" f\\ g ''")).isEqualTo(List.of("a", "b c", "d \" 'e'", "f g", ""));
        assertThat(CommandWords.split("x'y'\"z\"")).isEqualTo(List.of("xyz"));
        assertThat(CommandWords.split("$HOME *.txt | > ;")).isEqualTo(List.of("$HOME", "*.txt", "|", ">", ";"));
        assertThatThrownBy(() -> CommandWords.split("a \"b")).hasMessageContaining("unclosed \"");
        assertThatThrownBy(() -> CommandWords.split("a\\")).hasMessageContaining("backslash");
        assertThatThrownBy(() -> CommandWords.split("   ")).hasMessageContaining("empty");
    }
}
