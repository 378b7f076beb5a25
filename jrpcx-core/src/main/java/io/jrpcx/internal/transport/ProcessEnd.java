package io.jrpcx.internal.transport;

import io.jrpcx.internal.concurrent.VirtualThreads;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The child-process end of a {@link StreamTransport}: drains the child's stderr (if it is a pipe) to a
 * consumer line by line so the child never blocks on it, and once the transport's output (the child's
 * stdin) is closed, waits for the child to exit, destroying it when it takes longer than the grace
 * period. The cause it reports names the exit code and the last lines the child wrote to stderr.
 *
 * <pre>{@code
 * ProcessEnd end = ProcessEnd.start(process, "pylsp", Duration.ofSeconds(2), line -> log.info(line));
 * }</pre>
 */
public final class ProcessEnd implements StreamTransport.End {
    private static final int TAIL_LINES = 5;
    private static final int TAIL_CHARS = 400;

    private final Process process;
    private final String name;
    private final Duration exitTimeout;
    private final @Nullable Thread drainer;
    private final ArrayDeque<String> tail = new ArrayDeque<>();
    private final SocketAddress remote;

    private ProcessEnd(Process process, String name, Duration exitTimeout, boolean drain, Consumer<String> stderr) {
        this.process = process;
        this.name = name;
        this.exitTimeout = exitTimeout;
        this.remote = new StreamAddress("process " + process.pid() + " (" + name + ")");
        this.drainer = drain ? VirtualThreads.start("process-" + process.pid() + "/stderr", () -> drain(stderr)) : null;
    }

    /** Watches {@code process}; drains its stderr to {@code stderr} when {@code drain}. */
    public static ProcessEnd start(Process process, String name, Duration exitTimeout, boolean drain, Consumer<String> stderr) {
        return new ProcessEnd(process, name, exitTimeout, drain, stderr);
    }

    public Process process() {
        return process;
    }

    private void drain(Consumer<String> stderr) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (tail) {
                    tail.addLast(line.length() > TAIL_CHARS ? line.substring(0, TAIL_CHARS) + "..." : line);
                    if (tail.size() > TAIL_LINES) {
                        tail.removeFirst();
                    }
                }
                try {
                    stderr.accept(line);
                } catch (RuntimeException e) {
                    // the consumer's failure must not stop the draining
                }
            }
        } catch (IOException e) {
            // the pipe closed under us: the process is gone
        }
    }

    @Override
    public @Nullable Throwable finish(boolean aborted, boolean peerEndedFirst) {
        boolean destroyed = false;
        try {
            if (aborted || !process.waitFor(exitTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
                destroyed = process.isAlive();
                process.destroy();
                if (!process.waitFor(1, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            }
            Thread d = drainer;
            if (d != null) {
                d.join(Duration.ofSeconds(1));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        if (process.isAlive()) {
            return new IOException(remote + " did not exit");
        }
        int code = process.exitValue();
        if (destroyed || (!peerEndedFirst && code == 0)) {
            return null;
        }
        return new IOException(remote + " exited with code " + code + stderrTail());
    }

    private String stderrTail() {
        synchronized (tail) {
            return tail.isEmpty() ? "" : "; its stderr ended with: " + String.join(" | ", tail);
        }
    }

    @Override
    public boolean closeOnEndOfInput() {
        return true;
    }

    @Override
    public SocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public SocketAddress localAddress() {
        return new StreamAddress("pipes to " + remote);
    }
}
