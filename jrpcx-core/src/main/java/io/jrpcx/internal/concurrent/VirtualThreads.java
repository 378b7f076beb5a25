package io.jrpcx.internal.concurrent;

/**
 * The one place jrpcx creates virtual threads. Every thread gets a name that says what it runs, so a
 * thread dump of a busy server reads as a list of groups and tasks.
 *
 * <pre>{@code
 * Thread t = VirtualThreads.unstarted("session-7/task-3", runnable);
 * t.start();
 * }</pre>
 */
public final class VirtualThreads {
    private VirtualThreads() {}

    /** Returns a new, not yet started virtual thread named {@code name} that runs {@code body}. */
    public static Thread unstarted(String name, Runnable body) {
        return Thread.ofVirtual().name(name).unstarted(body);
    }

    /** Starts and returns a virtual thread named {@code name} that runs {@code body}. */
    public static Thread start(String name, Runnable body) {
        return Thread.ofVirtual().name(name).start(body);
    }
}
