package io.jrpcx.transport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Immutable settings of JSON-RPC over HTTP ({@code http://}, {@code https://}). Each message is the body
 * of one {@code POST}; the answer is the body of its response ({@code application/json}), or
 * {@code 204 No Content} when the message held only notifications. One keep-alive connection is one
 * session, with the size, batch, cost and connection limits of any session; a server handles one
 * request of a connection at a time, in order (so HTTP pipelining works). A body over the framing's
 * maximum message size gets {@code 413}, another method {@code 405}, missing or wrong credentials
 * {@code 401}.
 *
 * <p><b>HTTP has no server-to-client messages:</b> a server session over HTTP only answers. Its
 * requests, notifications and batches to the client are refused with a
 * {@link io.jrpcx.session.CallRefusedException} that names HTTP. HTTP carries JSON-RPC sessions only
 * ({@code RpcServer}, {@code RpcClient}), not message sessions.
 *
 * <ul>
 *   <li>{@link Builder#path}: the path a server accepts requests on, with any query or deeper path
 *       ({@code /rpc} accepts {@code /rpc}, {@code /rpc?x=1}, {@code /rpc/a}); others get 404. The
 *       default, {@code /}, accepts every path. A path in the listening URL takes precedence; a client
 *       posts to its URL's path.</li>
 *   <li>{@link Builder#basicAuth} and {@link Builder#bearerToken}: the credentials of the
 *       {@code Authorization} header (Basic as bitcoind's RPC uses, Bearer as geth's engine API uses). A
 *       client sends the first one given; a server accepts any one given and answers others
 *       {@code 401} with {@code WWW-Authenticate}. None (the default): a client sends none, a server
 *       asks for none.</li>
 *   <li>{@link Builder#header}: more headers a client sends with every request.</li>
 *   <li>{@link Builder#keepAliveTimeout}: how long a server keeps a connection that has no request in
 *       hand (30 s by default, as bitcoind's {@code -rpcservertimeout}); a client's session goes on over a
 *       new connection.</li>
 *   <li>{@link Builder#allowedOrigins}: the origins whose browser pages may call a server (CORS:
 *       preflight {@code OPTIONS} answered, {@code Access-Control-Allow-Origin} sent); a request from
 *       another origin gets {@code 403}. Empty (the default) or {@code "*"} allows every origin, as
 *       {@link WebSocketOptions#allowedOrigins()} does, with {@code Access-Control-Allow-Origin: *}: a page
 *       can then call the server only with what it sends itself (never the browser's cookies or cached
 *       credentials). A server reachable from browsers that holds anything private should name its
 *       origins (and require credentials).</li>
 * </ul>
 *
 * <pre>{@code
 * HttpOptions http = HttpOptions.builder()
 *         .path("/rpc")
 *         .basicAuth("alice", "secret")
 *         .allowedOrigins(Set.of("https://app.example.com"))
 *         .build();
 * TransportOptions options = TransportOptions.builder().http(http).build();
 * }</pre>
 */
public final class HttpOptions {
    private static final HttpOptions DEFAULTS = builder().build();

    private final String path;
    private final List<String> authorizations;
    private final Map<String, String> headers;
    private final Set<String> allowedOrigins;
    private final java.time.Duration keepAliveTimeout;

    private HttpOptions(Builder b) {
        this.path = b.path;
        this.authorizations = List.copyOf(b.authorizations);
        this.headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
        this.allowedOrigins = b.allowedOrigins;
        this.keepAliveTimeout = b.keepAliveTimeout;
    }

    /**
     * {@return the defaults: path {@code /}, no credentials, no extra headers, any origin, connections
     * kept 30 s without a request}
     */
    public static HttpOptions defaults() {
        return DEFAULTS;
    }

    /** {@return a builder with the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding these options} */
    public Builder toBuilder() {
        Builder b = new Builder().path(path).allowedOrigins(allowedOrigins).keepAliveTimeout(keepAliveTimeout);
        b.authorizations.addAll(authorizations);
        b.headers.putAll(headers);
        return b;
    }

    /** {@return the path a server accepts requests on} */
    public String path() {
        return path;
    }

    /**
     * {@return the {@code Authorization} header values ({@code Basic dXNlcjpwYXNz}, {@code Bearer TOKEN}):
     * a client sends the first, a server accepts any; empty for none}
     */
    public List<String> authorizations() {
        return authorizations;
    }

    /** {@return the extra headers a client sends, by name} */
    public Map<String, String> headers() {
        return headers;
    }

    /** {@return the origins a server answers CORS for (lower case); empty or {@code *} for any} */
    public Set<String> allowedOrigins() {
        return allowedOrigins;
    }

    /** {@return how long a server keeps a connection with no request in hand; zero for ever} */
    public java.time.Duration keepAliveTimeout() {
        return keepAliveTimeout;
    }

    @Override
    public String toString() {
        // never the credentials
        return "HttpOptions[path=" + path + ", authorizations=" + authorizations.size() + ", headers="
                + headers.keySet() + ", allowedOrigins=" + allowedOrigins + ", keepAliveTimeout="
                + keepAliveTimeout + "]";
    }

    /** Builds {@link HttpOptions}. */
    public static final class Builder {
        private String path = "/";
        private final List<String> authorizations = new ArrayList<>();
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Set<String> allowedOrigins = Set.of();
        private java.time.Duration keepAliveTimeout = java.time.Duration.ofSeconds(30);

        private Builder() {
        }

        /**
         * The path a server accepts requests on; {@code /} by default.
         *
         * @param path the path, starting with {@code /}
         * @return this builder
         * @throws IllegalArgumentException unless it starts with {@code /}
         */
        public Builder path(String path) {
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("an HTTP path starts with '/': " + path);
            }
            this.path = path;
            return this;
        }

        /**
         * Adds Basic credentials ({@code Authorization: Basic base64(user:password)}), as bitcoind's RPC
         * uses.
         *
         * @param user the user name, without {@code :}
         * @param password the password
         * @return this builder
         * @throws IllegalArgumentException if {@code user} holds a {@code :} or either holds a line break
         */
        public Builder basicAuth(String user, String password) {
            if (user.indexOf(':') >= 0) {
                throw new IllegalArgumentException("a Basic user name cannot hold ':'");
            }
            String pair = noLineBreak(user + ":" + password, "credentials");
            authorizations.add("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
            return this;
        }

        /**
         * Adds a Bearer token ({@code Authorization: Bearer TOKEN}), as geth's engine API uses (there a
         * JWT).
         *
         * @param token the token, printable ASCII without spaces
         * @return this builder
         * @throws IllegalArgumentException if it is empty or holds white space
         */
        public Builder bearerToken(String token) {
            if (token.isEmpty() || token.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
                throw new IllegalArgumentException("a Bearer token is printable ASCII without spaces");
            }
            authorizations.add("Bearer " + token);
            return this;
        }

        /**
         * A header a client sends with every request, such as {@code X-Api-Key}; a later value for the
         * same name replaces the earlier. An {@code Authorization} header given here takes precedence over
         * {@link #basicAuth} and {@link #bearerToken} on a client.
         *
         * @param name the header name, an HTTP token
         * @param value the header value, without line breaks
         * @return this builder
         * @throws IllegalArgumentException if the name is not a token or either holds a line break
         */
        public Builder header(String name, String value) {
            if (name.isEmpty() || !name.chars().allMatch(c -> c > ' ' && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0)) {
                throw new IllegalArgumentException("invalid HTTP header name: '" + name + "'");
            }
            headers.put(name, noLineBreak(value, "a header value"));
            return this;
        }

        /**
         * The origins whose browser pages may call a server, such as {@code https://app.example.com}.
         *
         * @param origins the origins; empty or {@code *} for any (the default)
         * @return this builder
         */
        public Builder allowedOrigins(Set<String> origins) {
            this.allowedOrigins = origins.stream().map(o -> o.toLowerCase(Locale.ROOT))
                    .collect(java.util.stream.Collectors.toUnmodifiableSet());
            return this;
        }

        /**
         * How long a server keeps a connection on which no request is in hand: from the last response
         * written (or the connection's start) until the headers of the next request have arrived. Past
         * it the server closes the connection, as bitcoind does after its {@code -rpcservertimeout}; a
         * request being read or handled is never cut off by it. 30 s by default; zero keeps
         * connections for ever (the session's own idle timeout still applies).
         *
         * @param timeout the time, zero or positive
         * @return this builder
         * @throws IllegalArgumentException if it is negative
         */
        public Builder keepAliveTimeout(java.time.Duration timeout) {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("a keep-alive timeout cannot be negative: " + timeout);
            }
            this.keepAliveTimeout = timeout;
            return this;
        }

        private static String noLineBreak(String text, String what) {
            if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\0') >= 0) {
                throw new IllegalArgumentException(what + " cannot hold a line break");
            }
            return text;
        }

        /** {@return the options} */
        public HttpOptions build() {
            return new HttpOptions(this);
        }
    }
}
