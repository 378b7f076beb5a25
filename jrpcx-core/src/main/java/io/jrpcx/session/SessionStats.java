package io.jrpcx.session;

import java.time.Instant;
import java.util.Optional;

/**
 * A snapshot of one session's counters.
 *
 * <pre>{@code
 * SessionStats stats = session.stats();
 * System.out.println(stats.messagesReceived() + " messages in, " + stats.errors() + " errors");
 * }</pre>
 *
 * @param messagesSent    messages written (a batch counts once)
 * @param bytesSent       bytes of those messages, framing excluded
 * @param messagesReceived whole messages read
 * @param bytesReceived   bytes of those messages, framing excluded
 * @param errors          protocol errors in what the peer sent, dropped oversized messages included, and
 *                        error responses
 * @param requestsHandled incoming requests and notifications handled
 * @param cost            the session's cost when the snapshot was taken (see {@link SessionCost})
 * @param openedAt        when the session started
 * @param lastSend        when a message was last sent, if ever
 * @param lastReceive     when a message was last received, if ever
 */
public record SessionStats(long messagesSent, long bytesSent, long messagesReceived, long bytesReceived,
                           long errors, long requestsHandled, double cost, Instant openedAt,
                           Optional<Instant> lastSend, Optional<Instant> lastReceive) {
}
