package io.jrpcx.internal.transport;

import io.jrpcx.transport.TlsOptions;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Set;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509TrustManager;

/**
 * Makes Netty {@link SslContext}s from {@link TlsOptions}: TLS 1.2 and 1.3 only, the JDK's provider;
 * clients verify chain and host name unless pinned or told not to.
 *
 * <pre>{@code
 * SslContext client = TlsContexts.client(TlsOptions.defaults());
 * SslContext server = TlsContexts.server(TlsOptions.builder().certificate(chain, key).build());
 * }</pre>
 */
final class TlsContexts {
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private TlsContexts() {
    }

    /** Whether a client built from {@code options} checks the host name in the server's certificate. */
    static boolean verifiesHostName(TlsOptions options) {
        return !options.trustsAnyCertificate() && options.pinnedCertificates().isEmpty();
    }

    static SslContext client(TlsOptions options) {
        try {
            SslContextBuilder b = SslContextBuilder.forClient().protocols(PROTOCOLS);
            if (options.trustsAnyCertificate()) {
                b.trustManager(InsecureTrustManagerFactory.INSTANCE);
            } else if (!options.pinnedCertificates().isEmpty()) {
                b.trustManager(new PinnedTrustManager(options.pinnedCertificates()));
            } else if (options.trustedCertificates().isPresent()) {
                b.trustManager(options.trustedCertificates().get().toFile());
            }
            b.endpointIdentificationAlgorithm(verifiesHostName(options) ? "HTTPS" : null);
            if (options.certificateChain().isPresent()) {
                b.keyManager(file(options.certificateChain().get()), file(options.privateKey().orElseThrow()));
            }
            return b.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new UncheckedIOException(failure("cannot use the TLS settings", e));
        }
    }

    static SslContext server(TlsOptions options) {
        Path chain = options.certificateChain().orElseThrow(() -> new UncheckedIOException(
                new IOException("a TLS server needs a certificate chain and key")));
        try {
            SslContextBuilder b = SslContextBuilder.forServer(file(chain), file(options.privateKey().orElseThrow()))
                    .protocols(PROTOCOLS);
            if (options.clientAuth() != TlsOptions.ClientAuth.NONE) {
                b.clientAuth(options.clientAuth() == TlsOptions.ClientAuth.REQUIRE ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL);
                if (options.trustedCertificates().isPresent()) {
                    b.trustManager(options.trustedCertificates().get().toFile());
                }
            }
            return b.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new UncheckedIOException(failure("cannot load the TLS certificate " + chain, e));
        }
    }

    private static java.io.File file(Path path) {
        java.io.File f = path.toFile();
        if (!f.canRead()) {
            throw new IllegalArgumentException("cannot read " + path);
        }
        return f;
    }

    private static IOException failure(String what, Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return new IOException(what + ": " + reason, e);
    }

    /** Accepts exactly the server certificates with the pinned SHA-256 fingerprints. */
    static final class PinnedTrustManager implements X509TrustManager {
        private final Set<String> pins;

        PinnedTrustManager(Set<String> pins) {
            this.pins = pins;
        }

        static String fingerprint(X509Certificate certificate) throws CertificateException {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
            } catch (NoSuchAlgorithmException e) {
                throw new CertificateException(e);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (chain.length == 0) {
                throw new CertificateException("no certificate");
            }
            String fingerprint = fingerprint(chain[0]);
            if (!pins.contains(fingerprint)) {
                throw new CertificateException("certificate not pinned (SHA-256 " + fingerprint + ")");
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a pinning trust manager checks servers only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
