package io.jrpcx.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.jrpcx.internal.json.Json;
import io.jrpcx.jsonrpc.Arguments;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@code jrpcx call} sends: a method and its arguments, from the command line words, from
 * {@code --named JSON}, or from {@code -d DATA} ({@code @file}, {@code @-} for stdin, or the JSON itself).
 * The data is an array (positional arguments), an object (named arguments), or a whole request (an object
 * with a {@code "method"} member, whose {@code "params"} are the arguments; its {@code id} is not used).
 * A word that starts like JSON ({@code {}, {@code [} or {@code "}) must parse; other words that are not
 * JSON are strings. Every problem is a {@link Usage} naming what is wrong.
 *
 * <pre>{@code
 * CallInput in = CallInput.of("echo", List.of("1", "hi"), null, null, System.in);   // echo [1, "hi"]
 * }</pre>
 */
record CallInput(String method, Arguments arguments) {

    /** A problem with what the user gave: a usage error. */
    static final class Usage extends RuntimeException {
        Usage(String message) {
            super(message, null, false, false);
        }
    }

    static CallInput of(@Nullable String method, List<String> words, @Nullable String named, @Nullable String data,
                        InputStream stdin) {
        int sources = (words.isEmpty() ? 0 : 1) + (named == null ? 0 : 1) + (data == null ? 0 : 1);
        if (sources > 1) {
            throw new Usage("give positional ARGs, --named or -d, only one of them");
        }
        if (data != null) {
            return fromData(method, read(data, stdin));
        }
        if (method == null) {
            throw new Usage("missing METHOD (or a whole request with -d)");
        }
        if (named != null) {
            JsonNode object = parse("--named", named);
            if (!object.isObject()) {
                throw new Usage("--named must be a JSON object, e.g. '{\"message\": \"hi\"}'");
            }
            return new CallInput(method, new Arguments(object));
        }
        Object[] values = new Object[words.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = word(i + 1, words.get(i));
        }
        return new CallInput(method, Arguments.of(values));
    }

    /** A command-line word as a JSON value: JSON if it parses, a string if it does not look like JSON. */
    static JsonNode word(int position, String text) {
        String trimmed = text.strip();
        boolean looksLikeJson = !trimmed.isEmpty() && "{[\"".indexOf(trimmed.charAt(0)) >= 0;
        if (looksLikeJson) {
            return parse("ARG " + position, text);
        }
        JsonNode value = tryParse(text);
        return value != null ? value : Json.factory().textNode(text);
    }

    private static CallInput fromData(@Nullable String method, JsonNode data) {
        if (data.isObject() && data.has("method")) {
            JsonNode m = data.get("method");
            if (!m.isTextual()) {
                throw new Usage("-d: the request's \"method\" must be a string");
            }
            if (method != null && !method.equals(m.textValue())) {
                throw new Usage("-d holds a request for '" + m.textValue() + "', but METHOD is '" + method + "'");
            }
            JsonNode params = data.get("params");
            if (params == null || params.isNull()) {
                return new CallInput(m.textValue(), Arguments.none());
            }
            if (!params.isContainerNode()) {
                throw new Usage("-d: the request's \"params\" must be an array or an object");
            }
            return new CallInput(m.textValue(), new Arguments(params));
        }
        if (method == null) {
            throw new Usage("missing METHOD: -d holds arguments, not a whole request (an object with \"method\")");
        }
        if (!data.isContainerNode()) {
            throw new Usage("-d must hold a JSON array (positional arguments), an object (named arguments) or a"
                    + " whole request");
        }
        return new CallInput(method, new Arguments(data));
    }

    private static JsonNode read(String data, InputStream stdin) {
        if (!data.startsWith("@")) {
            return parse("-d", data);
        }
        String source = data.substring(1);
        String text;
        try {
            text = source.equals("-") ? new String(stdin.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(source), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new Usage("-d: no such file: " + source);
        } catch (IOException | RuntimeException e) {
            throw new Usage("-d: cannot read " + (source.equals("-") ? "stdin" : source) + ": " + e.getMessage());
        }
        return parse("-d " + data, text);
    }

    private static JsonNode parse(String what, String text) {
        try {
            JsonNode node = Json.mapper().readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new Usage(what + ": no JSON value");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new Usage(what + " is not valid JSON: " + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        }
    }

    private static @Nullable JsonNode tryParse(String text) {
        try {
            JsonNode node = Json.mapper().readTree(text);
            return node == null || node.isMissingNode() ? null : node;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
