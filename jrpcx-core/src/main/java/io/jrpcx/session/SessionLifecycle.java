package io.jrpcx.session;

import io.jrpcx.transport.MessageTransport;
import io.jrpcx.transport.TransportListener;
import org.jspecify.annotations.Nullable;

/** Wraps a session's transport listener with open and close callbacks. */
final class SessionLifecycle implements TransportListener {
    private final TransportListener delegate;
    private final Runnable opened;
    private final Runnable closed;

    SessionLifecycle(Session session, Runnable opened, Runnable closed) {
        this.delegate = session.transportListener();
        this.opened = opened;
        this.closed = closed;
    }

    @Override
    public void onOpen(MessageTransport transport) {
        delegate.onOpen(transport);
        opened.run();
    }

    @Override
    public void onMessage(byte[] message) {
        delegate.onMessage(message);
    }

    @Override
    public void onReadComplete() {
        delegate.onReadComplete();
    }

    @Override
    public void onMessageDropped(String reason) {
        delegate.onMessageDropped(reason);
    }

    @Override
    public void onInputClosed() {
        delegate.onInputClosed();
    }

    @Override
    public void onWritabilityChanged(boolean writable) {
        delegate.onWritabilityChanged(writable);
    }

    @Override
    public void onClosed(@Nullable Throwable cause) {
        try {
            delegate.onClosed(cause);
        } finally {
            closed.run();
        }
    }
}
