package io.jrpcx.session;

import io.jrpcx.framing.BinaryMessage;

/**
 * Handles the messages a {@link MessageSession} receives, aiorpcX's {@code handle_message}. A message
 * has no id and expects no answer: the handler answers, if the protocol wants it, by sending messages of
 * its own. Each message is handled on its own virtual thread, so a handler may block; it runs within the
 * session's {@link SessionOptions#processingTimeout()}, after which it is interrupted and the session
 * counts an error. An exception it throws is logged and counted as an error; the connection goes on.
 *
 * <pre>{@code
 * MessageHandler handler = (session, message) -> {
 *     switch (message.command()) {
 *         case "ping" -> session.sendMessage("pong", message.payload());
 *         case "version" -> session.sendMessage("verack", new byte[0]);
 *         default -> { }   // ignore what we do not speak
 *     }
 * };
 * }</pre>
 */
@FunctionalInterface
public interface MessageHandler {

    /**
     * Handles one incoming message (its command without padding, and its payload).
     *
     * @param session the session the message came in on, to reply on
     * @param message the message
     * @throws Exception anything; it is logged and counted as an error, and the session goes on
     */
    void handle(MessageSession session, BinaryMessage message) throws Exception;

    /**
     * Ignores every message.
     *
     * @return a handler that does nothing
     */
    static MessageHandler none() {
        return (session, message) -> { };
    }
}
