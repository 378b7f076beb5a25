package io.jrpcx.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.jrpcx.internal.jsonrpc.IncomingBatch;
import io.jrpcx.internal.jsonrpc.PyText;
import io.jrpcx.internal.jsonrpc.ReplyEncoder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Sans-I/O state of one JSON-RPC connection: allocates request ids, tracks requests and batches awaiting
 * their responses, interprets incoming messages and builds the responses to incoming requests. It does
 * no I/O: bytes go in through {@link #receiveMessage(byte[])} and come out as return values. Thread-safe.
 *
 * <p>Request ids are numbers counted from 0, per connection. A response to a request that is not
 * pending is a {@link ProtocolError} reported in {@link Received#errors()}; nothing is closed. A response
 * larger than {@link #setMaxResponseSize(int)} is replaced by an error response (-32600
 * {@code response too large (over N bytes}); for a batch the limit applies to the whole batch response.
 * A request batch of more than {@link #setMaxBatchLength(int)} members gets one error response (-32600
 * {@code batch too large (over N items)}, id null) and none of its members is handled. With
 * {@link JsonRpc#AUTO} the connection switches to the dialect of the first message it parses.
 *
 * <pre>{@code
 * JsonRpcConnection conn = new JsonRpcConnection(JsonRpc.V2);
 * JsonRpcConnection.Outgoing out = conn.sendRequest(new Request("echo", Arguments.of("hi")));
 * connection.write(out.message());
 * // ... later, for each message read from the socket:
 * JsonRpcConnection.Received received = conn.receiveMessage(line);
 * received.replies().forEach(connection::write);
 * for (Incoming in : received.incoming()) {
 *     byte[] reply = in.complete(handle(in.item()));
 *     if (reply != null) connection.write(reply);
 * }
 * }</pre>
 */
public final class JsonRpcConnection {

    /**
     * An encoded request, the future of its result (completed exceptionally with {@link RpcError}) and the
     * id it was sent with (for a cancellation the peer understands, such as LSP's {@code $/cancelRequest}).
     *
     * <pre>{@code
     * Outgoing out = conn.sendRequest(request);
     * write(out.message());
     * JsonNode result = out.response().get();
     * }</pre>
     *
     * @param message the encoded request, to send
     * @param response completes with the result, or exceptionally with an {@link RpcError}
     * @param id the request's id, to name it later (for example in a cancellation)
     */
    public record Outgoing(byte[] message, CompletableFuture<JsonNode> response, RequestId id) {
        /**
         * An outgoing request whose id is not told.
         *
         * @param message the encoded request, to send
         * @param response completes with the result, or exceptionally with an {@link RpcError}
         */
        public Outgoing(byte[] message, CompletableFuture<JsonNode> response) {
            this(message, response, RequestId.absent());
        }
    }

    /**
     * An encoded batch and the future of its results: one entry per request of the batch, in order, each
     * a {@link Response} or an {@link RpcError}.
     *
     * <pre>{@code
     * OutgoingBatch out = conn.sendBatch(batch);
     * List<Item> results = out.responses().get();
     * }</pre>
     *
     * @param message the encoded batch, to send
     * @param responses completes with one response or error per request, in the batch's order
     */
    public record OutgoingBatch(byte[] message, CompletableFuture<List<Item>> responses) {
    }

    /**
     * The outcome of one received message: requests and notifications to handle, replies to send at once
     * (error responses to bad input), and the protocol errors found (for logging and counting).
     *
     * <pre>{@code
     * Received r = conn.receiveMessage(line);
     * r.replies().forEach(connection::write);
     * }</pre>
     *
     * @param incoming the requests and notifications to handle, in order
     * @param replies the error responses to send at once
     * @param errors the protocol errors found, for logging and counting
     */
    public record Received(List<Incoming> incoming, List<byte[]> replies, List<ProtocolError> errors) {
        /** Copies the lists. */
        public Received {
            incoming = List.copyOf(incoming);
            replies = List.copyOf(replies);
            errors = List.copyOf(errors);
        }

        private static final Received NOTHING = new Received(List.of(), List.of(), List.of());

        /**
         * Whether the message gets an answer: a reply here, or one later from completing a request of
         * {@link #incoming()}. A message of notifications or responses only gets none, which a transport
         * that answers every message (HTTP) must know at once.
         *
         * @return whether an answer to this message is or will be sent
         */
        public boolean expectsReply() {
            if (!replies.isEmpty()) {
                return true;
            }
            for (Incoming in : incoming) {
                if (in.item() instanceof Request) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * An incoming request or notification. {@link #complete(Object)} is called once with its outcome and
     * returns the bytes to send, if any: nothing for a notification, and for a batch member nothing until
     * the last member of its batch completes, which returns the whole batch response.
     *
     * <pre>{@code
     * byte[] reply = incoming.complete(methods.invoke(session, incoming.item()));
     * }</pre>
     */
    public interface Incoming {
        /** {@return a {@link Request} or a {@link Notification}} */
        Item item();

        /**
         * {@return the request's id; {@link RequestId#absent()} or {@link RequestId#nullId()} for a
         * notification}
         */
        RequestId id();

        /**
         * Records the outcome: a {@link JsonNode} or other Java value (converted to JSON) for success, an
         * {@link RpcError} for an error response. A result JSON cannot express (a non-finite number, a
         * value Jackson cannot convert) is answered with -32603 {@code internal server error}.
         *
         * @param outcome the result (a {@link JsonNode} or any Java value), or an {@link RpcError}
         * @return the encoded response to send, or {@code null} for a notification, which gets none
         * @throws IllegalStateException if called twice
         */
        byte @Nullable [] complete(@Nullable Object outcome);
    }

    private record PendingBatch(long[] ids, CompletableFuture<List<Item>> future) {
    }

    /**
     * The future of one sent request or batch. However it completes (its response, a timeout, a cancel
     * by its caller, the connection lost), it first leaves the pending map, so nothing waits for ever and
     * whoever sees it done sees it gone.
     */
    private final class Pending<T> extends CompletableFuture<T> {
        /** A request's id (a {@code Long}) or a batch's key (a {@code List<Long>}). */
        private final Object key;

        Pending(Object key) {
            this.key = key;
        }

        @Override
        public boolean complete(T value) {
            forget();
            return super.complete(value);
        }

        @Override
        public boolean completeExceptionally(Throwable cause) {
            forget();
            return super.completeExceptionally(cause);
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            forget();
            return super.cancel(mayInterruptIfRunning);
        }

        private void forget() {
            if (key instanceof Long id) {
                pending.remove(id, this);
            } else {
                PendingBatch b = pendingBatches.get(key);
                if (b != null && b.future() == this) {
                    pendingBatches.remove(key, b);
                }
            }
        }
    }

    private final AtomicLong nextId = new AtomicLong();
    private final ConcurrentHashMap<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<List<Long>, PendingBatch> pendingBatches = new ConcurrentHashMap<>();
    /**
     * Ids of requests given up whose one late response is dropped without a report; made on the first
     * such request, so a connection that never cancels over the wire keeps no set.
     */
    private volatile java.util.@Nullable Set<Long> lateResponses;
    private volatile JsonRpcProtocol protocol;
    private volatile int maxResponseSize;
    private volatile int maxBatchLength = DEFAULT_MAX_BATCH_LENGTH;

    /**
     * The default {@link #maxBatchLength()}: 1,000 members, as go-ethereum's servers allow; a batch that
     * long of the smallest requests is about 30 kB, far within the default 1 MB message size.
     */
    public static final int DEFAULT_MAX_BATCH_LENGTH = 1000;

    /**
     * A connection speaking {@code protocol}, with no pending requests.
     *
     * @param protocol the JSON-RPC dialect, for example {@link JsonRpc#V2}
     */
    public JsonRpcConnection(JsonRpcProtocol protocol) {
        this.protocol = java.util.Objects.requireNonNull(protocol, "protocol");
    }

    /** {@return the protocol in use: after auto-detection, the detected one} */
    public JsonRpcProtocol protocol() {
        return protocol;
    }

    /**
     * Responses larger than this many bytes are replaced by an error response; 0 (the default) for no limit.
     *
     * @param bytes the limit in bytes, or 0 for none
     */
    public void setMaxResponseSize(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("max response size must be >= 0: " + bytes);
        }
        maxResponseSize = bytes;
    }

    /** {@return the maximum response size in bytes; 0 for no limit} */
    public int maxResponseSize() {
        return maxResponseSize;
    }

    /**
     * Request batches of more than this many members are refused as a whole with one error response;
     * 0 for no limit. The default is {@value #DEFAULT_MAX_BATCH_LENGTH}.
     *
     * @param members the limit, or 0 for none
     */
    public void setMaxBatchLength(int members) {
        if (members < 0) {
            throw new IllegalArgumentException("max batch length must be >= 0: " + members);
        }
        maxBatchLength = members;
    }

    /** {@return the maximum number of members of an incoming request batch; 0 for no limit} */
    public int maxBatchLength() {
        return maxBatchLength;
    }

    /**
     * Allocates an id for a request and encodes it; the returned future completes when its response
     * arrives. Completing or cancelling the future in any other way (a timeout, a cancel) forgets the
     * request: a late response to it is then reported as a response to an unsent request.
     *
     * @param request the request to send
     * @return the encoded message and the future of its result
     * @throws ProtocolError if the protocol cannot express the request (named arguments in JSON-RPC 1.0)
     */
    public Outgoing sendRequest(Request request) {
        long n = nextId.getAndIncrement();
        byte[] message = protocol.requestMessage(request, RequestId.of(n));
        Long id = n;
        CompletableFuture<JsonNode> future = new Pending<JsonNode>(id);
        pending.put(id, future);
        return new Outgoing(message, future, RequestId.of(n));
    }

    /**
     * Encodes a notification.
     *
     * @param notification the notification to send
     * @return the encoded message
     */
    public byte[] sendNotification(Notification notification) {
        return protocol.notificationMessage(notification);
    }

    /**
     * Allocates ids for the requests of a batch and encodes it. A batch of notifications only has its
     * future completed at once with an empty list.
     *
     * @param batch the batch to send
     * @return the encoded message and the future of its results
     * @throws ProtocolError if the protocol does not permit batches or the batch is empty
     */
    public OutgoingBatch sendBatch(Batch batch) {
        JsonRpcProtocol p = protocol;
        if (!p.allowsBatches()) {
            throw ProtocolError.reportOnly(JsonRpc.INVALID_REQUEST, "protocol does not permit batches");
        }
        int requests = 0;
        for (Item item : batch.items()) {
            if (item instanceof Request) {
                requests++;
            }
        }
        long first = nextId.getAndAdd(requests);
        long[] ids = new long[requests];
        List<RequestId> requestIds = new ArrayList<>(requests);
        for (int i = 0; i < requests; i++) {
            ids[i] = first + i;
            requestIds.add(RequestId.of(first + i));
        }
        byte[] message = p.batchMessage(batch, requestIds);
        CompletableFuture<List<Item>> future;
        if (requests == 0) {
            future = CompletableFuture.completedFuture(List.of());
        } else {
            List<Long> key = key(ids);
            future = new Pending<List<Item>>(key);
            pendingBatches.put(key, new PendingBatch(ids, future));
        }
        return new OutgoingBatch(message, future);
    }

    /** The most ids {@link #expectLateResponse} remembers at once; beyond it, late responses are reported again. */
    public static final int MAX_LATE_RESPONSES = 1024;

    /**
     * Says that the request {@code id}, forgotten already (cancelled or timed out), was given up in a way
     * the peer hears of (LSP's {@code $/cancelRequest}), so one response to it is still coming: its result
     * or a "cancelled" error. That response is dropped without a protocol error; any further one is
     * reported as usual. At most {@value #MAX_LATE_RESPONSES} ids are remembered.
     *
     * @param id the id of the request given up
     */
    public void expectLateResponse(RequestId id) {
        Long key = key(id);
        if (key == null || pending.containsKey(key)) {
            return;
        }
        java.util.Set<Long> late = lateResponses;
        if (late == null) {
            synchronized (this) {
                late = lateResponses;
                if (late == null) {
                    late = ConcurrentHashMap.newKeySet();
                    lateResponses = late;
                }
            }
        }
        if (late.size() < MAX_LATE_RESPONSES) {
            late.add(key);
        }
    }

    /** {@return the number of requests and batches awaiting a response (a batch counts once)} */
    public int pendingRequestCount() {
        return pending.size() + pendingBatches.size();
    }

    /**
     * Fails every pending request and batch with {@code cause}; used when the connection is lost.
     *
     * @param cause the exception each pending future fails with
     */
    public void cancelPendingRequests(RuntimeException cause) {
        for (Long id : List.copyOf(pending.keySet())) {
            CompletableFuture<JsonNode> f = pending.remove(id);
            if (f != null) {
                f.completeExceptionally(cause);
            }
        }
        for (List<Long> id : List.copyOf(pendingBatches.keySet())) {
            PendingBatch b = pendingBatches.remove(id);
            if (b != null) {
                b.future().completeExceptionally(cause);
            }
        }
    }

    /**
     * Interprets one received message. Responses complete their pending requests here; requests and
     * notifications are returned for the caller to handle; bad input yields error responses to send
     * and protocol errors to report.
     *
     * @param message one whole message, as the framer passed it
     * @return what to handle, what to send and what to report
     */
    public Received receiveMessage(byte[] message) {
        JsonRpcProtocol p = protocol;
        Decoded decoded;
        try {
            if (p == JsonRpc.V2 && message.length > 0 && message[0] == '[') {
                // a batch of simple requests, read member by member with no tree of the whole batch
                List<Decoded.Single> members = io.jrpcx.internal.jsonrpc.FastRequest.tryParseBatch(message);
                if (members != null) {
                    return receiveRequestMembers(p, members, List.of(), List.of());
                }
            }
            if (p == JsonRpc.AUTO) {
                JsonNode payload = p.parse(message);
                p = detected(payload);
                decoded = p.decode(payload);
            } else {
                decoded = p.messageToItem(message);
            }
        } catch (ProtocolError e) {
            return rejected(p, e);
        }
        return switch (decoded) {
            case Decoded.Single s -> receiveSingle(p, s);
            case Decoded.BatchPayload b -> isResponseBatch(b.elements())
                    ? receiveResponseBatch(p, b.elements())
                    : receiveRequestBatch(p, b.elements());
        };
    }

    /** The protocol the first message that parses decides, for this and every later message. */
    private synchronized JsonRpcProtocol detected(JsonNode payload) {
        if (protocol == JsonRpc.AUTO) {
            protocol = protocol.detect(payload);
        }
        return protocol;
    }

    private Received receiveSingle(JsonRpcProtocol p, Decoded.Single s) {
        return switch (s.item()) {
            case Request r -> new Received(List.of(new ReplyEncoder.Single(p, r, s.id(), maxResponseSize)),
                    List.of(), List.of());
            case Notification n -> new Received(List.of(new ReplyEncoder.Single(p, n, s.id(), 0)),
                    List.of(), List.of());
            default -> receiveResponse(s.item(), s.id());
        };
    }

    private Received rejected(JsonRpcProtocol p, ProtocolError e) {
        if (e.isAnswered()) {
            return new Received(List.of(), List.of(p.errorMessage(e, e.responseId())), List.of(e));
        }
        if (!e.responseTo().isAbsent()) {
            Long key = key(e.responseTo());
            CompletableFuture<JsonNode> f = key == null ? null : pending.remove(key);
            if (f != null) {
                f.completeExceptionally(e);
                return Received.NOTHING;
            }
            return reportOnly(unsentRequest(e.responseTo()));
        }
        return reportOnly(e);
    }

    private static Received reportOnly(ProtocolError e) {
        return new Received(List.of(), List.of(), List.of(e));
    }

    private static ProtocolError unsentRequest(RequestId id) {
        String shown = id instanceof RequestId.Null ? "None" : PyText.str(id.toJson());
        return ProtocolError.reportOnly(JsonRpc.INVALID_REQUEST, "response to unsent request (ID: " + shown + ")");
    }

    private Received receiveResponse(Item item, RequestId id) {
        Long key = key(id);
        CompletableFuture<JsonNode> f = key == null ? null : pending.remove(key);
        if (f != null) {
            complete(f, item);
            return Received.NOTHING;
        }
        java.util.Set<Long> late = lateResponses;
        if (key != null && late != null && late.remove(key)) {
            return Received.NOTHING;   // the answer to a request given up, expected
        }
        if (item instanceof RpcError e && id instanceof RequestId.Null) {
            return reportOnly(ProtocolError.reportOnly(JsonRpc.INVALID_REQUEST,
                    "diagnostic error received: (" + e.code() + ", "
                            + PyText.repr(com.fasterxml.jackson.databind.node.TextNode.valueOf(e.message())) + ")"));
        }
        return reportOnly(unsentRequest(id));
    }

    private static void complete(CompletableFuture<JsonNode> f, Item item) {
        if (item instanceof Response r) {
            f.complete(r.result());
        } else if (item instanceof RpcError e) {
            f.completeExceptionally(e);
        }
    }

    /** A batch is a response batch when every member is an object with a {@code result} or an {@code error}. */
    private static boolean isResponseBatch(List<JsonNode> elements) {
        for (JsonNode e : elements) {
            if (!e.isObject() || !(e.has("result") || e.has("error"))) {
                return false;
            }
        }
        return true;
    }

    private Received receiveResponseBatch(JsonRpcProtocol p, List<JsonNode> elements) {
        Map<Long, Item> outcomes = new HashMap<>();
        long[] ids = new long[elements.size()];
        List<ProtocolError> errors = new ArrayList<>();
        boolean matchable = true;
        for (int i = 0; i < elements.size(); i++) {
            RequestId id;
            Item outcome;
            try {
                Decoded.Single s = p.responseToItem(elements.get(i));
                id = s.id();
                outcome = s.item();
            } catch (ProtocolError e) {
                id = e.responseTo();
                outcome = e;
                errors.add(e);
            }
            Long key = key(id);
            if (key == null) {
                matchable = false;
                continue;
            }
            ids[i] = key;
            outcomes.put(key, outcome);
        }
        PendingBatch batch = matchable ? pendingBatches.remove(key(ids)) : null;
        if (batch == null) {
            errors.add(ProtocolError.reportOnly(JsonRpc.INVALID_REQUEST, "response to unsent batch"));
            return new Received(List.of(), List.of(), errors);
        }
        List<Item> results = new ArrayList<>(batch.ids().length);
        for (long id : batch.ids()) {
            results.add(outcomes.get(id));
        }
        batch.future().complete(results);
        return new Received(List.of(), List.of(), errors);
    }

    private Received receiveRequestBatch(JsonRpcProtocol p, List<JsonNode> elements) {
        if (tooLong(elements.size())) {
            return batchTooLarge(p);
        }
        List<Decoded.Single> members = new ArrayList<>(elements.size());
        List<byte[]> errorParts = new ArrayList<>();
        List<ProtocolError> errors = new ArrayList<>();
        for (JsonNode element : elements) {
            try {
                members.add(p.requestToItem(element));
            } catch (ProtocolError e) {
                errors.add(e);
                if (e.isAnswered()) {
                    errorParts.add(p.errorMessage(e, e.responseId()));
                }
            }
        }
        return receiveRequestMembers(p, members, errorParts, errors);
    }

    private boolean tooLong(int members) {
        int limit = maxBatchLength;
        return limit > 0 && members > limit;
    }

    private Received batchTooLarge(JsonRpcProtocol p) {
        return rejected(p, ProtocolError.inRequest(JsonRpc.INVALID_REQUEST,
                String.format(java.util.Locale.ROOT, "batch too large (over %,d items)", maxBatchLength),
                RequestId.nullId()));
    }

    /** The incoming view of a request batch's good members, with the error responses to its bad ones. */
    private Received receiveRequestMembers(JsonRpcProtocol p, List<Decoded.Single> members, List<byte[]> errorParts,
                                           List<ProtocolError> errors) {
        if (tooLong(members.size() + errors.size())) {
            return batchTooLarge(p);
        }
        int requests = 0;
        for (Decoded.Single s : members) {
            if (s.item() instanceof Request) {
                requests++;
            }
        }
        List<Incoming> incoming = new ArrayList<>(members.size());
        if (requests == 0) {
            for (Decoded.Single s : members) {
                incoming.add(new ReplyEncoder.Single(p, s.item(), s.id(), 0));
            }
            List<byte[]> replies = errorParts.isEmpty() ? List.of() : List.of(p.batchMessageFromParts(errorParts));
            return new Received(incoming, replies, errors);
        }
        IncomingBatch batch = new IncomingBatch(p, errorParts, requests, maxResponseSize);
        for (Decoded.Single s : members) {
            incoming.add(batch.member(s.item(), s.id()));
        }
        return new Received(incoming, List.of(), errors);
    }

    /** The pending-map key of a received id: its value when it is an integer (1.0 counts as 1). */
    private static @Nullable Long key(RequestId id) {
        if (!(id instanceof RequestId.Num num)) {
            return null;
        }
        JsonNode v = num.value();
        if (v.isIntegralNumber()) {
            return v.canConvertToLong() ? v.longValue() : null;
        }
        try {
            BigDecimal d = v.decimalValue();
            return d.longValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    private static List<Long> key(long[] ids) {
        long[] sorted = ids.clone();
        Arrays.sort(sorted);
        List<Long> key = new ArrayList<>(sorted.length);
        for (long id : sorted) {
            key.add(id);
        }
        return key;
    }
}
