package io.jrpcx.session;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jrpcx.concurrent.Deadline;
import io.jrpcx.concurrent.TaskTimeoutException;
import io.jrpcx.concurrent.Timeouts;
import io.jrpcx.internal.concurrent.TimeoutScheduler;
import io.jrpcx.internal.transport.EventLoops;
import io.jrpcx.jsonrpc.Arguments;
import io.jrpcx.jsonrpc.Batch;
import io.jrpcx.jsonrpc.Item;
import io.jrpcx.jsonrpc.JsonConversion;
import io.jrpcx.jsonrpc.JsonRpc;
import io.jrpcx.jsonrpc.JsonRpcConnection;
import io.jrpcx.jsonrpc.JsonRpcConnection.Incoming;
import io.jrpcx.jsonrpc.JsonRpcConnection.Outgoing;
import io.jrpcx.jsonrpc.JsonRpcConnection.OutgoingBatch;
import io.jrpcx.jsonrpc.JsonRpcConnection.Received;
import io.jrpcx.jsonrpc.Notification;
import io.jrpcx.jsonrpc.ProtocolError;
import io.jrpcx.jsonrpc.ReplyAndDisconnect;
import io.jrpcx.jsonrpc.Request;
import io.jrpcx.jsonrpc.RequestId;
import io.jrpcx.jsonrpc.RpcCallException;
import io.jrpcx.jsonrpc.RpcError;
import io.jrpcx.jsonrpc.RpcService;
import io.netty.util.Timeout;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JSON-RPC session: one connection over which both sides may send requests, notifications and
 * batches, and handle what the other sends. Servers make one per accepted connection; clients get one
 * from {@link RpcClient#connect}. Incoming requests are handled each on its own virtual thread by the
 * session's {@link RpcHandler}, admitted by its {@link Concurrency}, so a handler may itself call the
 * peer.
 *
 * <h2>Calls</h2>
 * Each call has a time limit: its own, or {@link SessionOptions#sentRequestTimeout()}. A call that times
 * out, or whose future is cancelled, is forgotten at once: a late answer is dropped and counted as an
 * error. A call fails only with an {@link RpcCallException}: the peer's {@link RpcError},
 * {@link ConnectionLostException}, {@link RequestTimeoutException}, {@link CallRefusedException} (for
 * example a blocking {@code request} made on an I/O thread), {@link CallCancelledException} or, for a typed
 * call, {@link ResultTypeException}.
 *
 * <h2>Over HTTP</h2>
 * A server session over HTTP ({@link io.jrpcx.transport.HttpOptions}) only answers: each message it sends
 * is the response to one POST. Its requests, notifications and batches to the client fail at once with a
 * {@link CallRefusedException} that names HTTP. Use WebSocket or TCP for server-to-client calls.
 *
 * <h2>Types</h2>
 * Arguments, results and handler parameters are converted by the session's {@link #mapper()} (given to
 * the client or server builder). Typed forms such as {@link #request(String, Class, Object...)} return
 * the result as the type asked for; {@link #proxy(Class)} makes an interface's methods calls.
 *
 * <pre>{@code
 * try (RpcSession session = RpcClient.builder().build().connect("tcp://127.0.0.1:8000")) {
 *     JsonNode sum = session.request("sum", 1, 2, 3);                    // blocks this (virtual) thread
 *     int total = session.request("sum", Integer.class, 1, 2, 3);        // typed: ResultTypeException if not
 *     JsonNode named = session.request("echo", Arguments.named(Map.of("message", "hi")));
 *     Wallet wallet = session.proxy(Wallet.class);                      // an interface's methods as calls
 *     JsonNode slow = session.request("sleep", Arguments.of(1), Duration.ofSeconds(5));
 *     CompletableFuture<JsonNode> echo = session.requestAsync("echo", Arguments.of("hi"));
 *     session.sendNotification("log", "done");
 *     List<Item> results = session.sendBatch(new Batch(List.of(
 *             new Request("echo", Arguments.of(1)), new Request("echo", Arguments.of(2)))));
 * }
 * }</pre>
 */
public final class RpcSession extends Session {
    private static final Logger LOG = LoggerFactory.getLogger(RpcSession.class);

    private final JsonRpcConnection connection;
    private final RpcHandler handler;
    private final ObjectMapper mapper;
    private final OutgoingConcurrency outgoing;
    private final boolean cancelRequests;
    /** Requests being handled or waiting to be, by id, while cancellation over the wire is on. */
    private final java.util.concurrent.ConcurrentHashMap<RequestId, Dispatched> running = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * {@return a session not yet connected: give its {@link #transportListener()} to a transport} Servers and
     * clients call this for you.
     *
     * @param options the session settings
     * @param rpcOptions the JSON-RPC settings
     * @param handler what serves the peer's calls
     * @param listener hears the session's events
     */
    public static RpcSession create(SessionOptions options, JsonRpcOptions rpcOptions, RpcHandler handler,
                                    SessionListener listener) {
        return new RpcSession(options, rpcOptions, handler, listener, JsonConversion.defaultMapper());
    }

    /**
     * A session not yet connected that converts arguments, results and handler parameters with
     * {@code mapper}; see {@link #create(SessionOptions, JsonRpcOptions, RpcHandler, SessionListener)}.
     *
     * @param options the session settings
     * @param rpcOptions the JSON-RPC settings
     * @param handler what serves the peer's calls
     * @param listener hears the session's events
     * @param mapper the Jackson mapper for arguments and results
     * @return a session not yet connected
     */
    public static RpcSession create(SessionOptions options, JsonRpcOptions rpcOptions, RpcHandler handler,
                                    SessionListener listener, ObjectMapper mapper) {
        return new RpcSession(options, rpcOptions, handler, listener, mapper);
    }

    private RpcSession(SessionOptions options, JsonRpcOptions rpcOptions, RpcHandler handler, SessionListener listener,
                       ObjectMapper mapper) {
        super(options, listener);
        this.handler = handler;
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.connection = new JsonRpcConnection(rpcOptions.protocol());
        this.connection.setMaxResponseSize(rpcOptions.maxResponseSize());
        this.outgoing = new OutgoingConcurrency(options.targetResponseTime().toNanos() / 1e9);
        this.connection.setMaxBatchLength(rpcOptions.maxBatchLength());
        this.cancelRequests = rpcOptions.cancelRequests();
    }

    // ---- sending ----

    /**
     * Sends a request with positional arguments and waits for its result, at most
     * {@link SessionOptions#sentRequestTimeout()}. Each argument is one positional argument, converted
     * by the session's {@link #mapper()}; a sole map, collection or array is refused with an
     * {@code IllegalArgumentException} as ambiguous (say {@link Arguments#named(Map)},
     * {@link Arguments#positional(List)} or {@link Arguments#of(Object...)}).
     *
     * @param method the method's name
     * @param args the arguments, each one positional argument
     * @return the result as JSON
     * @throws RpcError the peer's error response
     * @throws ConnectionLostException when the connection closes first
     * @throws RequestTimeoutException when no response comes in time
     * @throws CallRefusedException when called on an I/O thread, or the message cannot be sent, or on
     *     the server side of HTTP (which only answers: HTTP has no server-to-client requests)
     * @throws CallCancelledException when the calling thread is interrupted
     */
    public JsonNode request(String method, Object... args) {
        return request(method, TypedCalls.positional(mapper, method, args), options().sentRequestTimeout());
    }

    /**
     * Sends a request and waits for its result; see {@link #request(String, Object...)}.
     *
     * @param method the method's name
     * @param args the arguments
     * @return the result as JSON
     */
    public JsonNode request(String method, Arguments args) {
        return request(method, args, options().sentRequestTimeout());
    }

    /**
     * Sends a request and waits for its result at most {@code timeout}; see {@link #request(String,
     *     Object...)}.
     *
     * @param method the method's name
     * @param args the arguments
     * @param timeout the longest to wait for the result
     * @return the result as JSON
     */
    public JsonNode request(String method, Arguments args, Duration timeout) {
        refuseOnIoThread("request");
        long start = System.nanoTime();
        acquireOutgoing(method, timeout);
        long sent = System.nanoTime();
        try {
            Outgoing out = send(new Request(method, args));
            return await(out.response(), method, timeout, timeout.toNanos() - (sent - start));
        } finally {
            outgoing.release(System.nanoTime() - sent, 1);
        }
    }

    /**
     * Waits for a slot of the adaptive outgoing concurrency, within the call's time limit.
     *
     * @throws RequestTimeoutException when no slot comes in time
     */
    private void acquireOutgoing(String method, Duration timeout) {
        try {
            if (!outgoing.acquire(timeout.toNanos())) {
                events().responseTimedOut(this, method, timeout);
                throw new RequestTimeoutException(method, timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallCancelledException("interrupted while waiting to send '" + method + "'");
        }
    }

    /**
     * {@return how many blocking requests may be out at once now; it adapts to {@link
     * SessionOptions#targetResponseTime()}}
     */
    public int outgoingConcurrency() {
        return outgoing.limit();
    }

    /**
     * Sends a request and waits for its result until {@code deadline}; see {@link #request(String, Object...)}.
     *
     * @param method the method's name
     * @param args the arguments
     * @param deadline when to stop waiting for the result
     * @return the result as JSON
     */
    public JsonNode request(String method, Arguments args, Deadline deadline) {
        return request(method, args, nonNegative(deadline.remaining()));
    }

    /**
     * Sends a request with positional arguments; see {@link #requestAsync(String, Arguments, Duration)}.
     *
     * @param method the method's name
     * @param args the arguments, each one positional argument
     * @return the future of the result
     */
    public CompletableFuture<JsonNode> requestAsync(String method, Object... args) {
        return requestAsync(method, TypedCalls.positional(mapper, method, args), options().sentRequestTimeout());
    }

    /**
     * Sends a request; see {@link #requestAsync(String, Arguments, Duration)}.
     *
     * @param method the method's name
     * @param args the arguments
     * @return the future of the result
     */
    public CompletableFuture<JsonNode> requestAsync(String method, Arguments args) {
        return requestAsync(method, args, options().sentRequestTimeout());
    }

    /**
     * Sends a request without waiting. The future fails with an {@link RpcCallException}: the peer's
     * {@link RpcError}, {@link ConnectionLostException}, or {@link RequestTimeoutException} after
     * {@code timeout}. Cancelling it forgets the request. Never blocks, so it may be called on an I/O
     * thread.
     *
     * @param method the method's name
     * @param args the arguments
     * @param timeout the longest to wait for the result
     * @return the future of the result
     */
    public CompletableFuture<JsonNode> requestAsync(String method, Arguments args, Duration timeout) {
        Outgoing out;
        try {
            out = send(new Request(method, args));
        } catch (RpcCallException e) {
            return CompletableFuture.failedFuture(e);
        }
        return withTimeout(out.response(), method, timeout);
    }

    /**
     * Sends a notification with positional arguments.
     *
     * @param method the method's name
     * @param args the arguments, each one positional argument
     */
    public void sendNotification(String method, Object... args) {
        sendNotification(method, TypedCalls.positional(mapper, method, args));
    }

    /**
     * Sends a notification.
     *
     * @param method the method's name
     * @param args the arguments
     * @throws ConnectionLostException when the connection has closed
     * @throws CallRefusedException when the message cannot be sent, or on the server side of HTTP (which
     *     only answers: HTTP has no server-to-client notifications)
     */
    public void sendNotification(String method, Arguments args) {
        if (isClosed()) {
            throw connectionLost();
        }
        refuseIfAnswersOnly(method);
        sendMessage(connection.sendNotification(new Notification(method, args)));
    }

    /**
     * Sends a batch and waits for its responses: one per request of the batch, in the batch's order,
     * each a {@link io.jrpcx.jsonrpc.Response} or an {@link RpcError}. A batch of notifications only
     * returns an empty list at once.
     *
     * @param batch the batch
     * @return the responses and errors, in the order of the batch's requests
     */
    public List<Item> sendBatch(Batch batch) {
        return sendBatch(batch, options().sentRequestTimeout());
    }

    /**
     * Sends a batch and waits for its responses at most {@code timeout}; see {@link #sendBatch(Batch)}.
     *
     * @param batch the batch
     * @param timeout the longest to wait for the responses
     * @return the responses and errors, in the order of the batch's requests
     */
    public List<Item> sendBatch(Batch batch, Duration timeout) {
        refuseOnIoThread("sendBatch");
        long start = System.nanoTime();
        acquireOutgoing("batch", timeout);
        long sent = System.nanoTime();
        try {
            OutgoingBatch out = sendBatchMessage(batch);
            return await(out.responses(), "batch", timeout, timeout.toNanos() - (sent - start));
        } finally {
            outgoing.release(System.nanoTime() - sent, batch.items().size());
        }
    }

    /**
     * Sends a batch; see {@link #sendBatch(Batch)}.
     *
     * @param batch the batch
     * @return the future of the responses and errors
     */
    public CompletableFuture<List<Item>> sendBatchAsync(Batch batch) {
        return sendBatchAsync(batch, options().sentRequestTimeout());
    }

    /**
     * Sends a batch; the future fails as {@link #requestAsync(String, Arguments, Duration)}'s does.
     *
     * @param batch the batch
     * @param timeout the longest to wait for the responses
     * @return the future of the responses and errors
     */
    public CompletableFuture<List<Item>> sendBatchAsync(Batch batch, Duration timeout) {
        OutgoingBatch out;
        try {
            out = sendBatchMessage(batch);
        } catch (RpcCallException e) {
            return CompletableFuture.failedFuture(e);
        }
        return withTimeout(out.responses(), "batch", timeout);
    }

    // ---- typed calls ----

    /** {@return the mapper that converts this session's arguments, results and handler parameters} */
    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * Sends a request with positional arguments and waits for its result as a {@code type}; see
     * {@link #request(String, Object...)}.
     *
     * @param <T> the result's Java type
     * @param method the method's name
     * @param type the result's class
     * @param args the arguments, each one positional argument
     * @return the result, converted
     * @throws ResultTypeException when the result does not fit {@code type}
     */
    public <T> T request(String method, Class<T> type, Object... args) {
        return request(method, mapper.constructType(type), TypedCalls.positional(mapper, method, args),
                options().sentRequestTimeout());
    }

    /**
     * Sends a request and waits for its result as a (generic) {@code type}; see {@link #request(String, Class,
     *     Object...)}.
     *
     * @param <T> the result's Java type
     * @param method the method's name
     * @param type the result's type, such as {@code new TypeReference<List<String>>() {}}
     * @param args the arguments, each one positional argument
     * @return the result, converted
     */
    public <T> T request(String method, TypeReference<T> type, Object... args) {
        return request(method, mapper.constructType(type), TypedCalls.positional(mapper, method, args),
                options().sentRequestTimeout());
    }

    /**
     * Sends a request and waits for its result as a {@code type}; see {@link #request(String, Class,
     *     Object...)}.
     *
     * @param <T> the result's Java type
     * @param method the method's name
     * @param type the result's class
     * @param args the arguments
     * @return the result, converted
     */
    public <T> T request(String method, Class<T> type, Arguments args) {
        return request(method, mapper.constructType(type), args, options().sentRequestTimeout());
    }

    /**
     * Sends a request and waits for its result as a (generic) {@code type}; see {@link #request(String, Class,
     *     Object...)}.
     *
     * @param <T> the result's Java type
     * @param method the method's name
     * @param type the result's type, such as {@code new TypeReference<List<String>>() {}}
     * @param args the arguments
     * @return the result, converted
     */
    public <T> T request(String method, TypeReference<T> type, Arguments args) {
        return request(method, mapper.constructType(type), args, options().sentRequestTimeout());
    }

    /**
     * Sends a request and waits for its result as a {@code type}, at most {@code timeout}; see
     * {@link #request(String, Object...)}.
     *
     * @param <T> the result's Java type
     * @param method the method's name
     * @param type the result's Jackson type
     * @param args the arguments
     * @param timeout the longest to wait for the result
     * @return the result, converted
     * @throws ResultTypeException when the result does not fit {@code type}
     */
    public <T> T request(String method, JavaType type, Arguments args, Duration timeout) {
        return TypedCalls.convert(mapper, method, request(method, args, timeout), type);
    }

    /**
     * Sends a request with positional arguments; the future gets its result as a {@code type}, or fails
     * with {@link ResultTypeException} when it does not fit, or as {@link #requestAsync(String, Arguments, Duration)}'s.
     *
     * @param <T> the result's Java type
     * @param method the method's name
     * @param type the result's class
     * @param args the arguments, each one positional argument
     * @return the future of the converted result
     */
    public <T> CompletableFuture<T> requestAsync(String method, Class<T> type, Object... args) {
        return requestAsync(method, mapper.constructType(type), TypedCalls.positional(mapper, method, args),
                options().sentRequestTimeout());
    }

    /**
     * Sends a request; see {@link #requestAsync(String, Class, Object...)}.
     *
     * @param <T> the result's Java type
     * @param method the method's name
     * @param type the result's type, such as {@code new TypeReference<List<String>>() {}}
     * @param args the arguments, each one positional argument
     * @return the future of the converted result
     */
    public <T> CompletableFuture<T> requestAsync(String method, TypeReference<T> type, Object... args) {
        return requestAsync(method, mapper.constructType(type), TypedCalls.positional(mapper, method, args),
                options().sentRequestTimeout());
    }

    /**
     * Sends a request; see {@link #requestAsync(String, Class, Object...)}.
     *
     * @param <T> the result's Java type
     * @param method the method's name
     * @param type the result's class
     * @param args the arguments
     * @return the future of the converted result
     */
    public <T> CompletableFuture<T> requestAsync(String method, Class<T> type, Arguments args) {
        return requestAsync(method, mapper.constructType(type), args, options().sentRequestTimeout());
    }

    /**
     * Sends a request; see {@link #requestAsync(String, Class, Object...)}.
     *
     * @param <T> the result's Java type
     * @param method the method's name
     * @param type the result's Jackson type
     * @param args the arguments
     * @param timeout the longest to wait for the result
     * @return the future of the converted result
     */
    public <T> CompletableFuture<T> requestAsync(String method, JavaType type, Arguments args, Duration timeout) {
        return TypedCalls.convert(mapper, method, requestAsync(method, args, timeout), type);
    }

    /**
     * A proxy of {@code service}, an interface describing the peer's methods: each call of one of its
     * methods sends a request (or a notification) on this session; see {@link RpcService}.
     *
     * <pre>{@code
     * Wallet wallet = session.proxy(Wallet.class);
     * BigDecimal balance = wallet.balance("alice");
     * }</pre>
     *
     * @param <T> the interface's type
     * @param service the interface's class
     * @return the proxy; its calls block the calling thread until the answer
     * @throws IllegalArgumentException when {@code service} is not an interface, or a method cannot be
     *     called remotely (named arguments whose names are unknown)
     */
    public <T> T proxy(Class<T> service) {
        return ServiceProxy.create(this, service);
    }

    /** {@return the number of sent requests and batches still awaiting a response} */
    public int pendingRequests() {
        return connection.pendingRequestCount();
    }

    private Outgoing send(Request request) {
        if (isClosed()) {
            throw connectionLost();
        }
        refuseIfAnswersOnly(request.method());
        refuseOverPending(request.method());
        Outgoing out = connection.sendRequest(request);
        try {
            sendMessage(out.message());
        } catch (RpcCallException e) {
            out.response().completeExceptionally(e);
            throw e;
        }
        if (cancelRequests) {
            out.response().whenComplete((v, e) -> {
                if (e instanceof CancellationException || e instanceof RequestTimeoutException
                        || e instanceof CallCancelledException) {
                    sendCancel(out.id());
                }
            });
        }
        failPendingIfClosed();
        return out;
    }

    /** Tells the peer a call was given up ({@code $/cancelRequest}), from a thread that may wait to send. */
    private void sendCancel(RequestId id) {
        if (isClosed()) {
            return;
        }
        connection.expectLateResponse(id);   // its answer or -32800 is still coming: not an error
        byte[] message = connection.sendNotification(new Notification(JsonRpc.CANCEL_REQUEST,
                new Arguments(io.jrpcx.internal.json.Json.factory().objectNode().set("id", id.toJson()))));
        io.jrpcx.internal.concurrent.VirtualThreads.start("session-" + id() + "/cancel", () -> sendQuietly(message));
    }

    private OutgoingBatch sendBatchMessage(Batch batch) {
        if (isClosed()) {
            throw connectionLost();
        }
        refuseIfAnswersOnly("batch");
        refuseOverPending("batch");
        OutgoingBatch out = connection.sendBatch(batch);
        try {
            sendMessage(out.message());
        } catch (RpcCallException e) {
            out.responses().completeExceptionally(e);
            throw e;
        }
        failPendingIfClosed();
        return out;
    }

    /** The server side of HTTP only answers: each message it sends is the response to a POST. */
    private void refuseIfAnswersOnly(String method) {
        if (answersOnly()) {
            throw new CallRefusedException("'" + method + "' refused: " + this + " is the server side of HTTP,"
                    + " which only answers its client's requests (HTTP has no server-to-client requests or notifications)");
        }
    }

    private void refuseOverPending(String method) {
        int limit = options().maxPendingRequests();
        if (connection.pendingRequestCount() >= limit) {
            throw new CallRefusedException("'" + method + "' refused: " + limit
                    + " requests already await answers on " + this + " (SessionOptions.maxPendingRequests)");
        }
    }

    private void failPendingIfClosed() {
        if (isClosed()) {
            connection.cancelPendingRequests(connectionLost());
        }
    }

    private void refuseOnIoThread(String what) {
        if (EventLoops.onEventLoop()) {
            throw new CallRefusedException("a blocking " + what + "() on an I/O thread would stall every connection"
                    + " of that thread: use the async form, or do not run the caller inline");
        }
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    private <T> CompletableFuture<T> withTimeout(CompletableFuture<T> future, String method, Duration timeout) {
        if (future.isDone()) {
            return future;
        }
        Timeout timer = TimeoutScheduler.schedule(() -> {
            if (future.completeExceptionally(new RequestTimeoutException(method, timeout))) {
                events().responseTimedOut(this, method, timeout);
            }
        }, timeout.toNanos());
        future.whenComplete((v, e) -> timer.cancel());
        return future;
    }

    /** Waits {@code waitNanos} (what is left of {@code timeout}) for the answer. */
    private <T> T await(CompletableFuture<T> future, String method, Duration timeout, long waitNanos) {
        try {
            try {
                return future.get(Math.max(0, waitNanos), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                RequestTimeoutException timedOut = new RequestTimeoutException(method, timeout);
                if (future.completeExceptionally(timedOut)) {
                    events().responseTimedOut(this, method, timeout);
                    throw timedOut;
                }
                return future.get();   // answered at the last moment
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RpcCallException failure) {
                throw failure;
            }
            throw new ConnectionLostException("call '" + method + "' failed on " + this, cause);
        } catch (CancellationException e) {
            throw new CallCancelledException("call '" + method + "' was cancelled");
        } catch (InterruptedException e) {
            future.cancel(false);
            Thread.currentThread().interrupt();
            throw new CallCancelledException("interrupted while waiting for '" + method + "'");
        }
    }

    // ---- receiving ----

    @Override
    void messageReceived(byte[] message) {
        Received received = connection.receiveMessage(message);
        for (byte[] reply : received.replies()) {
            sendMessage(reply);
        }
        List<ProtocolError> errors = received.errors();
        if (!errors.isEmpty()) {
            // as aiorpcX: a message with errors costs the base once (a batch's bad members do not each cost),
            // and one that is not even JSON ten times the base on top
            boolean parse = false;
            for (ProtocolError error : errors) {
                parse |= error.code() == JsonRpc.PARSE_ERROR;
                LOG.debug("{}: protocol error {}: {}", this, error.code(), error.message());
            }
            countErrors(errors.size(), parse ? 10 * cost().errorCost() : 0);
            if (received.incoming().isEmpty() && isOverHardLimit()) {
                // no request to answer: the peer hears why on an error of its own, then the session closes
                sendQuietly(connection.protocol().errorMessage(excessive(), RequestId.nullId()));
                closeForExcessiveCost();
                return;
            }
        }
        if (answersOnly() && !received.expectsReply()) {
            noReply();   // HTTP: 204 at once; the notifications are still handled
        }
        List<Incoming> incomings = received.incoming();
        int share = incomings.isEmpty() ? 0 : message.length / incomings.size();
        for (Incoming incoming : incomings) {
            if (cancelRequests && incoming.item() instanceof Notification n && n.method().equals(JsonRpc.CANCEL_REQUEST)) {
                cancelIncoming(n);
                byte[] reply = incoming.complete(null);   // the last of a batch completes it
                if (reply != null) {
                    sendQuietly(reply);
                }
                continue;
            }
            if (isOverHardLimit()) {
                refuseExcessive(incoming);
            } else if (handler.isInline(incoming.item()) && !isThrottled()) {
                handle(incoming, null);   // on the I/O thread: done before anything else can happen here
            } else {
                Dispatched d = new Dispatched(incoming);
                if (cancelRequests && incoming.item() instanceof Request && !incoming.id().isAbsent()) {
                    running.put(incoming.id(), d);
                }
                dispatch(d, share);
            }
        }
    }

    /**
     * The peer gave up a request ({@code $/cancelRequest}): answer it -32800 and interrupt its handler,
     * unless it is answered already or unknown. Called on the I/O thread.
     */
    private void cancelIncoming(Notification cancel) {
        JsonNode params = cancel.args().node();
        JsonNode idNode = params.isObject() ? params.get("id") : params.isArray() && params.size() == 1 ? params.get(0) : null;
        if (idNode == null || !(idNode.isNumber() || idNode.isTextual())) {
            LOG.debug("{}: {} without a usable id: {}", this, JsonRpc.CANCEL_REQUEST, params);
            return;
        }
        Dispatched d = running.get(RequestId.fromJson(idNode));
        if (d != null && answer(d.incoming, new RpcError(JsonRpc.REQUEST_CANCELLED, "Request cancelled"), d)) {
            Thread t = d.thread;
            if (t != null) {
                t.interrupt();
            }
        }
    }

    /** An incoming request handled on a thread of its own; answered once, by its handler or for it. */
    private final class Dispatched extends java.util.concurrent.atomic.AtomicBoolean implements Abandonable {
        private static final long serialVersionUID = 1L;
        private final transient Incoming incoming;
        private transient volatile @Nullable Thread thread;

        Dispatched(Incoming incoming) {
            this.incoming = incoming;
        }

        @Override
        public void run() {
            if (isClosed() || get()) {
                running.remove(incoming.id(), this);
                return;   // cancelled while it waited
            }
            thread = Thread.currentThread();
            if (isOverHardLimit()) {
                refuseExcessive(incoming);
            } else {
                handle(incoming, this);
            }
        }

        @Override
        public void abandoned() {
            LOG.debug("{}: the handler of {} ignores its interruption; answering for it", RpcSession.this, incoming.item());
            answer(incoming, new RpcError(JsonRpc.SERVER_BUSY, "server busy - request timed out"), this);
        }
    }

    /** Answers -101 with what the peer needs to back off, then closes. */
    private void refuseExcessive(Incoming incoming) {
        byte[] reply = incoming.complete(excessive());
        if (reply != null) {
            sendQuietly(reply);
        }
        closeForExcessiveCost();
    }

    /** The -101 error, with data a client can act on: {@code {"retry_after": 1.5, "cost": 8123, "hard_limit": 10000}}. */
    private RpcError excessive() {
        SessionCost cost = cost();
        com.fasterxml.jackson.databind.node.ObjectNode data = io.jrpcx.internal.json.Json.factory().objectNode();
        data.put("retry_after", Math.round(cost.retryAfterSeconds() * 10) / 10.0);
        data.put("cost", Math.round(cost.effectiveValue()));
        data.put("hard_limit", Math.round(cost.hardLimit()));
        return new RpcError(JsonRpc.EXCESSIVE_RESOURCE_USAGE, "excessive resource usage", data);
    }

    private void sendQuietly(byte[] reply) {
        if (!isClosed()) {
            try {
                sendMessage(reply);
            } catch (RpcCallException e) {
                LOG.debug("{}: reply not sent: {}", this, e.toString());
            }
        }
    }

    /** Handles a request: inline when {@code dispatched} is null, else on its own thread with a time limit. */
    private void handle(Incoming incoming, java.util.concurrent.atomic.@Nullable AtomicBoolean dispatched) {
        SessionListener events = events();
        if (events == SessionListener.NONE) {
            respond(incoming, dispatched);
            return;
        }
        long start = System.nanoTime();
        Throwable failure = null;
        events.requestDispatched(this, incoming.item());
        try {
            failure = respond(incoming, dispatched);
        } finally {
            events.requestFinished(this, incoming.item(), Duration.ofNanos(System.nanoTime() - start), failure);
        }
    }

    /** Handles one request and sends its reply; returns what the handler threw, if anything. */
    private @Nullable Throwable respond(Incoming incoming, java.util.concurrent.atomic.@Nullable AtomicBoolean dispatched) {
        boolean timed = dispatched != null;
        countHandled();
        @Nullable Object outcome;
        @Nullable Throwable failure = null;
        boolean disconnect = false;
        try {
            outcome = timed
                    ? Timeouts.timeoutAfter(options().processingTimeout(), () -> handler.handle(this, incoming.item()))
                    : handler.handle(this, incoming.item());
        } catch (TaskTimeoutException e) {
            LOG.debug("{}: {} timed out after {}", this, incoming.item(), options().processingTimeout());
            events().requestTimedOut(this, incoming.item(), options().processingTimeout());
            outcome = new RpcError(JsonRpc.SERVER_BUSY, "server busy - request timed out");
            failure = e;
        } catch (ReplyAndDisconnect e) {
            outcome = e.outcome();
            disconnect = true;
        } catch (RpcError e) {
            outcome = e;
        } catch (Exception e) {
            failure = e;
            if (isClosed() || (dispatched != null && dispatched.get())) {
                return failure;   // the connection went away under the handler: nothing to answer
            }
            if (e instanceof RpcCallException) {
                LOG.debug("{}: handler for {} failed: {}", this, incoming.item(), e.toString());
            } else {
                LOG.warn("{}: handler failed for {}", this, incoming.item(), e);
            }
            outcome = new RpcError(JsonRpc.INTERNAL_ERROR, "internal server error");
        }
        answer(incoming, outcome, dispatched);
        if (disconnect) {
            startClose();
        }
        return failure;
    }

    /**
     * Sends the answer, unless one was sent already (for a handler that was abandoned or cancelled);
     * true if this call answered.
     */
    private boolean answer(Incoming incoming, @Nullable Object outcome,
                           java.util.concurrent.atomic.@Nullable AtomicBoolean answered) {
        if (answered != null && !answered.compareAndSet(false, true)) {
            return false;
        }
        if (answered instanceof Dispatched d && cancelRequests) {
            running.remove(incoming.id(), d);
        }
        if (outcome instanceof RpcError) {
            countError();   // as aiorpcX: every error answered costs the base
        }
        byte[] reply = incoming.complete(outcome);
        if (reply != null && !isClosed()) {
            try {
                sendMessage(reply);
            } catch (RpcCallException e) {
                LOG.debug("{}: reply not sent: {}", this, e.toString());
            }
        }
        return true;
    }

    @Override
    void connectionLost(ConnectionLostException failure) {
        connection.cancelPendingRequests(failure);
        running.clear();
    }
}
