package io.jrpcx.transport;

import io.jrpcx.internal.transport.EventLoops;
import io.jrpcx.internal.transport.ProcessEnd;
import io.jrpcx.internal.transport.StreamAddress;
import io.jrpcx.internal.transport.StreamTransport;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.SocketAddress;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages over a pair of byte streams, framed with Content-Length headers by default (the Language
 * Server Protocol's base protocol; see {@link StdioOptions}). One transport serves three cases:
 * <ul>
 *   <li>{@link #startProcess}: a child process's stdin and stdout, to drive a language server or any
 *       tool that speaks JSON-RPC on its standard streams. Its stderr, when a pipe, is drained line by
 *       line to {@link StdioOptions#stderr()} so it can never block. The child's exit ends the connection:
 *       pending calls fail with a {@code ConnectionLostException} naming the exit code and the last lines
 *       of its stderr. Closing closes the child's stdin, waits {@link StdioOptions#exitTimeout()} for it
 *       to exit, then destroys it.</li>
 *   <li>{@link #openOwnStdio}: this process's stdin and stdout, to write such a server. While the
 *       connection is open, {@code System.out} points at stderr (see {@link StdioOptions#guardStdout()}),
 *       so a stray {@code println} cannot corrupt the stream; it is restored once the connection closes.
 *       The end of stdin ends the session once its work is answered.</li>
 *   <li>{@link #open}: any pair of streams (a test's pipes).</li>
 * </ul>
 * Sessions sit on it as on any other transport: {@code RpcClient.connectProcess} and
 * {@code RpcServer.Builder.serveStdio} use it for you.
 *
 * <pre>{@code
 * RpcSession session = RpcSession.create(SessionOptions.defaults(), JsonRpcOptions.defaults(),
 *         RpcHandler.none(), SessionListener.NONE);
 * MessageTransport t = StdioTransport.startProcess(new ProcessBuilder("pylsp"),
 *         session.transportListener(), StdioOptions.defaults());
 * }</pre>
 */
public final class StdioTransport {
    private static final Logger LOG = LoggerFactory.getLogger(StdioTransport.class);

    private StdioTransport() {
    }

    /**
     * Starts {@code command} as a child process and opens a transport over its stdin and stdout; returns
     * once the listener has heard {@link TransportListener#onOpen}. Standard input and output must be
     * pipes (the default of a {@link ProcessBuilder}) and stderr must not be merged into stdout.
     *
     * @param command the child process to start
     * @param listener hears the transport's events, on an I/O thread
     * @param options the framing, exit timeout and stderr consumer
     * @return the open transport
     * @throws IllegalArgumentException when stdin or stdout is redirected, or stderr merged into stdout
     * @throws TransportException when the process cannot be started; the message names the command
     */
    public static MessageTransport startProcess(ProcessBuilder command, TransportListener listener, StdioOptions options) {
        Objects.requireNonNull(listener, "listener");
        if (command.redirectInput() != ProcessBuilder.Redirect.PIPE
                || command.redirectOutput() != ProcessBuilder.Redirect.PIPE) {
            throw new IllegalArgumentException("the process's stdin and stdout must be pipes to carry messages");
        }
        if (command.redirectErrorStream()) {
            throw new IllegalArgumentException("the process's stderr must not be merged into its stdout");
        }
        List<String> args = command.command();
        String name = args.isEmpty() ? "process" : args.getFirst();
        Process process;
        try {
            process = command.start();
        } catch (IOException e) {
            throw new TransportException("cannot start " + String.join(" ", args) + ": " + e.getMessage(), e);
        }
        boolean drain = command.redirectError() == ProcessBuilder.Redirect.PIPE;
        var stderr = options.stderr().orElse(line -> LOG.info("{} (pid {}): {}", name, process.pid(), line));
        ProcessEnd end = ProcessEnd.start(process, name, options.exitTimeout(), drain, stderr);
        return StreamTransport.start(process.getInputStream(), process.getOutputStream(),
                options.framing().newFramer(), listener, EventLoops.group().next(), end,
                "process-" + process.pid());
    }

    /**
     * Opens a transport over this process's own stdin and stdout; see the class comment for what happens
     * to {@code System.out} meanwhile.
     *
     * @param listener hears the transport's events, on an I/O thread
     * @param options the framing and the stdout guard
     * @return the open transport
     */
    public static MessageTransport openOwnStdio(TransportListener listener, StdioOptions options) {
        OutputStream stdout = new FileOutputStream(FileDescriptor.out);
        PrintStream original = System.out;
        boolean guard = options.guardStdout();
        if (guard) {
            System.setOut(System.err);
        }
        OwnEnd end = new OwnEnd(guard ? original : null, false);
        return StreamTransport.start(System.in, new java.io.BufferedOutputStream(stdout, 64 * 1024) {
            @Override
            public void close() throws IOException {
                flush();   // stdout itself stays open: the process may still write to it once it is its own again
            }
        }, options.framing().newFramer(), listener, EventLoops.group().next(), end, "stdio");
    }

    /**
     * Opens a transport over {@code in} and {@code out}: messages are read from {@code in} and written
     * to {@code out}, which is closed when the transport closes.
     *
     * @param in the stream messages are read from
     * @param out the stream messages are written to
     * @param listener hears the transport's events, on an I/O thread
     * @param options the framing
     * @return the open transport
     */
    public static MessageTransport open(InputStream in, OutputStream out, TransportListener listener, StdioOptions options) {
        return StreamTransport.start(Objects.requireNonNull(in, "in"), Objects.requireNonNull(out, "out"),
                options.framing().newFramer(), Objects.requireNonNull(listener, "listener"),
                EventLoops.group().next(), new OwnEnd(null, false), "streams");
    }

    /** This process's end: nothing to wait for; restores {@code System.out} if it was guarded. */
    private static final class OwnEnd implements StreamTransport.End {
        private static final SocketAddress ADDRESS = new StreamAddress("stdio");
        private final @Nullable PrintStream restore;
        private final boolean closeOnEndOfInput;

        OwnEnd(@Nullable PrintStream restore, boolean closeOnEndOfInput) {
            this.restore = restore;
            this.closeOnEndOfInput = closeOnEndOfInput;
        }

        @Override
        public @Nullable Throwable finish(boolean aborted, boolean peerEndedFirst) {
            if (restore != null) {
                System.setOut(restore);
            }
            return null;
        }

        @Override
        public boolean closeOnEndOfInput() {
            return closeOnEndOfInput;
        }

        @Override
        public SocketAddress remoteAddress() {
            return ADDRESS;
        }

        @Override
        public SocketAddress localAddress() {
            return ADDRESS;
        }
    }
}
