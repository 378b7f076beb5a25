package io.jrpcx.session;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jrpcx.jsonrpc.Arguments;
import io.jrpcx.jsonrpc.JsonConversion;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/** Conversions of a session's calls: varargs to arguments (refusing the ambiguous ones), results to types. */
final class TypedCalls {
    private TypedCalls() {
    }

    /**
     * The varargs of a call as positional arguments converted with {@code mapper}. A sole argument that
     * is a map, a collection or an array is refused: it is not clear whether it is one argument or all of
     * them, named or positional. A {@code JsonNode} is a JSON value: one argument, whatever it holds.
     */
    static Arguments positional(ObjectMapper mapper, String method, @Nullable Object[] args) {
        if (args == null) {
            args = new Object[] {null};   // request("m", (Object[]) null): one null argument
        }
        if (args.length == 1 && ambiguous(args[0])) {
            throw new IllegalArgumentException("call '" + method + "' with one " + kind(args[0])
                    + " argument is ambiguous: pass Arguments.named(map) for named arguments, "
                    + "Arguments.positional(list) for a list of arguments, or Arguments.of(value) for one "
                    + "positional argument");
        }
        return mapper == JsonConversion.defaultMapper() ? Arguments.of(args)
                : Arguments.positional(Arrays.asList(args), mapper);
    }

    private static boolean ambiguous(@Nullable Object value) {
        return value instanceof Map<?, ?> || value instanceof Collection<?>
                || value != null && value.getClass().isArray();
    }

    private static String kind(Object value) {
        if (value instanceof Map<?, ?>) {
            return "map";
        }
        return value.getClass().isArray() ? "array" : "list";
    }

    /** {@code result} as {@code type}; a misfit is a {@link ResultTypeException}. */
    static <T> T convert(ObjectMapper mapper, String method, JsonNode result, JavaType type) {
        try {
            return JsonConversion.fromNode(mapper, result, type);
        } catch (IllegalArgumentException e) {
            throw new ResultTypeException(method, type.toCanonical(), result, e.getMessage(), e);
        }
    }

    /**
     * A future of the converted result: fails with {@link ResultTypeException} on a misfit; cancelling it
     * cancels (and so forgets) the request.
     */
    static <T> CompletableFuture<T> convert(ObjectMapper mapper, String method, CompletableFuture<JsonNode> future,
                                            JavaType type) {
        CompletableFuture<T> typed = new CompletableFuture<>();
        future.whenComplete((node, failure) -> {
            if (failure != null) {
                typed.completeExceptionally(failure);
                return;
            }
            try {
                typed.complete(convert(mapper, method, node, type));
            } catch (ResultTypeException e) {
                typed.completeExceptionally(e);
            }
        });
        typed.whenComplete((v, e) -> {
            if (typed.isCancelled()) {
                future.cancel(false);
            }
        });
        return typed;
    }
}
