package io.jrpcx.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Binds arguments to a signature with the reference implementation's checks and messages. */
final class ArgumentBinder {
    private ArgumentBinder() {
    }

    static Params bind(Signature sig, String method, Arguments args) {
        JsonNode node = args.node();
        List<String> names = sig.names();
        int positional = sig.positionalNames().size();
        @Nullable JsonNode[] values = new JsonNode[names.size()];
        if (node.isArray()) {
            int n = node.size();
            int min = sig.required().size();
            if (n < min) {
                throw error(n + " argument" + plural(n) + " passed to method \"" + method + "\" but it requires " + min);
            }
            if (!sig.hasVarargs() && n > positional) {
                throw error(n + " argument" + plural(n) + " passed to method " + method + " taking at most "
                        + positional);
            }
            requireNamedOnly(sig, method, node);
            int declared = Math.min(n, positional);
            for (int i = 0; i < declared; i++) {
                values[i] = node.get(i);
            }
            List<JsonNode> rest = new ArrayList<>(Math.max(0, n - declared));
            for (int i = declared; i < n; i++) {
                rest.add(node.get(i));
            }
            return new Params(method, sig, values, rest, Map.of());
        }
        List<String> missing = new ArrayList<>();
        for (String name : sig.required()) {
            if (!node.has(name)) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw error("method \"" + method + "\" requires parameter" + plural(missing.size()) + " " + quoted(missing));
        }
        Map<String, JsonNode> extra = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            int i = names.indexOf(e.getKey());
            if (i >= 0) {
                values[i] = e.getValue();
            } else if (sig.acceptsAnyNamed()) {
                extra.put(e.getKey(), e.getValue());
            } else {
                unknown.add(e.getKey());
            }
        }
        if (!unknown.isEmpty()) {
            throw error("method \"" + method + "\" does not take parameter" + plural(unknown.size()) + " "
                    + quoted(unknown));
        }
        requireNamedOnly(sig, method, node);
        return new Params(method, sig, values, List.of(), extra);
    }

    /** Required named-only parameters must be passed by name (positional arguments never fill them). */
    private static void requireNamedOnly(Signature sig, String method, JsonNode node) {
        if (sig.namedOnly().isEmpty()) {
            return;
        }
        List<String> missing = new ArrayList<>();
        for (String name : sig.namedOnly()) {
            if (!node.isObject() || !node.has(name)) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw error("method \"" + method + "\" requires named parameter" + plural(missing.size()) + " "
                    + quoted(missing));
        }
    }

    private static String plural(int n) {
        return n == 1 ? "" : "s";
    }

    private static String quoted(List<String> names) {
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(null);
        StringBuilder sb = new StringBuilder();
        for (String name : sorted) {
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            sb.append('"').append(name).append('"');
        }
        return sb.toString();
    }

    private static RpcError error(String message) {
        return new RpcError(JsonRpc.INVALID_PARAMS, message);
    }
}
