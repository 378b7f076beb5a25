package io.jrpcx.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code jrpcx} command line.
 *
 * <pre>{@code
 * int exitCode = Main.run("call", "tcp://127.0.0.1:8000", "echo", "hello");
 * }</pre>
 */
@Command(name = "jrpcx", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Asynchronous JSON-RPC: serve, call, demo, bench and proxy-detect.")
public final class Main implements Runnable {
    /**
     * The subcommands, in the order help lists them. picocli builds a command's model by reflection when
     * it is added, which costs a short-lived {@code call} more than its request does: so a command line
     * whose first word names one of them gets only that one (see {@link #commandLine(String...)}).
     */
    private static final Map<String, Supplier<Object>> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("serve", ServeCommand::new);
        COMMANDS.put("call", CallCommand::new);
        COMMANDS.put("demo", DemoCommand::new);
        COMMANDS.put("bench", BenchCommand::new);
        COMMANDS.put("proxy-detect", ProxyDetectCommand::new);
        COMMANDS.put("train", TrainCommand::new);
    }

    /** Exit code of a command that ran and reported an error response. */
    public static final int EXIT_ERROR = 1;
    /** Exit code of a usage error. */
    public static final int EXIT_USAGE = 2;
    /** Exit code when a connection cannot be made or is lost. */
    public static final int EXIT_CONNECTION = 3;
    /** Exit code when no answer came within the time limit ({@code call --max-time}). */
    public static final int EXIT_TIMEOUT = 4;
    /** Exit code when the peer's reply is not JSON-RPC, or too large for the framing. */
    public static final int EXIT_BAD_REPLY = 5;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        StartupTrace.mark("main");
        int exit = run(args);
        StartupTrace.mark("exit");
        System.exit(exit);
    }

    /** Runs the command line and returns its exit code. */
    public static int run(String... args) {
        CommandLine cl = commandLine(args);
        StartupTrace.mark("command line built");
        return cl.execute(args);
    }

    /** The configured command line with every subcommand, for tests that capture output. */
    static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The configured command line for {@code args}: when the first names a subcommand, with only that
     * one (it is the only one picocli would look at), else with all of them.
     */
    static CommandLine commandLine(String... args) {
        CommandLine cl = new CommandLine(new Main());
        StartupTrace.mark("root built");
        String first = args.length > 0 ? args[0] : "";
        COMMANDS.forEach((name, command) -> {
            if (!COMMANDS.containsKey(first) || name.equals(first)) {
                cl.addSubcommand(name, command.get());
            }
        });
        cl.setExpandAtFiles(false);   // call -d @FILE reads the file itself, as curl does
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
