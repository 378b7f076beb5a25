package io.jrpcx.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code jrpcx} command line.
 *
 * <pre>{@code
 * int exitCode = Main.run("call", "tcp://127.0.0.1:8000", "echo", "hello");
 * }</pre>
 */
@Command(name = "jrpcx", mixinStandardHelpOptions = true, version = "jrpcx 0.1.0",
        description = "Asynchronous JSON-RPC: serve, call, demo, bench and proxy-detect.",
        subcommands = {ServeCommand.class, CallCommand.class, DemoCommand.class, BenchCommand.class,
                ProxyDetectCommand.class})
public final class Main implements Runnable {
    /** Exit code of a command that ran and reported an error response. */
    public static final int EXIT_ERROR = 1;
    /** Exit code of a usage error. */
    public static final int EXIT_USAGE = 2;
    /** Exit code when a connection cannot be made or is lost. */
    public static final int EXIT_CONNECTION = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line, for tests that capture output. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            err.println("jrpcx: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            err.flush();
            return EXIT_ERROR;
        });
        return cl;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: serve, call, demo, bench or proxy-detect");
    }
}
