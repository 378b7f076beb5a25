package io.jrpcx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
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
 * A Python peer process (the reference server or client script), run with the system interpreter
 * that has the reference library installed. Output is drained on background threads.
 */
final class PythonPeer implements AutoCloseable {
    static final String PYTHON = "/usr/bin/python3";
    static final Path SCRIPTS = Path.of("src/test/python");
    private static final Pattern LISTENING = Pattern.compile("listening tcp://([0-9.]+):(\\d+)");
    private static final Pattern LISTENING_URL = Pattern.compile("listening (\\S+)");

    private final Process process;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final StringBuffer stderr = new StringBuffer();

    private PythonPeer(List<String> command) throws IOException {
        assertThat(Path.of(PYTHON)).as("the Python interpreter with the reference library").exists();
        Path script = SCRIPTS.resolve(command.get(0));
        assertThat(script).exists();
        List<String> full = new ArrayList<>(List.of(PYTHON, "-u", script.toString()));
        full.addAll(command.subList(1, command.size()));
        ProcessBuilder pb = new ProcessBuilder(full).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        process = pb.start();
        drain(process.getInputStream(), true);
        drain(process.getErrorStream(), false);
    }

    /** Starts the reference server on a free loopback port and waits until it listens. */
    static PythonPeer server(String protocol) throws IOException {
        return new PythonPeer(List.of("aiorpcx_server.py", "--host", "127.0.0.1", "--port", "0", "--protocol", protocol));
    }

    /** Starts the reference server on {@code transport}, with the script's extra arguments (see {@link InteropTransport}). */
    static PythonPeer server(String protocol, List<String> extra) throws IOException {
        List<String> command = new ArrayList<>(List.of("aiorpcx_server.py", "--host", "127.0.0.1", "--port", "0",
                "--protocol", protocol));
        command.addAll(extra);
        return new PythonPeer(command);
    }

    /** Starts the reference client script against {@code server} (any transport). */
    static PythonPeer client(io.jrpcx.net.Service server, String protocol, List<String> extra) throws IOException {
        List<String> command = new ArrayList<>(List.of("aiorpcx_client.py", "--protocol", protocol,
                "--transport", server.protocol().equals("ssl") ? "tls" : server.protocol()));
        if (server.isUnix()) {
            command.addAll(List.of("--port", "0", "--path", server.path()));
        } else {
            command.addAll(List.of("--host", server.host().toString(), "--port", Integer.toString(server.port())));
            server.webSocketPath().ifPresent(path -> command.addAll(List.of("--path", path)));
        }
        command.addAll(extra);
        return new PythonPeer(command);
    }

    /** Waits for the {@code listening URL} line and returns that service. */
    io.jrpcx.net.Service awaitService(Duration timeout) throws InterruptedException {
        String line = stdout.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(line).as("listening line from the reference server; stderr: %s", stderr).isNotNull();
        Matcher m = LISTENING_URL.matcher(line);
        assertThat(m.matches()).as("listening line: %s", line).isTrue();
        return io.jrpcx.net.Service.parse(m.group(1));
    }

    /** Starts the reference client script against a server. */
    static PythonPeer client(InetSocketAddress server, String protocol) throws IOException {
        return new PythonPeer(List.of("aiorpcx_client.py", "--host", server.getHostString(),
                "--port", Integer.toString(server.getPort()), "--protocol", protocol));
    }

    /** Waits for the {@code listening tcp://HOST:PORT} line and returns that address. */
    InetSocketAddress awaitListening(Duration timeout) throws InterruptedException {
        String line = stdout.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(line).as("listening line from the reference server; stderr: %s", stderr).isNotNull();
        Matcher m = LISTENING.matcher(line);
        assertThat(m.matches()).as("listening line: %s", line).isTrue();
        return new InetSocketAddress(m.group(1), Integer.parseInt(m.group(2)));
    }

    /** Waits for the process to exit and returns every stdout line. */
    List<String> awaitOutput(Duration timeout) throws InterruptedException {
        boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(exited).as("process finished in time; stderr: %s", stderr).isTrue();
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = stdout.poll(5, TimeUnit.SECONDS)) != null && !line.equals(EOF)) {
            lines.add(line);
        }
        return lines;
    }

    int exitValue() {
        return process.exitValue();
    }

    String stderr() {
        return stderr.toString();
    }

    private static final String EOF = "\u0000eof";

    private void drain(InputStream in, boolean toQueue) {
        Thread.ofPlatform().daemon().name("python-peer-drain").start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (toQueue) {
                        stdout.add(line);
                    } else {
                        stderr.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                // the process went away
            } finally {
                if (toQueue) {
                    stdout.add(EOF);
                }
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
