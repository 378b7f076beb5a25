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

    /**
     * The connection is open; the session can send and receive.
     *
     * @param session the session
     */
    default void opened(Session session) {
    }

    /**
     * A whole message arrived.
     *
     * @param session the session
     * @param bytes the message's size, without framing
     */
    default void messageReceived(Session session, int bytes) {
    }

    /**
     * A message was handed to the transport.
     *
     * @param session the session
     * @param bytes the message's size, without framing
     */
    default void messageSent(Session session, int bytes) {
    }

    /**
     * The content of a whole message, received ({@code incoming}) before it is handled, or sent after it
     * was handed to the transport; for tracing, as {@code jrpcx call -v} prints each message. The array
     * must be neither kept nor changed. Called after {@link #messageReceived} / {@link #messageSent}.
     *
     * @param session the session
     * @param message the message's bytes, without framing
     * @param incoming {@code true} for a received message, {@code false} for a sent one
     */
    default void messageContent(Session session, byte[] message, boolean incoming) {
    }

    /**
     * The framing dropped input it could not accept.
     *
     * @param session the session
     * @param reason what was dropped, for logs
     */
    default void messageDropped(Session session, String reason) {
    }

    /**
     * An incoming request or notification (a JSON-RPC {@code Item}), or a message of a
     * {@link MessageSession} (a {@code BinaryMessage}), was handed to its handler.
     *
     * @param session the session
     * @param request the item or message handed to the handler
     */
    default void requestDispatched(Session session, Object request) {
    }

    /**
     * An incoming request, notification or message's handler finished; {@code failure} is what it threw, if
     *     anything.
     *
     * @param session the session
     * @param request the item or message that was handled
     * @param took how long the handler ran
     * @param failure what the handler threw, or {@code null}
     */
    default void requestFinished(Session session, Object request, Duration took, @Nullable Throwable failure) {
    }

    /**
     * An incoming request's or message's handler ran out of time and was interrupted.
     *
     * @param session the session
     * @param request the item or message whose handler was interrupted
     * @param limit the time limit it ran out of
     */
    default void requestTimedOut(Session session, Object request, Duration limit) {
    }

    /**
     * A request this session sent got no answer in time.
     *
     * @param session the session
     * @param method the method of the request
     * @param limit how long the session waited
     */
    default void responseTimedOut(Session session, String method, Duration limit) {
    }

    /**
     * The session's cost reached its hard limit: the request that found it so is answered -101
     * {@code excessive resource usage} and the session closes. Called once, as aiorpcX's
     * {@code on_disconnect_due_to_excessive_session_cost}.
     *
     * @param session the session
     * @param cost the cost at that moment
     */
    default void costExceeded(Session session, double cost) {
    }

    /**
     * The session received nothing and had no work for its idle timeout, and is closing.
     *
     * @param session the session
     * @param limit the idle timeout
     */
    default void idleTimedOut(Session session, Duration limit) {
    }

    /**
     * Reading from the peer stopped, for these reasons.
     *
     * @param session the session
     * @param reasons why reading stopped
     */
    default void readingPaused(Session session, Set<ReadPause> reasons) {
    }

    /**
     * Reading from the peer started again.
     *
     * @param session the session
     */
    default void readingResumed(Session session) {
    }

    /**
     * The connection closed; {@code cause} is what closed it, if it was an error.
     *
     * @param session the session
     * @param cause the error that closed it, or {@code null} for a normal close
     */
    default void closed(Session session, @Nullable Throwable cause) {
    }
}
