package io.jrpcx.internal.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jrpcx.internal.json.Json;
import io.jrpcx.jsonrpc.Arguments;
import io.jrpcx.jsonrpc.Decoded;
import io.jrpcx.jsonrpc.Notification;
import io.jrpcx.jsonrpc.Request;
import io.jrpcx.jsonrpc.RequestId;
import io.jrpcx.jsonrpc.Response;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The scanner behind {@link FastRequest}: reads the simple request and response forms straight from the
 * bytes, with no parser object, and builds the same nodes Jackson's tree reader builds for them. It
 * steps aside (returns {@code null}) at the first thing outside those forms, valid JSON or not, so the
 * general path decides every other message. The message's UTF-8 has been checked already.
 *
 * <pre>{@code
 * Decoded.Single single = new FastScan(bytes).message();   // null: use the general path
 * }</pre>
 */
final class FastScan {
    private static final JsonNodeFactory NODES = Json.factory();
    /** Longest integer read as a {@code long} without a range check. */
    private static final int SAFE_LONG_DIGITS = 18;

    private final byte[] b;
    private int pos;

    FastScan(byte[] message) {
        this.b = message;
    }

    /** The request, notification or response, or {@code null}. */
    Decoded.@Nullable Single message() {
        skipSpace();
        Decoded.Single single = object();
        skipSpace();
        return single != null && pos == b.length ? single : null;
    }

    /**
     * The members of a batch of requests and notifications, each of the simple form, or {@code null}
     * (an empty batch, a response among them, anything else).
     */
    java.util.@Nullable List<Decoded.Single> batch() {
        skipSpace();
        if (!take('[')) {
            return null;
        }
        java.util.List<Decoded.Single> members = new java.util.ArrayList<>();
        while (true) {
            skipSpace();
            Decoded.Single member = object();
            if (member == null || member.item() instanceof Response) {
                return null;
            }
            members.add(member);
            skipSpace();
            if (take(',')) {
                continue;
            }
            if (take(']')) {
                break;
            }
            return null;
        }
        skipSpace();
        return pos == b.length ? members : null;
    }

    /** The object at the position, read up to its closing brace, or {@code null}. */
    private Decoded.@Nullable Single object() {
        if (!take('{')) {
            return null;
        }
        boolean version = false;
        String method = null;
        ContainerNode<?> params = null;
        JsonNode result = null;
        RequestId id = RequestId.absent();
        skipSpace();
        if (peek() == '}') {
            return null;
        }
        while (true) {
            skipSpace();
            int key = key();
            if (key < 0 || !colon()) {
                return null;
            }
            switch (key) {
                case JSONRPC -> {
                    if (version || !literalString("2.0")) {
                        return null;
                    }
                    version = true;
                }
                case METHOD -> {
                    if (method != null || peek() != '"') {
                        return null;
                    }
                    method = MethodNames.lookup(b, pos);
                    if (method != null) {
                        pos += method.length() + 2;
                    } else {
                        method = string();
                        MethodNames.remember(method);
                    }
                    if (method == null) {
                        return null;
                    }
                }
                case PARAMS -> {
                    if (params != null) {
                        return null;
                    }
                    params = container();
                    if (params == null) {
                        return null;
                    }
                }
                case RESULT -> {
                    if (result != null) {
                        return null;
                    }
                    int c = peek();
                    result = c == '[' || c == '{' ? container() : scalar();
                    if (result == null) {
                        return null;
                    }
                }
                default -> { // ID
                    if (!id.isAbsent()) {
                        return null;
                    }
                    RequestId read = id();
                    if (read == null) {
                        return null;
                    }
                    id = read;
                }
            }
            skipSpace();
            if (take(',')) {
                continue;
            }
            if (take('}')) {
                break;
            }
            return null;
        }
        if (!version) {
            return null;
        }
        if (result != null) {
            return method == null && params == null && !id.isAbsent()
                    ? new Decoded.Single(new Response(result), id) : null;
        }
        if (method == null || params == null) {
            return null;
        }
        Arguments args = new Arguments(params);
        return new Decoded.Single(id.isAbsent() ? new Notification(method, args) : new Request(method, args), id);
    }

    private static final int JSONRPC = 0;
    private static final int METHOD = 1;
    private static final int PARAMS = 2;
    private static final int RESULT = 3;
    private static final int ID = 4;

