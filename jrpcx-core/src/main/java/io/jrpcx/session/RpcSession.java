package io.jrpcx.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.jrpcx.jsonrpc.Arguments;
import io.jrpcx.jsonrpc.Batch;
import io.jrpcx.jsonrpc.Item;
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
import io.jrpcx.jsonrpc.RpcError;
import io.jrpcx.concurrent.TaskGroup;
import io.jrpcx.concurrent.TaskTimeoutException;
import io.jrpcx.concurrent.Timeouts;
import io.jrpcx.internal.concurrent.VirtualThreads;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JSON-RPC session: one connection over which both sides may send requests, notifications and
 * batches, and handle what the other sends. Servers make one per accepted connection; clients get one
 * from {@link RpcClient#connect}. Incoming requests are handled each on its own virtual thread by the
 * session's {@link RpcHandler}, so a handler may itself call the peer.
 *
 * <pre>{@code
 * try (RpcSession session = RpcClient.builder().build().connect(new InetSocketAddress("127.0.0.1", 8000))) {
 *     JsonNode sum = session.request("sum", 1, 2, 3);                    // blocks this (virtual) thread
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
    private final TaskGroup tasks;
    /** Incoming requests and notifications not yet handled. */
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean inputClosed;

    /**
     * A session not yet connected: give its {@link #transportListener()} to a transport. Servers and
     * clients call this for you.
     */
    public static RpcSession create(SessionOptions options, RpcHandler handler) {
        return new RpcSession(options, handler);
    }

    private RpcSession(SessionOptions options, RpcHandler handler) {
        super(options);
        this.handler = handler;
        this.tasks = TaskGroup.builder().name("session-" + id()).retainFinished(false).build();
        this.connection = new JsonRpcConnection(options.protocol());
        this.connection.setMaxResponseSize(options.maxResponseSize());
    }

    // ---- sending ----

    /**
     * Sends a request with positional arguments and waits for its result, at most
     * {@link SessionOptions#sentRequestTimeout()}.
     *
     * @throws RpcError the peer's error response
     * @throws ConnectionLostException when the connection closes first
     * @throws TaskTimeoutException when no response comes in time
     */
    public JsonNode request(String method, Object... args) {
        return await(requestAsync(method, Arguments.of(args)));
    }

    /** Sends a request and waits for its result; see {@link #request(String, Object...)}. */
    public JsonNode request(String method, Arguments args) {
        return await(requestAsync(method, args));
    }

    /** Sends a request with positional arguments; the future fails with {@link RpcError} or {@link ConnectionLostException}. */
    public CompletableFuture<JsonNode> requestAsync(String method, Object... args) {
        return requestAsync(method, Arguments.of(args));
    }

    /** Sends a request; the future fails with {@link RpcError} or {@link ConnectionLostException}. */
    public CompletableFuture<JsonNode> requestAsync(String method, Arguments args) {
        if (isClosed()) {
            return CompletableFuture.failedFuture(lost());
        }
        Outgoing out = connection.sendRequest(new Request(method, args));
        sendMessage(out.message());
        failPendingIfClosed();
        return out.response();
    }

    /** Sends a notification with positional arguments. */
    public void sendNotification(String method, Object... args) {
        sendNotification(method, Arguments.of(args));
    }

    /** Sends a notification. */
    public void sendNotification(String method, Arguments args) {
        if (isClosed()) {
            throw lost();
        }
        sendMessage(connection.sendNotification(new Notification(method, args)));
    }

    /**
     * Sends a batch and waits for its responses: one per request of the batch, in the batch's order,
     * each a {@link io.jrpcx.jsonrpc.Response} or an {@link RpcError}. A batch of notifications only
     * returns an empty list at once.
     */
    public List<Item> sendBatch(Batch batch) {
        return await(sendBatchAsync(batch));
    }

    /** Sends a batch; see {@link #sendBatch(Batch)}. */
    public CompletableFuture<List<Item>> sendBatchAsync(Batch batch) {
        if (isClosed()) {
            return CompletableFuture.failedFuture(lost());
        }
        OutgoingBatch out = connection.sendBatch(batch);
        sendMessage(out.message());
        failPendingIfClosed();
        return out.responses();
    }

    /** The number of sent requests and batches still awaiting a response. */
    public int pendingRequests() {
        return connection.pendingRequestCount();
    }

    private void failPendingIfClosed() {
        if (isClosed()) {
            connection.cancelPendingRequests(lost());
        }
    }

    private ConnectionLostException lost() {
        return new ConnectionLostException("connection lost: " + this);
    }

    private <T> T await(CompletableFuture<T> future) {
        try {
            // an answered request needs no timer
            return future.isDone() ? future.get()
                    : Timeouts.timeoutAfter(options().sentRequestTimeout(), future::get);
        } catch (TaskTimeoutException e) {
            future.cancel(false);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new CompletionException(cause);
        } catch (InterruptedException e) {
            future.cancel(false);
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for a response");
        } catch (Exception e) {
            throw new IllegalStateException("unexpected failure waiting for a response", e);
        }
    }

    // ---- receiving ----

    @Override
    void messageReceived(byte[] message) {
        Received received = connection.receiveMessage(message);
        for (byte[] reply : received.replies()) {
            sendMessage(reply);
        }
        for (ProtocolError error : received.errors()) {
            countError();
            LOG.debug("{}: protocol error {}: {}", this, error.code(), error.message());
        }
        inFlight.addAndGet(received.incoming().size());
        for (Incoming incoming : received.incoming()) {
            if (handler.isInline(incoming.item())) {
                handle(incoming, false);
            } else {
                tasks.spawn(() -> handleTracked(incoming));
            }
        }
    }

    private void handleTracked(Incoming incoming) {
        if (!isClosed()) {
            handle(incoming, true);
        } else {
            handled();
        }
    }

    /** One incoming item is done with; the last one after the peer's end of input closes the session. */
    private void handled() {
        if (inFlight.decrementAndGet() == 0 && inputClosed) {
            startClose();
        }
    }

    @Override
    void inputClosed() {
        inputClosed = true;
        if (inFlight.get() == 0) {
            startClose();
        }
    }

    private void handle(Incoming incoming, boolean timed) {
        try {
            respond(incoming, timed);
        } finally {
            handled();
        }
    }

    private void respond(Incoming incoming, boolean timed) {
        countHandled();
        @Nullable Object outcome;
        boolean disconnect = false;
        try {
            outcome = timed
                    ? Timeouts.timeoutAfter(options().processingTimeout(), () -> handler.handle(this, incoming.item()))
                    : handler.handle(this, incoming.item());
        } catch (TaskTimeoutException e) {
            LOG.info("{}: {} timed out after {}", this, incoming.item(), options().processingTimeout());
            outcome = new RpcError(JsonRpc.SERVER_BUSY, "server busy - request timed out");
        } catch (ReplyAndDisconnect e) {
            outcome = e.outcome();
            disconnect = true;
        } catch (RpcError e) {
            outcome = e;
        } catch (Exception e) {
            if (isClosed()) {
                return;
            }
            LOG.warn("{}: handler failed for {}", this, incoming.item(), e);
            outcome = new RpcError(JsonRpc.INTERNAL_ERROR, "internal server error");
        }
        byte[] reply = incoming.complete(outcome);
        if (reply != null && !isClosed()) {
            sendMessage(reply);
        }
        if (disconnect) {
            startClose();
        }
    }

    @Override
    void connectionLost(@Nullable Throwable cause) {
        connection.cancelPendingRequests(lost());
        VirtualThreads.start("session-" + id() + "/close", () -> {
            try {
                tasks.cancelRemaining();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
