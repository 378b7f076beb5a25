package io.jrpcx.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jrpcx.jsonrpc.Arguments;
import io.jrpcx.jsonrpc.JsonRpc;
import io.jrpcx.jsonrpc.RpcError;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Binds a request's arguments to a method's parameters: required names, then optional names, then
 * any number of extra positional values; the messages say exactly what did not fit.
 */
record MethodBinding(String method, List<String> required, List<String> optional, boolean varargs) {

    /**
     * The bound values, in parameter order, then the extra positional values; an optional parameter
     * not given is {@code null}.
     *
     * @throws RpcError with {@link JsonRpc#INVALID_PARAMS} when the arguments do not fit
     */
    List<@Nullable JsonNode> bind(Arguments args) {
        JsonNode node = args.node();
        int max = required.size() + optional.size();
        List<@Nullable JsonNode> bound = new ArrayList<>(Math.max(max, node.size()));
        if (!args.isNamed()) {
            int n = node.size();
            if (n < required.size()) {
                throw invalid(n + " argument" + (n == 1 ? "" : "s") + " passed to method \"" + method
                        + "\" but it requires " + required.size());
            }
            if (!varargs && n > max) {
                throw invalid(n + " argument" + (n == 1 ? "" : "s") + " passed to method " + method
                        + " taking at most " + max);
            }
            node.forEach(bound::add);
            while (bound.size() < max) {
                bound.add(null);
            }
            return bound;
        }
        TreeSet<String> missing = new TreeSet<>();
        for (String name : required) {
            if (!node.has(name)) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw invalid("method \"" + method + "\" requires " + plural("parameter", missing));
        }
        TreeSet<String> unknown = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            String name = it.next().getKey();
            if (!required.contains(name) && !optional.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw invalid("method \"" + method + "\" does not take " + plural("parameter", unknown));
        }
        for (String name : required) {
            bound.add(node.get(name));
        }
        for (String name : optional) {
            bound.add(node.get(name));
        }
        return bound;
    }

    private static String plural(String word, TreeSet<String> names) {
        return word + (names.size() == 1 ? " " : "s ")
                + names.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(", "));
    }

    private static RpcError invalid(String message) {
        return new RpcError(JsonRpc.INVALID_PARAMS, message);
    }
}
