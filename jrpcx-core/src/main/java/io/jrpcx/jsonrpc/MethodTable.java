package io.jrpcx.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jrpcx.internal.json.Json;
import io.jrpcx.internal.jsonrpc.ReflectedMethods;
import java.lang.invoke.MethodHandles;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An immutable table of RPC methods by name, each a {@link Signature} and a {@link Handler}, built from
 * lambdas or from {@link RpcMethod}-annotated Java methods. {@link #invoke(Object, Item)} binds a call's
 * arguments and runs the handler, with the reference implementation's error codes and messages:
 * -32601 {@code unknown method "m"}; -32602 for arguments that do not fit (every message names the
 * method); an {@link RpcError} thrown by the handler as is; any other exception -32603
 * {@code internal server error}, logged.
 *
 * <pre>{@code
 * MethodTable<Session> methods = MethodTable.builder(Session.class)
 *         .method("echo", Signature.of("message"), (session, p) -> p.get("message"))
 *         .method("sum", Signature.varargs(), (session, p) -> sum(p.positional()))
 *         .methods(new MoreMethods())
 *         .build();
 * JsonNode result = methods.invoke(session, request);
 * }</pre>
 *
 * @param <C> the context passed to handlers, e.g. the session a request came in on
 */
public final class MethodTable<C> {
    private static final Logger LOG = LoggerFactory.getLogger(MethodTable.class);

    /**
     * One registered method. {@code inline} marks a handler known never to block, which a session may
     * run on its I/O thread without handing it to a thread of its own.
     *
     * <pre>{@code
     * table.entry("echo").map(Entry::signature);
     * }</pre>
     *
     * @param <C> the context type
     * @param name the RPC name
     * @param signature the parameters it takes
     * @param handler the code that runs a call
     * @param inline whether the handler never blocks
     */
    public record Entry<C>(String name, Signature signature, Handler<C> handler, boolean inline) {
        /** Checks that no component is null. */
        public Entry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(signature, "signature");
            Objects.requireNonNull(handler, "handler");
        }
    }

    private final @Nullable Class<C> contextType;
    private final Map<String, Entry<C>> entries;

    private MethodTable(@Nullable Class<C> contextType, Map<String, Entry<C>> entries) {
        this.contextType = contextType;
        this.entries = Map.copyOf(entries);
    }

    /**
     * {@return a builder for a table whose reflected methods take no context parameter}
     *
     * @param <C> the context type the handlers receive
     */
    public static <C> Builder<C> builder() {
        return new Builder<>(null);
    }

    /**
     * A builder for a table whose reflected methods may take a first parameter of {@code contextType}.
     *
     * @param <C> the context type the handlers receive
     * @param contextType the context's class, for example {@code RpcSession.class}
     * @return an empty builder
     */
    public static <C> Builder<C> builder(Class<C> contextType) {
        return new Builder<>(Objects.requireNonNull(contextType, "contextType"));
    }

    /** {@return a builder holding this table's methods} */
    public Builder<C> toBuilder() {
        Builder<C> b = new Builder<>(contextType);
        b.entries.putAll(entries);
        return b;
    }

    /** {@return the method names} */
    public Set<String> names() {
        return entries.keySet();
    }

    /**
     * {@return whether the method of this name exists and is marked inline (never blocks)}
     *
     * @param name the RPC name
     */
    public boolean isInline(String name) {
        Entry<C> entry = entries.get(name);
        return entry != null && entry.inline();
    }

    /**
     * {@return whether a method of this name exists}
     *
     * @param name the RPC name
     */
    public boolean contains(String name) {
        return entries.containsKey(name);
    }

    /**
     * {@return the method of this name, if any}
     *
     * @param name the RPC name
     */
    public Optional<Entry<C>> entry(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    /**
     * Runs a {@link Request} or {@link Notification}.
     *
     * @return the result as JSON
     * @param context the caller's context, passed to the handler
     * @param requestOrNotification the call
     * @throws RpcError the error to answer with
     * @throws CancellationException if the calling thread was interrupted while the handler ran
     */
    public JsonNode invoke(C context, Item requestOrNotification) {
        return invoke(context, requestOrNotification, Json.mapper());
    }

    /**
     * Runs a {@link Request} or {@link Notification}, converting parameters and the result with
     * {@code mapper} (sessions pass their own).
     *
     * @return the result as JSON
     * @param context the caller's context, passed to the handler
     * @param requestOrNotification the call
     * @param mapper the Jackson mapper for parameters and the result
     * @throws RpcError the error to answer with
     * @throws CancellationException if the calling thread was interrupted while the handler ran
     */
    public JsonNode invoke(C context, Item requestOrNotification, ObjectMapper mapper) {
        return switch (requestOrNotification) {
            case Request r -> invoke(context, r.method(), r.args(), mapper);
            case Notification n -> invoke(context, n.method(), n.args(), mapper);
            default -> throw new IllegalArgumentException("not a request or notification: " + requestOrNotification);
        };
    }

    /**
     * Runs method {@code method} with {@code args}.
     *
     * @return the result as JSON
     * @param context the caller's context, passed to the handler
     * @param method the RPC name
     * @param args the arguments
     * @throws RpcError the error to answer with
     * @throws CancellationException if the calling thread was interrupted while the handler ran
     */
    public JsonNode invoke(C context, String method, Arguments args) {
        return invoke(context, method, args, Json.mapper());
    }

    /**
     * Runs method {@code method} with {@code args}, converting with {@code mapper}; see {@link #invoke(Object,
     *     String, Arguments)}.
     *
     * @param context the caller's context, passed to the handler
     * @param method the RPC name
     * @param args the arguments
     * @param mapper the Jackson mapper for parameters and the result
     * @return the result as JSON
     */
    public JsonNode invoke(C context, String method, Arguments args, ObjectMapper mapper) {
        Entry<C> entry = entries.get(method);
        if (entry == null) {
            throw new RpcError(JsonRpc.METHOD_NOT_FOUND, "unknown method \"" + method + "\"");
        }
        Params params = entry.signature().bind(method, args).withMapper(mapper);
        Object result;
        try {
            result = entry.handler().handle(context, params);
        } catch (RpcError | ReplyAndDisconnect e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            CancellationException c = new CancellationException("interrupted while handling " + method);
            c.initCause(e);
            throw c;
        } catch (CancellationException e) {
            throw e;
        } catch (Exception e) {
            LOG.error("exception handling {}{}", method, args, e);
            throw internalError();
        }
        try {
            return JsonConversion.toNode(mapper, result);
        } catch (IllegalArgumentException e) {
            LOG.error("result of {} cannot be converted to JSON", method, e);
            throw internalError();
        }
    }

    private static RpcError internalError() {
        return new RpcError(JsonRpc.INTERNAL_ERROR, "internal server error");
    }

    @Override
    public String toString() {
        return "MethodTable" + entries.keySet();
    }

    /**
     * Builds a {@link MethodTable}.
     *
     * <pre>{@code
     * MethodTable<Void> t = MethodTable.<Void>builder()
     *         .method("ping", Signature.of(), (ctx, p) -> "pong")
     *         .build();
     * }</pre>
     *
     * @param <C> the context type the handlers receive
     */
    public static final class Builder<C> {
        private final @Nullable Class<C> contextType;
        private final Map<String, Entry<C>> entries = new LinkedHashMap<>();

        private Builder(@Nullable Class<C> contextType) {
            this.contextType = contextType;
        }

        /**
         * Registers a method.
         *
         * @param name the RPC name
         * @param signature the parameters it takes
         * @param handler the code that runs a call
         * @return this builder
         * @throws IllegalArgumentException if the name is taken
         */
        public Builder<C> method(String name, Signature signature, Handler<C> handler) {
            return add(new Entry<>(name, signature, handler, false));
        }

        /**
         * Registers a method whose handler never blocks (no I/O, no sleeping, no waiting on locks or on
         * the peer): a session runs it on its I/O thread, saving a thread handoff per call.
         *
         * @param name the RPC name
         * @param signature the parameters it takes
         * @param handler the code that runs a call; it must not block
         * @return this builder
         * @throws IllegalArgumentException if the name is taken
         */
        public Builder<C> inlineMethod(String name, Signature signature, Handler<C> handler) {
            return add(new Entry<>(name, signature, handler, true));
        }

        private Builder<C> add(Entry<C> entry) {
            String name = entry.name();
            if (entries.putIfAbsent(name, entry) != null) {
                throw new IllegalArgumentException("method already registered: " + name);
            }
            return this;
        }

        /**
         * Registers a method that ignores its context.
         *
         * @param name the RPC name
         * @param signature the parameters it takes
         * @param handler the code that runs a call, given the bound arguments
         * @return this builder
         */
        public Builder<C> method(String name, Signature signature, java.util.function.Function<Params, ?> handler) {
            Objects.requireNonNull(handler, "handler");
            return method(name, signature, (ctx, p) -> handler.apply(p));
        }

        /**
         * Registers every public {@link RpcMethod}-annotated method of {@code target} (static ones too),
         * named by the annotation or else the Java name.
         *
         * @param target the object whose annotated methods are registered
         * @return this builder
         * @throws IllegalArgumentException if a method cannot be bound (parameter names not compiled in,
         *     an optional parameter before a required one) or a name is taken
         */
        public Builder<C> methods(Object target) {
            ReflectedMethods.bind(target, contextType, (name, sig, handler, inline) -> {
                @SuppressWarnings("unchecked")
                Handler<C> h = (Handler<C>) handler;
                add(new Entry<>(name, sig, h, inline));
            });
            return this;
        }

        /**
         * Registers the {@link RpcMethod}-annotated methods of {@code target} as {@link #methods(Object)}
         * does, reaching them through {@code lookup}: pass {@code MethodHandles.lookup()} from your own code
         * and neither an {@code exports ... to io.jrpcx} nor an {@code opens} is needed under JPMS.
         *
         * @param target the object whose annotated methods are registered
         * @param lookup a lookup with access to {@code target}'s class
         * @return this builder
         */
        public Builder<C> methods(Object target, MethodHandles.Lookup lookup) {
            Objects.requireNonNull(lookup, "lookup");
            ReflectedMethods.bind(target, contextType, lookup, this::addReflected);
            return this;
        }

        /**
         * Registers the methods of service interface {@code service} (see {@link RpcService}), run on
         * {@code implementation}. Parameter names come from {@link RpcParam} or, compiled with
         * {@code -parameters}, the Java names.
         *
         * <pre>{@code
         * MethodTable<RpcSession> table = MethodTable.builder(RpcSession.class)
         *         .service(Wallet.class, new MyWallet())
         *         .build();
         * }</pre>
         *
         * @param <S> the service interface
         * @param service the interface's class
         * @param implementation the object that runs the calls
         * @return this builder
         * @throws IllegalArgumentException if {@code service} is not an interface, a parameter has no
         *     name, or a name is taken
         */
        public <S> Builder<C> service(Class<S> service, S implementation) {
            Objects.requireNonNull(implementation, "implementation");
            ReflectedMethods.bindService(service, implementation, null, contextType, null, this::addReflected);
            return this;
        }

        /**
         * Registers the methods of {@code service} as {@link #service(Class, Object)} does, reaching them
         * through {@code lookup} (for an interface whose package is not exported to {@code io.jrpcx}).
         *
         * @param <S> the service interface
         * @param service the interface's class
         * @param implementation the object that runs the calls
         * @param lookup a lookup with access to {@code service}
         * @return this builder
         */
        public <S> Builder<C> service(Class<S> service, S implementation, MethodHandles.Lookup lookup) {
            Objects.requireNonNull(implementation, "implementation");
            Objects.requireNonNull(lookup, "lookup");
            ReflectedMethods.bindService(service, implementation, null, contextType, lookup, this::addReflected);
            return this;
        }

        /**
         * Registers the methods of {@code service}, each call run on the implementation that
         * {@code perContext} gives for the call's context (for example one per session, which can then
         * call its peer back); it is called for every call, so return a kept instance if it holds state.
         *
         * <pre>{@code
         * MethodTable.builder(RpcSession.class)
         *         .serviceBy(Chat.class, session -> new ChatImpl(session.proxy(ChatClient.class)))
         *         .build();
         * }</pre>
         *
         * @param <S> the service interface
         * @param service the interface's class
         * @param perContext gives the object that runs a call, for the call's context
         * @return this builder
         */
        public <S> Builder<C> serviceBy(Class<S> service, Function<? super C, ? extends S> perContext) {
            Objects.requireNonNull(perContext, "perContext");
            @SuppressWarnings("unchecked")
            Function<Object, ?> f = (Function<Object, ?>) (Function<?, ?>) perContext;
            ReflectedMethods.bindService(service, null, f, contextType, null, this::addReflected);
            return this;
        }

        private void addReflected(String name, Signature sig, Handler<?> handler, boolean inline) {
            @SuppressWarnings("unchecked")
            Handler<C> h = (Handler<C>) handler;
            add(new Entry<>(name, sig, h, inline));
        }

        /**
         * Removes a method, if registered.
         *
         * @param name the RPC name
         * @return this builder
         */
        public Builder<C> remove(String name) {
            entries.remove(name);
            return this;
        }

        /** {@return the table of the methods registered so far} */
        public MethodTable<C> build() {
            return new MethodTable<>(contextType, entries);
        }
    }
}
