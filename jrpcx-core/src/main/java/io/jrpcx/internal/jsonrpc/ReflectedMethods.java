package io.jrpcx.internal.jsonrpc;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import io.jrpcx.internal.json.Json;
import io.jrpcx.jsonrpc.Handler;
import io.jrpcx.jsonrpc.NamedOnly;
import io.jrpcx.jsonrpc.Params;
import io.jrpcx.jsonrpc.RpcMethod;
import io.jrpcx.jsonrpc.Signature;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
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
import java.util.Optional;
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
        Method[] methods = target.getClass().getMethods();
        Arrays.sort(methods, Comparator.comparing(Method::getName));
        for (Method m : methods) {
            RpcMethod annotation = m.getAnnotation(RpcMethod.class);
            if (annotation == null) {
                continue;
            }
            String name = annotation.value().isEmpty() ? m.getName() : annotation.value();
            bindOne(target, m, name, annotation.inline(), contextType, sink);
        }
    }

    private static void bindOne(Object target, Method m, String name, boolean inline, @Nullable Class<?> contextType,
                                Sink sink) {
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
            if (!p.isNamePresent()) {
                throw new IllegalArgumentException("parameter names of " + m + " are not available: compile with -parameters");
            }
            boolean isOptional = raw == Optional.class;
            JavaType type = Json.mapper().constructType(isOptional
                    ? (p.getParameterizedType() instanceof ParameterizedType pt ? pt.getActualTypeArguments()[0] : Object.class)
                    : p.getParameterizedType());
            if (p.isAnnotationPresent(NamedOnly.class)) {
                slots.add(new Slot.NamedOnly(p.getName(), type, isOptional));
                (isOptional ? optionalNamedOnly : namedOnly).add(p.getName());
            } else if (isOptional) {
                slots.add(new Slot.Named(p.getName(), type, true, required.size() + optional.size()));
                optional.add(p.getName());
            } else {
                if (!optional.isEmpty()) {
                    throw new IllegalArgumentException("in " + m + ", required parameter " + p.getName()
                            + " follows an Optional one");
                }
                slots.add(new Slot.Named(p.getName(), type, false, required.size()));
                required.add(p.getName());
            }
        }
        Signature sig = Signature.of(required.toArray(String[]::new)).withOptional(optional.toArray(String[]::new))
                .withNamedOnly(namedOnly.toArray(String[]::new))
                .withOptionalNamedOnly(optionalNamedOnly.toArray(String[]::new));
        if (varargs) {
            sig = sig.withVarargs();
        }
        MethodHandle handle = handle(m, target);
        int n = parameters.length;
        MethodHandle spread = handle.asFixedArity().asType(MethodType.genericMethodType(n)).asSpreader(Object[].class, n);
        boolean isVoid = m.getReturnType() == void.class;
        int declared = required.size() + optional.size();
        Handler<Object> handler = (context, params) -> {
            Object[] args = new Object[n];
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
            Object result;
            try {
                result = spread.invokeExact(args);
            } catch (Exception | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
            return isVoid ? null : result;
        };
        sink.accept(name, sig, handler, inline);
    }

    private static MethodHandle handle(Method m, Object target) {
        MethodHandle h;
        try {
            h = MethodHandles.publicLookup().unreflect(m);
        } catch (IllegalAccessException e) {
            try {
                m.setAccessible(true);
                h = MethodHandles.lookup().unreflect(m);
            } catch (RuntimeException | IllegalAccessException e2) {
                throw new IllegalArgumentException("cannot access " + m, e2);
            }
        }
        return Modifier.isStatic(m.getModifiers()) ? h : h.bindTo(target);
    }
}
