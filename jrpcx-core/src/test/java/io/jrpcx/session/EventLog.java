package io.jrpcx.session;

import io.jrpcx.transport.ReadPause;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/** Records a session's events as short lines ("opened", "paused [BACKLOG]", ...); tests wait for them. */
final class EventLog implements SessionListener {
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final Object changed = new Object();

    private void add(String event) {
        events.add(event);
        synchronized (changed) {
            changed.notifyAll();
        }
    }

    List<String> events() {
        return List.copyOf(events);
    }

    /** Waits until some event matches, at most 20 s; returns it. */
    String await(Predicate<String> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        synchronized (changed) {
            while (true) {
                for (String e : events) {
                    if (wanted.test(e)) {
                        return e;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no such event in " + events);
                }
                changed.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    String await(String prefix) throws InterruptedException {
        return await(e -> e.startsWith(prefix));
    }

    long count(String prefix) {
        return events.stream().filter(e -> e.startsWith(prefix)).count();
    }

    @Override
    public void opened(Session session) {
        add("opened");
    }

    @Override
    public void messageReceived(Session session, int bytes) {
        add("received");
    }

    @Override
    public void messageDropped(Session session, String reason) {
        add("dropped " + reason);
    }

    @Override
    public void requestDispatched(Session session, Object request) {
        add("dispatched " + request);
    }

    @Override
    public void requestFinished(Session session, Object request, Duration took, @Nullable Throwable failure) {
        add("finished " + request + (failure == null ? "" : " " + failure.getClass().getSimpleName()));
    }

    @Override
    public void requestTimedOut(Session session, Object request, Duration limit) {
        add("handler timed out " + request);
    }

    @Override
    public void responseTimedOut(Session session, String method, Duration limit) {
        add("response timed out " + method);
    }

    @Override
    public void readingPaused(Session session, Set<ReadPause> reasons) {
        add("paused " + reasons);
    }

    @Override
    public void readingResumed(Session session) {
        add("resumed");
    }

    @Override
    public void closed(Session session, @Nullable Throwable cause) {
        add("closed" + (cause == null ? "" : " " + cause.getMessage()));
    }
}
