package io.jrpcx.internal.jsonrpc;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import io.jrpcx.internal.json.Json;
import io.jrpcx.jsonrpc.Handler;
import io.jrpcx.jsonrpc.NamedOnly;
import io.jrpcx.jsonrpc.Params;
import io.jrpcx.jsonrpc.RpcMethod;
import io.jrpcx.jsonrpc.RpcNotification;
import io.jrpcx.jsonrpc.RpcParam;
import io.jrpcx.jsonrpc.Signature;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodHandles.Lookup;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Builds handlers from {@link RpcMethod}-annotated Java methods.
 *
 * <pre>{@code
 * ReflectedMethods.bind(service, Session.class, (name, signature, handler, inline) -> ...);
 * }</pre>
 */
public final class ReflectedMethods {
    private ReflectedMethods() {
    }

    /** Receives each bound method. */
    @FunctionalInterface
    public interface Sink {
        void accept(String name, Signature signature, Handler<?> handler, boolean inline);
    }

    /** What to pass for one Java parameter. */
    private sealed interface Slot {
        record Context() implements Slot {
        }

        /** A parameter taken by position or by name: {@code index} among the positional ones. */
        record Named(String name, JavaType type, boolean optional, int index) implements Slot {
        }

        /** A parameter taken by name only. */
        record NamedOnly(String name, JavaType type, boolean optional) implements Slot {
        }

        record Rest(Class<?> component, JavaType type) implements Slot {
        }
    }

    public static void bind(Object target, @Nullable Class<?> contextType, Sink sink) {
        bind(target, contextType, null, sink);
    }

    /** Binds the {@link RpcMethod}-annotated methods of {@code target}, reached through {@code lookup} if given. */
    public static void bind(Object target, @Nullable Class<?> contextType, @Nullable Lookup lookup, Sink sink) {
        Method[] methods = target.getClass().getMethods();
        Arrays.sort(methods, Comparator.comparing(Method::getName));
        for (Method m : methods) {
            RpcMethod annotation = m.getAnnotation(RpcMethod.class);
            if (annotation == null) {
                continue;
            }
            String name = annotation.value().isEmpty() ? m.getName() : annotation.value();
            bindOne(target, null, m, name, annotation.inline(), contextType, lookup, sink);
        }
    }

    /**
     * Binds the RPC methods of interface {@code service} (see {@link #serviceMethods}), called on
     * {@code target}, or on what {@code perContext} gives for each call's context.
     */
    public static void bindService(Class<?> service, @Nullable Object target,
                                   @Nullable Function<Object, ?> perContext, @Nullable Class<?> contextType,
                                   @Nullable Lookup lookup, Sink sink) {
        if (!service.isInterface()) {
            throw new IllegalArgumentException(service.getName() + " is not an interface");
        }
        for (Method m : serviceMethods(service)) {
            RpcMethod annotation = m.getAnnotation(RpcMethod.class);
            bindOne(target, perContext, m, rpcName(m), annotation != null && annotation.inline(), contextType, lookup,
                    sink);
        }
    }

