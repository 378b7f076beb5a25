package io.jrpcx.session;

import io.jrpcx.net.AddressGrouping;
import io.jrpcx.net.Service;
import io.jrpcx.transport.TransportOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What every server builder sets beyond {@link SessionBuilder}: the addresses to listen on, what runs as
 * sessions open and close, and the limits on connections and their cost per address group.
 *
 * <pre>{@code
 * MessageServer guarded = MessageServer.builder()
 *         .listen("tcp://127.0.0.1:0")
 *         .maxConnections(1000)
 *         .maxConnectionsPerAddress(8)
 *         .addressGrouping(AddressGrouping.builder().ipv4Prefix(24).build())
 *         .onClose(s -> System.err.println("closed " + s))
 *         .start();
 * guarded.close();
 * }</pre>
 *
 * @param <S> the kind of session the server runs
 * @param <B> the concrete builder
 */
public abstract sealed class ServerBuilder<S extends Session, B extends ServerBuilder<S, B>> extends SessionBuilder<B>
        permits RpcServer.Builder, MessageServer.Builder {
    private final List<Service> services = new ArrayList<>();
    private Consumer<? super S> onOpen = s -> { };
    private Consumer<? super S> onClose = s -> { };
    private boolean costPools = true;

    ServerBuilder() {
    }

    /**
     * Refuses a service this kind of server cannot listen on; by default, none.
     *
     * @throws IllegalArgumentException when {@code service} cannot carry this kind of session
     */
    void checkListenable(Service service) {
    }

    final Consumer<? super S> openAction() {
        return onOpen;
    }

    final Consumer<? super S> closeAction() {
        return onClose;
    }

    /** Binds every service with {@code transport}, the cost pools if on, and a session from {@code newSession} for each connection. */
    final SessionServer<S> startCore(TransportOptions transport, Supplier<S> newSession) {
        SessionOptions options = sessionOptions();
        return SessionServer.start(List.copyOf(services), transport, options.closeTimeout(),
                costPools ? new CostPools(transport.addressGrouping(), options.costDecayPerSecond()) : null,
                newSession, onOpen, onClose);
    }

    /**
     * Adds a URL to listen on, such as {@code tcp://127.0.0.1:8000} (port 0 picks a free port).
     *
     * @param url the URL to listen on
     * @return this builder
     * @throws io.jrpcx.net.AddressException when it is not a valid URL
     * @throws IllegalArgumentException when this kind of server cannot listen on it (see
     *     {@link #listen(Service)})
     */
    public B listen(String url) {
        return listen(Service.parseListening(url));
    }

    /**
     * Adds a service to listen on.
     *
     * @param service the service to listen on
     * @return this builder
     * @throws IllegalArgumentException for {@code http://} or {@code https://} on a {@link MessageServer}:
     *     HTTP answers each POST with one reply, which JSON-RPC sessions know how to give and message
     *     sessions do not
     */
    public B listen(Service service) {
        checkListenable(Objects.requireNonNull(service, "service"));
        services.add(service);
        return self();
    }

    /**
     * Runs on the I/O thread when a session opens; must not block.
     *
     * @param onOpen the action, given the new session
     * @return this builder
     */
    public B onOpen(Consumer<? super S> onOpen) {
        this.onOpen = Objects.requireNonNull(onOpen, "onOpen");
        return self();
    }

    /**
     * Runs on the I/O thread when a session closes; must not block.
     *
     * @param onClose the action, given the closed session
     * @return this builder
     */
    public B onClose(Consumer<? super S> onClose) {
        this.onClose = Objects.requireNonNull(onClose, "onClose");
        return self();
    }

    /**
     * The most connections held at once on each address listened on (default 10,000); the one over it
     * is closed as it is accepted, before any byte is read or written.
     *
     * @param connections the limit, at least 1
     * @return this builder
     */
    public B maxConnections(int connections) {
        transport().maxConnections(connections);
        return self();
    }

    /**
     * The most connections held at once from one address group (default 200, see
     * {@link #addressGrouping}); local addresses are exempt unless the grouping includes them.
     *
     * @param connections the limit, at least 1
     * @return this builder
     */
    public B maxConnectionsPerAddress(int connections) {
        transport().maxConnectionsPerAddress(connections);
        return self();
    }

    /**
     * How peers are grouped for the per-address limit and the cost pools (default: IPv4 /24, IPv6 /48,
     *     local alone).
     *
     * @param grouping the grouping
     * @return this builder
     */
    public B addressGrouping(AddressGrouping grouping) {
        transport().addressGrouping(grouping);
        return self();
    }

    /**
     * Whether sessions from one address group share one cost (default true): many connections do not
     * buy many budgets. Sessions of local peers count alone unless the grouping includes them.
     *
     * @param pooled {@code true} to share one cost per address group
     * @return this builder
     */
    public B costPools(boolean pooled) {
        this.costPools = pooled;
        return self();
    }
}
