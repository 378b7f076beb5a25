package io.jrpcx.session;

import io.jrpcx.transport.ReadPause;
import java.time.Duration;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Hears what happens in a session, in the manner of OkHttp's {@code EventListener}: every method has an
 * empty default, so a listener overrides only what it needs. Calls come from the session's I/O thread
 * or its handler threads; a listener must be thread-safe and quick, and must not block. One listener may
 * serve many sessions: each call names its session.
 *
 * <pre>{@code
 * SessionListener metrics = new SessionListener() {
 *     public void requestFinished(Session s, Object request, Duration took, @Nullable Throwable failure) {
 *         histogram.record(took);
 *     }
 * };
 * RpcServer.builder().listener(metrics);
 * }</pre>
 */
public interface SessionListener {
    /** Hears nothing. */
    SessionListener NONE = new SessionListener() {
    };

    /** The connection is open; the session can send and receive. */
    default void opened(Session session) {
    }

    /** A whole message arrived. */
    default void messageReceived(Session session, int bytes) {
    }

    /** A message was handed to the transport. */
    default void messageSent(Session session, int bytes) {
    }

    /**
     * The content of a whole message, received ({@code incoming}) before it is handled, or sent after it
     * was handed to the transport; for tracing, as {@code jrpcx call -v} prints each message. The array
     * must be neither kept nor changed. Called after {@link #messageReceived} / {@link #messageSent}.
     */
    default void messageContent(Session session, byte[] message, boolean incoming) {
    }

    /** The framing dropped input it could not accept. */
    default void messageDropped(Session session, String reason) {
    }

    /**
     * An incoming request or notification (a JSON-RPC {@code Item}), or a message of a
     * {@link MessageSession} (a {@code BinaryMessage}), was handed to its handler.
     */
    default void requestDispatched(Session session, Object request) {
    }

    /** An incoming request, notification or message's handler finished; {@code failure} is what it threw, if anything. */
    default void requestFinished(Session session, Object request, Duration took, @Nullable Throwable failure) {
    }

    /** An incoming request's or message's handler ran out of time and was interrupted. */
    default void requestTimedOut(Session session, Object request, Duration limit) {
    }

    /** A request this session sent got no answer in time. */
    default void responseTimedOut(Session session, String method, Duration limit) {
    }

    /**
     * The session's cost reached its hard limit: the request that found it so is answered -101
     * {@code excessive resource usage} and the session closes. Called once, as aiorpcX's
     * {@code on_disconnect_due_to_excessive_session_cost}.
     */
    default void costExceeded(Session session, double cost) {
    }

    /** The session received nothing and had no work for its idle timeout, and is closing. */
    default void idleTimedOut(Session session, Duration limit) {
    }

    /** Reading from the peer stopped, for these reasons. */
    default void readingPaused(Session session, Set<ReadPause> reasons) {
    }

    /** Reading from the peer started again. */
    default void readingResumed(Session session) {
    }

    /** The connection closed; {@code cause} is what closed it, if it was an error. */
    default void closed(Session session, @Nullable Throwable cause) {
    }
}
