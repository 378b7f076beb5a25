package io.jrpcx.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What the commands that speak JSON-RPC share: the {@code --protocol} option, the output streams, and
 * failing with a line on stderr and an exit code.
 *
 * <pre>{@code
 * final class PingCommand extends RpcCommand {
 *     int run(PrintWriter out, PrintWriter err) {
 *         return fail(err, "jrpcx ping: not yet", Main.EXIT_ERROR);
 *     }
 * }
 * }</pre>
 */
abstract class RpcCommand implements Callable<Integer> {
    @Mixin
    ProtocolOption protocol = new ProtocolOption();

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        CommandLine commandLine = spec.commandLine();
        return run(commandLine.getOut(), commandLine.getErr());
    }

    /** Runs the command; returns its exit code. */
    abstract int run(PrintWriter out, PrintWriter err) throws Exception;

    /** Prints {@code line} on {@code err} and returns {@code code}. */
    static int fail(PrintWriter err, String line, int code) {
        err.println(line);
        err.flush();
        return code;
    }
}
