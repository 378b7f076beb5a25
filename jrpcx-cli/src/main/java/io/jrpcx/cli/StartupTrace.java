package io.jrpcx.cli;

import java.time.Duration;
import java.time.Instant;

/**
 * Marks of the start-up of a command, printed on stderr when the system property {@code jrpcx.trace.startup}
 * is {@code true}: each line is the time since the process started (as the operating system reports it,
 * to the millisecond) and the CPU time of the process, so that a slow start can be taken apart.
 *
 * <pre>{@code
 * StartupTrace.mark("parsed");   // e.g. "jrpcx: startup parsed at 212 ms, cpu 180 ms"
 * }</pre>
 */
final class StartupTrace {
    private static final boolean ON = Boolean.getBoolean("jrpcx.trace.startup");

    private StartupTrace() {
    }

    /** Prints the mark {@code what} when tracing is on. */
    static void mark(String what) {
        if (ON) {
            ProcessHandle.Info info = ProcessHandle.current().info();
            long since = info.startInstant().map(t -> Duration.between(t, Instant.now()).toMillis()).orElse(-1L);
            long cpu = info.totalCpuDuration().map(Duration::toMillis).orElse(-1L);
            System.err.println("jrpcx: startup " + what + " at " + since + " ms, cpu " + cpu + " ms");
        }
    }
}