    /**
     * The RPC methods of a service interface, by name: its abstract methods, and its default methods
     * annotated {@link RpcMethod} or {@link RpcNotification}.
     */
    public static List<Method> serviceMethods(Class<?> service) {
        List<Method> out = new ArrayList<>();
        for (Method m : service.getMethods()) {
            if (Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            if (Modifier.isAbstract(m.getModifiers()) || isAnnotated(m)) {
                out.add(m);
            }
        }
        out.sort(Comparator.comparing(Method::getName));
        return out;
    }

    /** Whether {@code m} carries {@link RpcMethod} or {@link RpcNotification}. */
    public static boolean isAnnotated(Method m) {
        return m.isAnnotationPresent(RpcMethod.class) || m.isAnnotationPresent(RpcNotification.class);
    }

    /** The RPC name of a method: from its annotation, else its Java name. */
    public static String rpcName(Method m) {
        RpcMethod method = m.getAnnotation(RpcMethod.class);
        if (method != null && !method.value().isEmpty()) {
            return method.value();
        }
        RpcNotification notification = m.getAnnotation(RpcNotification.class);
        if (notification != null && !notification.value().isEmpty()) {
            return notification.value();
        }
        return m.getName();
    }

    /** The RPC name of a parameter ({@link RpcParam}, else its Java name), or null when unknown. */
    public static @Nullable String parameterName(Parameter p) {
        RpcParam name = p.getAnnotation(RpcParam.class);
        if (name != null) {
            return name.value();
        }
        return p.isNamePresent() ? p.getName() : null;
    }

    private static void bindOne(@Nullable Object target, @Nullable Function<Object, ?> perContext, Method m, String name,
                                boolean inline, @Nullable Class<?> contextType, @Nullable Lookup lookup, Sink sink) {
        Parameter[] parameters = m.getParameters();
        List<Slot> slots = new ArrayList<>(parameters.length);
        List<String> required = new ArrayList<>();
        List<String> optional = new ArrayList<>();
        List<String> namedOnly = new ArrayList<>();
        List<String> optionalNamedOnly = new ArrayList<>();
        boolean varargs = false;
        for (int i = 0; i < parameters.length; i++) {
            Parameter p = parameters[i];
            Class<?> raw = p.getType();
            if (i == 0 && contextType != null && raw != Object.class && raw != JsonNode.class
                    && raw.isAssignableFrom(contextType)) {
                slots.add(new Slot.Context());
                continue;
            }
            if (i == parameters.length - 1 && m.isVarArgs()) {
                Class<?> component = raw.getComponentType();
                slots.add(new Slot.Rest(component, Json.mapper().constructType(component)));
                varargs = true;
                continue;
            }
            String pname = parameterName(p);
            if (pname == null) {
                throw new IllegalArgumentException("parameter names of " + m + " are not available: name them with"
                        + " @RpcParam, or compile with -parameters");
            }
            boolean isOptional = raw == Optional.class;
            JavaType type = Json.mapper().constructType(isOptional
                    ? (p.getParameterizedType() instanceof ParameterizedType pt ? pt.getActualTypeArguments()[0] : Object.class)
                    : p.getParameterizedType());
            if (p.isAnnotationPresent(NamedOnly.class)) {
                slots.add(new Slot.NamedOnly(pname, type, isOptional));
                (isOptional ? optionalNamedOnly : namedOnly).add(pname);
            } else if (isOptional) {
                slots.add(new Slot.Named(pname, type, true, required.size() + optional.size()));
                optional.add(pname);
            } else {
                if (!optional.isEmpty()) {
                    throw new IllegalArgumentException("in " + m + ", required parameter " + pname
                            + " follows an Optional one");
                }
                slots.add(new Slot.Named(pname, type, false, required.size()));
                required.add(pname);
            }
        }
        Signature sig = Signature.of(required.toArray(String[]::new)).withOptional(optional.toArray(String[]::new))
                .withNamedOnly(namedOnly.toArray(String[]::new))
                .withOptionalNamedOnly(optionalNamedOnly.toArray(String[]::new));
        if (varargs) {
            sig = sig.withVarargs();
        }
        boolean perCall = perContext != null && !Modifier.isStatic(m.getModifiers());
        MethodHandle handle = handle(m, perCall ? null : target, lookup);
        int n = parameters.length;
        int shift = perCall ? 1 : 0;
        MethodHandle spread = handle.asFixedArity().asType(MethodType.genericMethodType(n + shift))
                .asSpreader(Object[].class, n + shift);
        boolean isVoid = m.getReturnType() == void.class;
        int declared = required.size() + optional.size();
        Handler<Object> handler = (context, params) -> {
            Object[] all = new Object[n + shift];
            if (perCall) {
                all[0] = Objects.requireNonNull(perContext.apply(context), "the service for this call");
            }
            Object[] args = perCall ? new Object[n] : all;
            for (int i = 0; i < n; i++) {
                switch (slots.get(i)) {
                    case Slot.Context c -> args[i] = context;
                    case Slot.NamedOnly named -> {
                        if (named.optional()) {
                            args[i] = params.has(named.name())
                                    ? Optional.ofNullable(params.get(named.name(), named.type())) : Optional.empty();
                        } else {
                            args[i] = named.type().getRawClass() == JsonNode.class
                                    ? params.get(named.name()) : params.get(named.name(), named.type());
                        }
                    }
                    case Slot.Named named -> {
                        int index = named.index();
                        if (named.optional()) {
                            args[i] = params.has(named.name())
                                    ? Optional.ofNullable(params.get(index, named.type())) : Optional.empty();
                        } else {
                            args[i] = named.type().getRawClass() == JsonNode.class
                                    ? params.get(index) : params.get(index, named.type());
                        }
                    }
                    case Slot.Rest rest -> {
                        List<JsonNode> extra = params.rest();
                        Object array = Array.newInstance(rest.component(), extra.size());
                        for (int k = 0; k < extra.size(); k++) {
                            Array.set(array, k, rest.component() == JsonNode.class
                                    ? extra.get(k) : params.get(declared + k, rest.type()));
                        }
                        args[i] = array;
                    }
                }
            }
            if (perCall) {
                System.arraycopy(args, 0, all, 1, n);
            }
            Object result;
            try {
                result = spread.invokeExact(all);
            } catch (Exception | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
            return isVoid ? null : result instanceof CompletionStage<?> stage ? await(stage) : result;
        };
        sink.accept(name, sig, handler, inline);
    }

    /** The outcome of an implementation's future, on the handler's own thread. */
    private static @Nullable Object await(CompletionStage<?> stage) throws Exception {
        try {
            return stage.toCompletableFuture().get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    private static MethodHandle handle(Method m, @Nullable Object target, @Nullable Lookup lookup) {
        MethodHandle h;
        if (lookup != null) {
            try {
                h = lookup.unreflect(m);
            } catch (IllegalAccessException e) {
                throw new IllegalArgumentException("cannot access " + m + " through " + lookup, e);
            }
        } else {
            try {
                h = MethodHandles.publicLookup().unreflect(m);
            } catch (IllegalAccessException e) {
                try {
                    m.setAccessible(true);
                    h = MethodHandles.lookup().unreflect(m);
                } catch (RuntimeException | IllegalAccessException e2) {
                    throw new IllegalArgumentException("cannot access " + m + ": pass a MethodHandles.Lookup of"
                            + " your own (MethodHandles.lookup()), or export its package to io.jrpcx", e2);
                }
            }
        }
        return Modifier.isStatic(m.getModifiers()) || target == null ? h : h.bindTo(target);
    }
}
