package io.jrpcx.cli;

/**
 * Process signals for {@code serve}, through {@code sun.misc.Signal} (module {@code jdk.unsupported}):
 * the one way a JVM can hear SIGHUP, and handle SIGTERM and SIGINT without exiting at once. Where the
 * JVM lacks it, or a signal cannot be handled, the JVM's default stays.
 *
 * <pre>{@code
 * Signals.on("TERM", stop::countDown);
 * }</pre>
 */
final class Signals {
    private Signals() {
    }

    /** Runs {@code action} on a thread of its own each time the process gets signal {@code name}. */
    @SuppressWarnings("removal")
    static boolean on(String name, Runnable action) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> Thread.ofPlatform().daemon().start(action));
            return true;
        } catch (IllegalArgumentException | LinkageError unavailable) {
            return false;
        }
    }
}
