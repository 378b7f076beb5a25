package io.jrpcx.internal.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;

/**
 * The TLS handshake as a negotiation step: it follows Netty's {@code SslHandler}, which runs the
 * handshake, and lets the connection open once the handshake has succeeded. A failure becomes one short
 * reason, such as {@code TLS handshake failed: certificate expired}.
 *
 * <pre>{@code
 * pipeline.addLast(sslContext.newHandler(alloc, host, port), new TlsNegotiation(Duration.ofSeconds(10)));
 * }</pre>
 */
final class TlsNegotiation extends Negotiation {
    TlsNegotiation(Duration deadline) {
        super("TLS handshake", deadline);
    }

    @Override
    protected void begin(ChannelHandlerContext ctx) {
        // the SslHandler before this step started the handshake when the channel became active
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent done && !isFinished()) {
            if (done.isSuccess()) {
                succeed(ctx);
            } else {
                fail(ctx, failure(done.cause()));
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (isFinished()) {
            ctx.fireExceptionCaught(cause);
        } else {
            fail(ctx, failure(cause));
        }
    }

    /** The failure, with a message of one short line. */
    static SSLHandshakeException failure(Throwable cause) {
        SSLHandshakeException e = new SSLHandshakeException("TLS handshake failed: " + reason(cause));
        e.initCause(cause);
        return e;
    }

    static String reason(Throwable cause) {
        String last = null;
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CertificateExpiredException) {
                return "certificate expired";
            }
            if (t instanceof CertificateNotYetValidException) {
                return "certificate not yet valid";
            }
            String m = t.getMessage();
            if (m != null) {
                if (m.startsWith("No subject alternative") || m.startsWith("No name matching")) {
                    return "certificate does not match the host name (" + m + ")";
                }
                if (m.contains("unable to find valid certification path")) {
                    return "certificate not trusted (unknown issuer)";
                }
                if (m.startsWith("Received fatal alert: ")) {
                    return "refused by the peer: " + m.substring("Received fatal alert: ".length()).replace('_', ' ');
                }
                if (m.startsWith("certificate not pinned")) {
                    return m;
                }
                if (t instanceof CertPathValidatorException cpve && cpve.getReason() != null
                        && cpve.getReason().toString().equals("EXPIRED")) {
                    return "certificate expired";
                }
                if (m.contains("not an SSL/TLS record")) {
                    return "the peer does not speak TLS";
                }
                last = m;
            }
        }
        return last == null ? cause.getClass().getSimpleName() : last.replaceAll("^[\\w.]+Exception: ", "");
    }
}
