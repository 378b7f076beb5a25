package io.jrpcx.internal.jsonrpc;

import io.jrpcx.jsonrpc.Item;
import io.jrpcx.jsonrpc.JsonRpcConnection;
import io.jrpcx.jsonrpc.JsonRpcProtocol;
import io.jrpcx.jsonrpc.RequestId;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An incoming request batch with at least one request. Its response lists the error responses to bad
 * members first, then the responses in the order the requests complete; it is returned by the
 * completion of the last request. The maximum response size applies to the batch response as a whole,
 * as in the reference: the responses are counted as they complete (each with its separator), and every
 * response that brings the count over the limit is replaced by the {@code response too large} error.
 * (The error responses to bad members, which are small, are not counted.)
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
    private long size;

    public IncomingBatch(JsonRpcProtocol protocol, List<byte[]> errorParts, int requests, int maxSize) {
        this.protocol = protocol;
        this.maxSize = maxSize;
        this.parts = new ArrayList<>(errorParts.size() + requests);
        this.parts.addAll(errorParts);
        this.remaining = requests;
    }

    /** The incoming view of one member. */
    public JsonRpcConnection.Incoming member(Item item, RequestId id) {
        return new Member(new ReplyEncoder.Single(protocol, item, id, 0));
    }

    private byte @Nullable [] add(byte[] part, RequestId id) {
        synchronized (this) {
            size += part.length + 2;
            parts.add(maxSize > 0 && size > maxSize ? ReplyEncoder.tooLarge(protocol, id, maxSize) : part);
            if (--remaining > 0) {
                return null;
            }
        }
        return protocol.batchMessageFromParts(parts);
    }

    /** A member encodes its reply as a single request does, then adds it to the batch's response. */
    private final class Member implements JsonRpcConnection.Incoming {
        private final ReplyEncoder.Single single;

        Member(ReplyEncoder.Single single) {
            this.single = single;
        }

        @Override
        public Item item() {
            return single.item();
        }

        @Override
        public RequestId id() {
            return single.id();
        }

        @Override
        public byte @Nullable [] complete(@Nullable Object outcome) {
            byte[] part = single.complete(outcome);
            return part == null ? null : add(part, single.id());
        }

        @Override
        public String toString() {
            return single + " (batch member)";
        }
    }
}
