package io.jrpcx.internal.concurrent;

/** The one place jrpcx creates virtual threads. */
public final class VirtualThreads {
    private VirtualThreads() {
    }

    /** Starts {@code task} on a new virtual thread named {@code name}. */
    public static Thread start(String name, Runnable task) {
        return Thread.ofVirtual().name(name).start(task);
    }
}