    /** Which of the five member names comes next (plain ASCII, no escapes), or -1. */
    private int key() {
        if (!take('"')) {
            return -1;
        }
        int start = pos;
        while (pos < b.length && b[pos] != '"') {
            if (b[pos] == '\\' || b[pos] < 0x20) {
                return -1;
            }
            pos++;
        }
        if (pos >= b.length) {
            return -1;
        }
        int len = pos - start;
        pos++;
        if (is(start, len, "jsonrpc")) {
            return JSONRPC;
        } else if (is(start, len, "method")) {
            return METHOD;
        } else if (is(start, len, "params")) {
            return PARAMS;
        } else if (is(start, len, "result")) {
            return RESULT;
        } else if (is(start, len, "id")) {
            return ID;
        }
        return -1;
    }

    private boolean is(int start, int len, String name) {
        if (len != name.length()) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (b[start + i] != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean colon() {
        skipSpace();
        if (!take(':')) {
            return false;
        }
        skipSpace();
        return true;
    }

    /** Exactly the string {@code text}, written without escapes. */
    private boolean literalString(String text) {
        int n = text.length();
        if (pos + n + 2 > b.length || b[pos] != '"' || b[pos + n + 1] != '"') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (b[pos + 1 + i] != text.charAt(i)) {
                return false;
            }
        }
        pos += n + 2;
        return true;
    }

    private @Nullable RequestId id() {
        int c = peek();
        if (c == '"') {
            String s = string();
            return s == null ? null : RequestId.of(s);
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            JsonNode n = number();
            // an integer that fits a long (the same int or long node the general path makes); anything
            // else (a decimal, a bigger integer) is decided there
            return n != null && (n.isInt() || n.isLong()) ? new RequestId.Num(n) : null;
        }
        return null;
    }

    /** An array or object whose members are all scalars, or {@code null}. */
    private @Nullable ContainerNode<?> container() {
        if (take('[')) {
            var array = NODES.arrayNode(2);   // most calls have a few arguments
            skipSpace();
            if (take(']')) {
                return array;
            }
            while (true) {
                skipSpace();
                JsonNode v = scalar();
                if (v == null) {
                    return null;
                }
                array.add(v);
                skipSpace();
                if (take(',')) {
                    continue;
                }
                return take(']') ? array : null;
            }
        }
        if (take('{')) {
            ObjectNode object = NODES.objectNode();
            skipSpace();
            if (take('}')) {
                return object;
            }
            while (true) {
                skipSpace();
                if (peek() != '"') {
                    return null;
                }
                String name = string();
                if (name == null || name.length() > Json.MAX_NAME_LENGTH || !colon()) {
                    return null;
                }
                JsonNode v = scalar();
                if (v == null || object.has(name) || object.size() == FastRequest.MAX_NAMES) {
                    return null;
                }
                object.set(name, v);
                skipSpace();
                if (take(',')) {
                    continue;
                }
                return take('}') ? object : null;
            }
        }
        return null;
    }

    /** The node the general path builds for a scalar, or {@code null} for anything else. */
    private @Nullable JsonNode scalar() {
        int c = peek();
        switch (c) {
            case '"' -> {
                String s = string();
                return s == null ? null : NODES.textNode(s);
            }
            case 't' -> {
                return word("true") ? NODES.booleanNode(true) : null;
            }
            case 'f' -> {
                return word("false") ? NODES.booleanNode(false) : null;
            }
            case 'n' -> {
                return word("null") ? NODES.nullNode() : null;
            }
            default -> {
                return c == '-' || (c >= '0' && c <= '9') ? number() : null;
            }
        }
    }

    private boolean word(String w) {
        int n = w.length();
        if (pos + n > b.length) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (b[pos + i] != w.charAt(i)) {
                return false;
            }
        }
        pos += n;
        return pos == b.length || delimiter(b[pos]);
    }

