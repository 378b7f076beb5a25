package io.jrpcx.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A long-running Python test peer from {@code src/test/python}, started with Debian's interpreter,
 * that prints {@code listening tcp://127.0.0.1:PORT} once it serves; stopped by {@link #close()}.
 *
 * <pre>{@code
 * try (PythonServer peer = PythonServer.start("aiorpcx_message_peer.py", "server", "e3e1f3e8", "65536", "1048576")) {
 *     int port = peer.port();
 * }
 * }</pre>
 */
public final class PythonServer implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening tcp://127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final StringBuffer stderr = new StringBuffer();
    private final int port;

    private PythonServer(List<String> command) throws IOException, InterruptedException {
        process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        drain(process.getInputStream(), line -> stdout.add(line));
        drain(process.getErrorStream(), line -> stderr.append(line).append('\n'));
        String line = stdout.poll(30, TimeUnit.SECONDS);
        if (line == null) {
            close();
            throw new AssertionError("no listening line from " + command + "; stderr: " + stderr);
        }
        Matcher m = LISTENING.matcher(line);
        assertThat(m.matches()).as("listening line: %s; stderr: %s", line, stderr).isTrue();
        port = Integer.parseInt(m.group(1));
    }

    /** Starts {@code script} with {@code args} and waits until it listens. */
    public static PythonServer start(String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PythonScript.PYTHON, "-u", Path.of("src", "test", "python", script).toString()));
        command.addAll(List.of(args));
        return new PythonServer(command);
    }

    /** The loopback port it listens on. */
    public int port() {
        return port;
    }

    /** What it has written to stderr so far. */
    public String stderr() {
        return stderr.toString();
    }

    private static void drain(InputStream in, java.util.function.Consumer<String> lines) {
        Thread.ofPlatform().daemon().name("python-server-drain").start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.accept(line);
                }
            } catch (IOException e) {
                // the process went away
            }
        });
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
