package io.jrpcx.session;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jrpcx.internal.json.Json;
import io.jrpcx.internal.jsonrpc.ReflectedMethods;
import io.jrpcx.jsonrpc.Arguments;
import io.jrpcx.jsonrpc.JsonConversion;
import io.jrpcx.jsonrpc.RpcMethod;
import io.jrpcx.jsonrpc.RpcNotification;
import io.jrpcx.jsonrpc.RpcService;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/** The proxy behind {@link RpcSession#proxy(Class)}: each method of a service interface becomes a call. */
final class ServiceProxy implements InvocationHandler {

    /** How one interface method is sent. */
    private record Call(String name, boolean notification, boolean async, boolean isVoid, boolean named,
                        String[] names, boolean varargs, @Nullable JavaType result) {
    }

    private final RpcSession session;
    private final Class<?> service;
    private final Map<Method, Call> calls = new ConcurrentHashMap<>();

    private ServiceProxy(RpcSession session, Class<?> service) {
        this.session = session;
        this.service = service;
    }

    static <T> T create(RpcSession session, Class<T> service) {
        if (!service.isInterface()) {
            throw new IllegalArgumentException(service.getName() + " is not an interface");
        }
        ServiceProxy handler = new ServiceProxy(session, service);
        for (Method m : ReflectedMethods.serviceMethods(service)) {
            handler.calls.put(m, describe(session.mapper(), service, m));
        }
        return service.cast(Proxy.newProxyInstance(service.getClassLoader(), new Class<?>[] {service}, handler));
    }

    private static Call describe(ObjectMapper mapper, Class<?> service, Method m) {
        RpcNotification notification = m.getAnnotation(RpcNotification.class);
        RpcMethod method = m.getAnnotation(RpcMethod.class);
        RpcService whole = service.getAnnotation(RpcService.class);
        boolean named = whole != null && whole.named() || method != null && method.named()
                || notification != null && notification.named();
        Class<?> returns = m.getReturnType();
        boolean isVoid = returns == void.class;
        if (notification != null && !isVoid) {
            throw new IllegalArgumentException("notification method " + m + " must return void");
        }
        Parameter[] parameters = m.getParameters();
        String[] names = new String[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            names[i] = ReflectedMethods.parameterName(parameters[i]);
            if (named && names[i] == null) {
                throw new IllegalArgumentException("parameter " + i + " of " + m + " has no name for a call by name:"
                        + " name it with @RpcParam, or compile with -parameters");
            }
        }
        boolean async = returns == CompletableFuture.class || returns == CompletionStage.class;
        JavaType result = null;
        if (async) {
            JavaType t = mapper.constructType(m.getGenericReturnType());
            result = t.containedTypeCount() == 1 ? t.containedType(0) : mapper.constructType(Object.class);
        } else if (!isVoid) {
            Type generic = m.getGenericReturnType();
            result = mapper.constructType(generic);
        }
        return new Call(ReflectedMethods.rpcName(m), notification != null, async, isVoid, named, names,
                m.isVarArgs() && !named, result);
    }

    @Override
    public @Nullable Object invoke(Object proxy, Method m, @Nullable Object[] args) throws Throwable {
        Call call = calls.get(m);
        if (call == null) {
            if (m.getDeclaringClass() == Object.class) {
                return switch (m.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "proxy of " + service.getSimpleName() + " on " + session;
                };
            }
            return InvocationHandler.invokeDefault(proxy, m, args);
        }
        Arguments arguments = arguments(call, args == null ? new Object[0] : args);
        if (call.notification()) {
            session.sendNotification(call.name(), arguments);
            return null;
        }
        if (call.async()) {
            return session.requestAsync(call.name(), call.result(), arguments, session.options().sentRequestTimeout());
        }
        if (call.isVoid()) {
            session.request(call.name(), arguments);
            return null;
        }
        return session.request(call.name(), call.result(), arguments, session.options().sentRequestTimeout());
    }

    private Arguments arguments(Call call, @Nullable Object[] args) {
        ObjectMapper mapper = session.mapper();
        if (call.named()) {
            ObjectNode object = Json.factory().objectNode();
            for (int i = 0; i < args.length; i++) {
                Object value = args[i];
                if (value instanceof Optional<?> o) {
                    if (o.isEmpty()) {
                        continue;
                    }
                    value = o.get();
                }
                object.set(call.names()[i], JsonConversion.toNode(mapper, value));
            }
            return new Arguments(object);
        }
        int n = args.length;
        while (n > 0 && args[n - 1] instanceof Optional<?> o && o.isEmpty()) {
            n--;   // trailing empty optionals are left out
        }
        ArrayNode array = Json.factory().arrayNode(n);
        for (int i = 0; i < n; i++) {
            Object value = args[i];
            if (call.varargs() && i == args.length - 1 && value != null) {
                int length = java.lang.reflect.Array.getLength(value);
                for (int k = 0; k < length; k++) {
                    array.add(JsonConversion.toNode(mapper, java.lang.reflect.Array.get(value, k)));
                }
                continue;
            }
            if (value instanceof Optional<?> o) {
                value = o.orElse(null);
            }
            array.add(JsonConversion.toNode(mapper, value));
        }
        return new Arguments(array);
    }
}