    private static boolean delimiter(byte c) {
        return c == ',' || c == ']' || c == '}' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /** A JSON number by its strict grammar, as the node Jackson's tree reader makes, or {@code null}. */
    private @Nullable JsonNode number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        int intStart = pos;
        if (peek() == '0') {
            pos++;
        } else if (digit(peek())) {
            while (digit(peek())) {
                pos++;
            }
        } else {
            return null;
        }
        int intDigits = pos - intStart;
        boolean decimal = false;
        if (peek() == '.') {
            decimal = true;
            pos++;
            if (!digit(peek())) {
                return null;
            }
            while (digit(peek())) {
                pos++;
            }
        }
        int c = peek();
        if (c == 'e' || c == 'E') {
            decimal = true;
            pos++;
            c = peek();
            if (c == '+' || c == '-') {
                pos++;
            }
            if (!digit(peek())) {
                return null;
            }
            while (digit(peek())) {
                pos++;
            }
        }
        if (pos < b.length && !delimiter(b[pos])) {
            return null;
        }
        int length = pos - start;
        if (length > Json.MAX_NUMBER_LENGTH) {
            return null;
        }
        if (decimal) {
            BigDecimal d;
            try {
                d = new BigDecimal(new String(b, start, length, StandardCharsets.ISO_8859_1));
            } catch (NumberFormatException e) {
                return null;
            }
            int scale = d.scale();
            return scale > Json.MAX_DECIMAL_SCALE || scale < -Json.MAX_DECIMAL_SCALE ? null : NODES.numberNode(d);
        }
        if (intDigits <= SAFE_LONG_DIGITS) {
            long v = 0;
            for (int i = intStart; i < pos; i++) {
                v = v * 10 + (b[i] - '0');
            }
            if (intStart != start) {
                v = -v;
            }
            return v == (int) v ? NODES.numberNode((int) v) : NODES.numberNode(v);
        }
        BigInteger big = new BigInteger(new String(b, start, length, StandardCharsets.ISO_8859_1));
        return big.bitLength() < 64 ? NODES.numberNode(big.longValue()) : NODES.numberNode(big);
    }

    private static boolean digit(int c) {
        return c >= '0' && c <= '9';
    }

    /** A string's value, escapes decoded, or {@code null} for a raw control character or a bad escape. */
    private @Nullable String string() {
        pos++; // the opening quote
        int start = pos;
        boolean ascii = true;
        while (pos < b.length) {
            byte c = b[pos];
            if (c == '"') {
                String s = ascii ? new String(b, start, pos - start, StandardCharsets.ISO_8859_1)
                        : new String(b, start, pos - start, StandardCharsets.UTF_8);
                pos++;
                return withinLimit(s);
            }
            if (c == '\\') {
                return escapedString(start);
            }
            if (c >= 0 && c < 0x20) {
                return null;
            }
            if (c < 0) {
                ascii = false;
            }
            pos++;
        }
        return null;
    }

    /** The string, or {@code null} past the parser's string limit (the general path then says so). */
    private static @Nullable String withinLimit(String s) {
        return s.length() > Json.MAX_STRING_LENGTH ? null : s;
    }

    private @Nullable String escapedString(int start) {
        StringBuilder s = new StringBuilder(pos - start + 16);
        s.append(new String(b, start, pos - start, StandardCharsets.UTF_8));
        while (pos < b.length) {
            byte c = b[pos];
            if (c == '"') {
                pos++;
                return withinLimit(s.toString());
            }
            if (c >= 0 && c < 0x20) {
                return null;
            }
            if (c != '\\') {
                int runStart = pos;
                while (pos < b.length && b[pos] != '"' && b[pos] != '\\' && (b[pos] < 0 || b[pos] >= 0x20)) {
                    pos++;
                }
                s.append(new String(b, runStart, pos - runStart, StandardCharsets.UTF_8));
                continue;
            }
            if (pos + 1 >= b.length) {
                return null;
            }
            byte e = b[pos + 1];
            pos += 2;
            switch (e) {
                case '"' -> s.append('"');
                case '\\' -> s.append('\\');
                case '/' -> s.append('/');
                case 'b' -> s.append('\b');
                case 'f' -> s.append('\f');
                case 'n' -> s.append('\n');
                case 'r' -> s.append('\r');
                case 't' -> s.append('\t');
                case 'u' -> {
                    if (pos + 4 > b.length) {
                        return null;
                    }
                    int v = 0;
                    for (int i = 0; i < 4; i++) {
                        int h = Character.digit(b[pos + i], 16);
                        if (h < 0) {
                            return null;
                        }
                        v = v * 16 + h;
                    }
                    pos += 4;
                    s.append((char) v);
                }
                default -> {
                    return null;
                }
            }
        }
        return null;
    }

    private int peek() {
        return pos < b.length ? b[pos] : -1;
    }

    private boolean take(char c) {
        if (pos < b.length && b[pos] == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void skipSpace() {
        while (pos < b.length) {
            byte c = b[pos];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }
}
