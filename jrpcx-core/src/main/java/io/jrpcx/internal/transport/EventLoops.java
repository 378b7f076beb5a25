package io.jrpcx.internal.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The process-wide Netty event loops: native epoll where available, NIO otherwise. Created on first use;
 * their threads are daemons, so they never keep the JVM alive.
 *
 * <pre>{@code
 * new Bootstrap().group(EventLoops.group()).channel(EventLoops.socketChannel(EventLoops.group()));
 * }</pre>
 */
public final class EventLoops {
    private static final boolean NATIVE = !Boolean.getBoolean("jrpcx.noNative") && Epoll.isAvailable();

    private EventLoops() {
    }

    private static final class Holder {
        static final EventLoopGroup GROUP = newGroup(
                Integer.getInteger("jrpcx.ioThreads", Runtime.getRuntime().availableProcessors()), "jrpcx-io");
    }

    /**
     * A new group of the same kind as the shared one (native epoll where available), with {@code threads}
     * daemon threads named {@code name}; its owner shuts it down.
     */
    public static EventLoopGroup newGroup(int threads, String name) {
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, true), handlerFactory());
    }

    private static IoHandlerFactory handlerFactory() {
        return NATIVE ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    /** The shared group. */
    public static EventLoopGroup group() {
        return Holder.GROUP;
    }

    /** True when the native epoll transport is in use. */
    public static boolean isNative() {
        return NATIVE;
    }

    /** The group of {@code options}, or the shared one. */
    public static EventLoopGroup groupOf(io.jrpcx.transport.TransportOptions options) {
        return options.eventLoops().orElseGet(EventLoops::group);
    }

    /** Whether {@code group} runs native epoll channels. */
    public static boolean isNative(EventLoopGroup group) {
        return group == group() ? NATIVE
                : group instanceof io.netty.channel.IoEventLoopGroup io && io.isIoType(EpollIoHandler.class);
    }

    public static Class<? extends SocketChannel> socketChannel(EventLoopGroup group) {
        return isNative(group) ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    public static Class<? extends ServerSocketChannel> serverSocketChannel(EventLoopGroup group) {
        return isNative(group) ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** Runs {@code action} now when called on {@code loop}, else queues it there: loop-confined state stays on its thread. */
    public static void runOn(io.netty.util.concurrent.EventExecutor loop, Runnable action) {
        if (loop.inEventLoop()) {
            action.run();
        } else {
            loop.execute(action);
        }
    }

    /** True when the calling thread is a Netty event loop (of any group), where nothing may block. */
    public static boolean onEventLoop() {
        return io.netty.util.internal.ThreadExecutorMap.currentExecutor() != null;
    }


}
