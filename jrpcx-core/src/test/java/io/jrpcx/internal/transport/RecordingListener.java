package io.jrpcx.internal.transport;

import io.jrpcx.transport.MessageTransport;
import io.jrpcx.transport.ReadPause;
import io.jrpcx.transport.TransportListener;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** A transport listener that writes down what it hears, one line per event. */
final class RecordingListener implements TransportListener {
    final List<String> events = new ArrayList<>();
    @Nullable MessageTransport transport;

    @Override
    public void onOpen(MessageTransport t) {
        transport = t;
        events.add("open");
    }

    @Override
    public void onMessage(byte[] message) {
        events.add("message " + new String(message, StandardCharsets.UTF_8));
    }

    @Override
    public void onMessageDropped(String reason) {
        events.add("dropped");
    }

    @Override
    public void onInputClosed() {
        events.add("input closed");
    }

    @Override
    public void onReadingChanged(Set<ReadPause> reasons) {
        events.add("reading " + reasons);
    }

    @Override
    public void onClosed(@Nullable Throwable cause) {
        events.add("closed" + (cause == null ? "" : " " + cause.getMessage()));
    }
}
