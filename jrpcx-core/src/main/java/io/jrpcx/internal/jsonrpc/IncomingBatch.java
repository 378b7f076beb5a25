package io.jrpcx.internal.jsonrpc;

import io.jrpcx.jsonrpc.Item;
import io.jrpcx.jsonrpc.JsonRpcConnection;
import io.jrpcx.jsonrpc.JsonRpcProtocol;
import io.jrpcx.jsonrpc.Notification;
import io.jrpcx.jsonrpc.RequestId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * An incoming request batch with at least one request. Its response lists the error responses to bad
 * members first, then the responses in the order the requests complete; it is returned by the
 * completion of the last request.
 *
 * <pre>{@code
 * IncomingBatch batch = new IncomingBatch(JsonRpc.V2, errorParts, 2, 0);
 * Incoming first = batch.member(request, id);
 * }</pre>
 */
public final class IncomingBatch {
    private final JsonRpcProtocol protocol;
    private final int maxSize;
    private final List<byte[]> parts;
    private int remaining;

    public IncomingBatch(JsonRpcProtocol protocol, List<byte[]> errorParts, int requests, int maxSize) {
        this.protocol = protocol;
        this.maxSize = maxSize;
        this.parts = new ArrayList<>(errorParts.size() + requests);
        this.parts.addAll(errorParts);
        this.remaining = requests;
    }

    /** The incoming view of one member. */
    public JsonRpcConnection.Incoming member(Item item, RequestId id) {
        return new Member(item, id);
    }

    private byte @Nullable [] add(byte[] part) {
        synchronized (this) {
            parts.add(part);
            if (--remaining > 0) {
                return null;
            }
        }
        return protocol.batchMessageFromParts(parts);
    }

    private final class Member implements JsonRpcConnection.Incoming {
        private final Item item;
        private final RequestId id;
        private final AtomicBoolean done = new AtomicBoolean();

        Member(Item item, RequestId id) {
            this.item = item;
            this.id = id;
        }

        @Override
        public Item item() {
            return item;
        }

        @Override
        public RequestId id() {
            return id;
        }

        @Override
        public byte @Nullable [] complete(@Nullable Object outcome) {
            if (!done.compareAndSet(false, true)) {
                throw new IllegalStateException("already completed: " + item);
            }
            if (item instanceof Notification) {
                return null;
            }
            return add(ReplyEncoder.encode(protocol, outcome, id, maxSize));
        }

        @Override
        public String toString() {
            return item + " id " + id + " (batch member)";
        }
    }
}
