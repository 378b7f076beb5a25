package io.jrpcx.cli;

import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The checks and messages of {@code jrpcx bench}: each bad option named with its value, running out of
 * file descriptors said plainly, failures summed up by reason, and whether stderr is a terminal (the
 * live progress line goes there only then).
 *
 * <pre>{@code
 * BenchChecks.options(commandLine, 4, 16, 1, 0, 5.0);   // passes
 * }</pre>
 */
final class BenchChecks {
    private BenchChecks() {
    }

    static void options(CommandLine cl, int connections, int depth, int batch, int idle, double duration) {
        atLeast(cl, "--connections", connections, 1);
        atLeast(cl, "--depth", depth, 1);
        atLeast(cl, "--batch", batch, 1);
        atLeast(cl, "--idle", idle, 0);
        if (!(duration > 0) || Double.isInfinite(duration)) {
            throw new ParameterException(cl, "--duration must be a number of seconds above 0, not " + duration);
        }
    }

    private static void atLeast(CommandLine cl, String option, int value, int min) {
        if (value < min) {
            throw new ParameterException(cl, option + " must be at least " + min + ", not " + value);
        }
    }

    /** A connection failure in one line; running out of file descriptors says what to do. */
    static String describe(Throwable e, int connections, int idle) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && m.contains("Too many open files")) {
                return "out of file descriptors after opening some of " + (connections + idle)
                        + " connections: raise the limit (ulimit -n) or lower --connections/--idle";
            }
        }
        return e.getMessage();
    }

    /** {@code error -32601: unknown method "x" (1234), ...} */
    static String reasons(Map<String, Long> reasons) {
        return reasons.entrySet().stream().map(r -> r.getKey() + " (" + r.getValue() + ")")
                .collect(Collectors.joining(", "));
    }

    /** Whether stderr is an interactive terminal (JDK 22's {@code Console.isTerminal}, else a console at all). */
    static boolean stderrIsTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return true;
        }
    }
}
