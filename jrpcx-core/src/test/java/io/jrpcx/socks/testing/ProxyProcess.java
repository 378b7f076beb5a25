package io.jrpcx.socks.testing;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * An external process started by a test (a proxy, an sshd), with its output collected on daemon
 * threads. {@link #awaitLine} waits for a line of output; {@link #awaitPort} waits for a loopback port
 * to accept connections, for a process that says nothing when it is ready.
 */
public final class ProxyProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final String name;
    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final List<Predicate<String>> waiters = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> exited;

    private ProxyProcess(String name, List<String> command) throws IOException {
        this.name = name;
        this.process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        this.exited = process.onExit().thenApply(p -> null);
        Thread.ofPlatform().daemon().name(name + "-output").start(() -> drain(process.getInputStream()));
    }

    /** Starts {@code command}; {@code name} is for messages. */
    public static ProxyProcess start(String name, List<String> command) throws IOException {
        return new ProxyProcess(name, command);
    }

    /** Whether an executable exists at {@code path}. */
    public static boolean installed(String path) {
        return Files.isExecutable(Path.of(path));
    }

    private void drain(InputStream in) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                output.append(line).append('\n');
                for (Predicate<String> w : waiters) {
                    w.test(line);
                }
            }
        } catch (IOException e) {
            // the process went away
        }
    }

    /** Waits until the process prints a line containing {@code text}. */
    public void awaitLine(String text) throws IOException {
        CompletableFuture<Void> seen = new CompletableFuture<>();
        Predicate<String> waiter = line -> line.contains(text) && seen.complete(null);
        waiters.add(waiter);
        try {
            if (output.toString().contains(text)) {
                return;
            }
            CompletableFuture.anyOf(seen, exited).get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!seen.isDone()) {
                throw new IOException(name + " exited with " + process.exitValue() + " before printing '" + text
                        + "':\n" + output);
            }
        } catch (TimeoutException e) {
            throw new IOException(name + " did not print '" + text + "' within " + START_TIMEOUT + ":\n" + output);
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new IOException(e);
        } finally {
            waiters.remove(waiter);
        }
    }

    /**
     * Waits until {@code port} on 127.0.0.1 accepts a connection, for a process that prints nothing
     * when it is ready: a readiness poll of an external process, retried every 10 ms.
     */
    public void awaitPort(int port) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException e) {
                if (!process.isAlive()) {
                    throw new IOException(name + " exited with " + process.exitValue() + ":\n" + output);
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException(name + " did not listen on port " + port + " within " + START_TIMEOUT
                            + ":\n" + output);
                }
                LockSupport.parkNanos(10_000_000);
            }
        }
    }

    /** Everything the process printed so far. */
    public String output() {
        return output.toString();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
