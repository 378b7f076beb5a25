package io.jrpcx.internal.transport;

import io.jrpcx.transport.ReadPause;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpExpectationFailedEvent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Lets one HTTP request of a connection at a time through to the handlers after it, so a server
 * answers pipelined requests one by one, in order: the next request passes once the previous one's
 * final response has been written. Requests read meanwhile wait here, and reading pauses
 * ({@link ReadPause#AWAITING_ANSWER}) while any waits, so what waits is at most one read's worth. A request
 * whose body does not arrive within the deadline gets {@code 408} and the connection closes; a request
 * the decoder could not read (headers too large: {@code 431}) is answered and the connection closes.
 * Every response it sees gets the CORS header of its request, if it lacks one (Netty's {@code 413}).
 * A connection with no request in hand (from its start or its last response until the next request's
 * headers are read) is closed after the keep-alive timeout, so that idle connections, and the headers of
 * a peer that sends them a byte at a time, do not hold the server's connections.
 *
 * <pre>{@code
 * pipeline.addLast(new HttpServerCodec(), new HttpGate(deadline, http), new HttpObjectAggregator(limit), exchanges);
 * }</pre>
 */
final class HttpGate extends ChannelDuplexHandler {
    private final ArrayDeque<HttpObject> waiting = new ArrayDeque<>();
    private final Duration bodyDeadline;
    /** A passed request whose last content has not passed yet. */
    private boolean bodyOpen;
    /** Requests passed and not yet answered with a final response. */
    private int owed;
    private boolean paused;
    private @Nullable ScheduledFuture<?> bodyTimer;
    /** When the connection last came to have nothing in hand ({@link System#nanoTime()}); -1 while it has. */
    private long idleSince = -1;
    private @Nullable ScheduledFuture<?> idleCheck;
    private @Nullable MessageBridge bridge;
    private final io.jrpcx.transport.HttpOptions http;
    /** The {@code Access-Control-Allow-Origin} of the request passed last, for responses made before it is read whole (413). */
    private @Nullable String allowOrigin;

    HttpGate(Duration bodyDeadline, io.jrpcx.transport.HttpOptions http) {
        this.bodyDeadline = bodyDeadline;
        this.http = http;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            armIdle(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        armIdle(ctx);
        ctx.fireChannelActive();
    }

    /**
     * The connection has nothing in hand from now: the keep-alive time counts from here. One timer at
     * a time, never re-armed per request: when it fires it closes the connection, or waits out what is
     * left of the time, or (with a request in hand) lets the next idle moment start it again.
     */
    private void armIdle(ChannelHandlerContext ctx) {
        long keepAlive = http.keepAliveTimeout().toNanos();
        if (keepAlive == 0) {
            return;
        }
        idleSince = System.nanoTime();
        if (idleCheck == null) {
            scheduleIdleCheck(ctx, keepAlive);
        }
    }

    private void scheduleIdleCheck(ChannelHandlerContext ctx, long delayNanos) {
        idleCheck = ctx.executor().schedule(() -> {
            idleCheck = null;
            if (idleSince < 0 || !ctx.channel().isActive()) {
                return;
            }
            long left = http.keepAliveTimeout().toNanos() - (System.nanoTime() - idleSince);
            if (left > 0) {
                scheduleIdleCheck(ctx, left);
            } else {
                ctx.close();
            }
        }, delayNanos, TimeUnit.NANOSECONDS);
    }

    /** A request is in hand: the connection is not idle until it has been answered. */
    private void disarmIdle() {
        idleSince = -1;
    }

    /** The connection is gone: its check must not hold it until it would have fired. */
    private void stopIdleCheck() {
        ScheduledFuture<?> t = idleCheck;
        if (t != null) {
            t.cancel(false);
            idleCheck = null;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HttpObject o)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (waiting.isEmpty() && mayPass(o)) {
            pass(ctx, o);
        } else if (o instanceof HttpRequest || !waiting.isEmpty()) {
            waiting.add(o);
        } else {
            ReferenceCountUtil.release(o);   // content of no request (what follows a refused one)
        }
        updateReading(ctx);
    }

    private boolean mayPass(HttpObject o) {
        return o instanceof HttpRequest ? owed == 0 && !bodyOpen : bodyOpen;
    }

    private void pass(ChannelHandlerContext ctx, HttpObject o) {
        if (o instanceof HttpRequest request) {
            if (request.decoderResult().isFailure()) {
                ReferenceCountUtil.release(o);
                releaseWaiting();
                HttpResponses.refuseUndecodable(ctx, request.decoderResult());
                return;
            }
            owed++;
            bodyOpen = true;
            disarmIdle();
            allowOrigin = HttpServerExchanges.allowedOrigin(http, request.headers().get(io.netty.handler.codec.http.HttpHeaderNames.ORIGIN));
            startTimer(ctx);
        }
        if (o instanceof LastHttpContent) {
            endBody();
        }
        ctx.fireChannelRead(o);
    }

    private void endBody() {
        bodyOpen = false;
        ScheduledFuture<?> t = bodyTimer;
        if (t != null) {
            t.cancel(false);
            bodyTimer = null;
        }
    }

    private void startTimer(ChannelHandlerContext ctx) {
        bodyTimer = ctx.executor().schedule(() -> {
            bodyTimer = null;
            if (bodyOpen && ctx.channel().isActive()) {
                releaseWaiting();
                HttpResponses.write(ctx, HttpResponses.text(HttpVersion.HTTP_1_1, HttpResponseStatus.REQUEST_TIMEOUT,
                        "the request body did not arrive within " + bodyDeadline.toMillis() + " ms"), true);
            }
        }, bodyDeadline.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof HttpExpectationFailedEvent) {
            endBody();   // 413 for an "Expect: 100-continue" request: its body will not come
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        String cors = allowOrigin;
        if (cors != null && msg instanceof HttpResponse r
                && !r.headers().contains(io.netty.handler.codec.http.HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)) {
            HttpServerExchanges.cors(r.headers(), cors);   // a browser may read the aggregator's 413 too
        }
        boolean last = msg instanceof LastHttpContent
                && !(msg instanceof HttpResponse r && r.status().codeClass() == io.netty.handler.codec.http.HttpStatusClass.INFORMATIONAL);
        ctx.write(msg, promise);
        if (last && owed > 0) {
            owed--;
            ctx.executor().execute(() -> drain(ctx));
        }
    }

    private void drain(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            releaseWaiting();
            return;
        }
        boolean any = false;
        while (!waiting.isEmpty() && mayPass(waiting.peek())) {
            pass(ctx, waiting.poll());
            any = true;
        }
        if (any) {
            ctx.fireChannelReadComplete();
        }
        if (owed == 0 && !bodyOpen && waiting.isEmpty()) {
            armIdle(ctx);
        }
        updateReading(ctx);
    }

    private void updateReading(ChannelHandlerContext ctx) {
        // a client that waits for each answer never gets paused (no read interest toggled per request);
        // one that pipelines is paused once a request has to wait here
        boolean wait = !waiting.isEmpty();
        if (wait == paused) {
            return;
        }
        MessageBridge b = bridge;
        if (b == null) {
            b = ctx.pipeline().get(MessageBridge.class);
            bridge = b;
        }
        if (b != null) {
            paused = wait;
            if (wait) {
                b.pauseReading(ReadPause.AWAITING_ANSWER);
            } else {
                b.resumeReading(ReadPause.AWAITING_ANSWER);
            }
        }
    }

    private void releaseWaiting() {
        HttpObject o;
        while ((o = waiting.poll()) != null) {
            ReferenceCountUtil.release(o);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseWaiting();
        endBody();
        stopIdleCheck();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseWaiting();
        endBody();
        stopIdleCheck();
    }
}
