package io.jrpcx.transport;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Immutable TLS settings of a client or server ({@code tls://}, {@code ssl://}, {@code wss://}). Only
 * TLS 1.2 and 1.3 are spoken.
 *
 * <p>A client verifies the server's certificate chain against the system's trusted CAs (or the PEM file
 * given to {@link Builder#trustedCertificates}) and the host name of the URL (or
 * {@link Builder#serverName}), which is also sent as SNI. A {@linkplain Builder#pinnedCertificate pinned
 * certificate} replaces both checks: the server's own certificate must have one of the pinned SHA-256
 * fingerprints. {@link Builder#unsafeTrustAnyCertificate} turns every check off, for tests only.
 *
 * <p>A server needs its {@linkplain Builder#certificate certificate chain and key} (PEM; the key in
 * PKCS#8, as {@code openssl req -nodes} writes it) and re-reads both when its server is asked to reload
 * them. With {@link Builder#clientAuth} it asks for client certificates and checks them against
 * {@link Builder#trustedCertificates}; a client presents its own with {@link Builder#certificate}.
 *
 * <pre>{@code
 * TlsOptions client = TlsOptions.builder().trustedCertificates(Path.of("ca.pem")).build();
 * TlsOptions server = TlsOptions.builder().certificate(Path.of("cert.pem"), Path.of("key.pem")).build();
 * TlsOptions pinned = TlsOptions.builder().pinnedCertificate("9f:86:d0:81:...").build();
 * }</pre>
 */
public final class TlsOptions {
    private static final TlsOptions DEFAULTS = builder().build();

    /** Whether a server asks for client certificates. */
    public enum ClientAuth {
        /** No client certificate is asked for (the default). */
        NONE,
        /** A client certificate is asked for and checked if sent. */
        OPTIONAL,
        /** A client without a trusted certificate is refused. */
        REQUIRE
    }

    private final @Nullable Path certificateChain;
    private final @Nullable Path privateKey;
    private final @Nullable Path trustedCertificates;
    private final Set<String> pins;
    private final boolean trustAny;
    private final ClientAuth clientAuth;
    private final @Nullable String serverName;

    private TlsOptions(Builder b) {
        this.certificateChain = b.certificateChain;
        this.privateKey = b.privateKey;
        this.trustedCertificates = b.trustedCertificates;
        this.pins = Set.copyOf(b.pins);
        this.trustAny = b.trustAny;
        this.clientAuth = b.clientAuth;
        this.serverName = b.serverName;
    }

    /**
     * Verify against the system's CAs and the host name; no certificate of one's own.
     *
     * @return the default options
     */
    public static TlsOptions defaults() {
        return DEFAULTS;
    }

    /** {@return a builder with the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding these options} */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.certificateChain = certificateChain;
        b.privateKey = privateKey;
        b.trustedCertificates = trustedCertificates;
        b.pins.addAll(pins);
        b.trustAny = trustAny;
        b.clientAuth = clientAuth;
        b.serverName = serverName;
        return b;
    }

    /** {@return the PEM certificate chain presented to the peer, if any} */
    public Optional<Path> certificateChain() {
        return Optional.ofNullable(certificateChain);
    }

    /** {@return the PEM (PKCS#8) private key of {@link #certificateChain()}} */
    public Optional<Path> privateKey() {
        return Optional.ofNullable(privateKey);
    }

    /** {@return a PEM file of CA certificates trusted instead of the system's; empty for the system's} */
    public Optional<Path> trustedCertificates() {
        return Optional.ofNullable(trustedCertificates);
    }

    /**
     * SHA-256 fingerprints of the certificates accepted from a server, in lower-case hex without colons.
     *
     * @return the fingerprints; empty when none is pinned
     */
    public Set<String> pinnedCertificates() {
        return pins;
    }

    /** {@return true if a client accepts any certificate for any name: unsafe, for tests only} */
    public boolean trustsAnyCertificate() {
        return trustAny;
    }

    /** {@return whether a server asks for client certificates} */
    public ClientAuth clientAuth() {
        return clientAuth;
    }

    /** {@return the name a client sends as SNI and verifies, instead of the URL's host} */
    public Optional<String> serverName() {
        return Optional.ofNullable(serverName);
    }

    /** Builds {@link TlsOptions}. */
    public static final class Builder {
        private @Nullable Path certificateChain;
        private @Nullable Path privateKey;
        private @Nullable Path trustedCertificates;
        private final Set<String> pins = new LinkedHashSet<>();
        private boolean trustAny;
        private ClientAuth clientAuth = ClientAuth.NONE;
        private @Nullable String serverName;

        private Builder() {
        }

        /**
         * The certificate chain and private key (PEM files) a server presents, or a client for mutual TLS.
         *
         * @param chain the PEM file of the certificate chain, leaf first
         * @param key the PEM file of the private key
         * @return this builder
         */
        public Builder certificate(Path chain, Path key) {
            this.certificateChain = Objects.requireNonNull(chain, "chain");
            this.privateKey = Objects.requireNonNull(key, "key");
            return this;
        }

        /**
         * Trusts the CA certificates in this PEM file instead of the system's (servers: for client
         *     certificates).
         *
         * @param pemFile the PEM file of the CA certificates
         * @return this builder
         */
        public Builder trustedCertificates(Path pemFile) {
            this.trustedCertificates = Objects.requireNonNull(pemFile, "pemFile");
            return this;
        }

        /**
         * Accepts a server whose certificate has this SHA-256 fingerprint (hex, colons and case ignored),
         * whoever signed it and whatever names it holds. May be called more than once.
         *
         * @param sha256 the certificate's SHA-256 fingerprint
         * @return this builder
         * @throws IllegalArgumentException if it is not 64 hex digits
         */
        public Builder pinnedCertificate(String sha256) {
            String hex = sha256.replace(":", "").toLowerCase(Locale.ROOT);
            if (!hex.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("a SHA-256 fingerprint is 64 hex digits: " + sha256);
            }
            pins.add(hex);
            return this;
        }

        /**
         * Unsafe: a client accepts any certificate for any name, so anyone on the path can read and change
         *     everything.
         *
         * @param trustAny {@code true} to accept any certificate (for tests only)
         * @return this builder
         */
        public Builder unsafeTrustAnyCertificate(boolean trustAny) {
            this.trustAny = trustAny;
            return this;
        }

        /**
         * Whether a server asks for client certificates (default {@link ClientAuth#NONE}).
         *
         * @param clientAuth whether client certificates are not asked for, optional or required
         * @return this builder
         */
        public Builder clientAuth(ClientAuth clientAuth) {
            this.clientAuth = Objects.requireNonNull(clientAuth, "clientAuth");
            return this;
        }

        /**
         * The host name a client sends as SNI and expects in the certificate, instead of the URL's host.
         *
         * @param serverName the expected host name
         * @return this builder
         */
        public Builder serverName(String serverName) {
            this.serverName = Objects.requireNonNull(serverName, "serverName");
            return this;
        }

        /** {@return the options set on this builder} */
        public TlsOptions build() {
            return new TlsOptions(this);
        }
    }
}
