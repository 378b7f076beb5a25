package io.jrpcx.transport;

/**
 * Why reading from a connection is paused. A connection reads only while no reason holds; each reason
 * is set and cleared on its own, and the transport applies the result on its I/O thread alone, so no
 * pause is ever lost to a race.
 *
 * <pre>{@code
 * transport.pauseReading(ReadPause.REQUESTED);
 * transport.resumeReading(ReadPause.REQUESTED);   // reads again unless another reason still holds
 * }</pre>
 */
public enum ReadPause {
    /** The owner asked for it ({@link MessageTransport#pauseReading}). */
    REQUESTED,
    /** Admitted work waits beyond its bound: the session reads more once it drains. */
    BACKLOG,
    /** The peer does not read what it is sent: the outbound buffer is above its high-water mark. */
    NOT_WRITABLE,
    /** The session is throttled for its resource use. */
    THROTTLED,
    /** A transport that answers one message at a time (HTTP) waits for the answer to the one delivered. */
    AWAITING_ANSWER
}
