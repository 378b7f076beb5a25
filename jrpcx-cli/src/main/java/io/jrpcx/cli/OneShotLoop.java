package io.jrpcx.cli;

import io.jrpcx.internal.transport.EventLoops;
import io.netty.channel.EventLoopGroup;
import java.util.concurrent.TimeUnit;

/**
 * A one-thread event loop for a command that makes one connection and then exits, stopped when the
 * command ends. Besides starting one thread instead of one per core, stopping it matters for start-up:
 * the JVM's exit waits up to 0.3 s for threads that sit in native code, as an idle epoll thread does.
 *
 * <pre>{@code
 * try (OneShotLoop loop = new OneShotLoop()) {
 *     RpcClient client = RpcClient.builder().eventLoops(loop.group()).build();
 * }
 * }</pre>
 */
final class OneShotLoop implements AutoCloseable {
    private final EventLoopGroup group = EventLoops.newGroup(1, "jrpcx-call");

    /** The group to give the client. */
    EventLoopGroup group() {
        return group;
    }

    /** Stops the loop (closing what is still open on it) and waits up to a second for its thread to end. */
    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(1, TimeUnit.SECONDS);
    }
}
