package io.jrpcx.internal.jsonrpc;

import io.jrpcx.internal.json.Json;
import io.jrpcx.jsonrpc.Decoded;
import org.jspecify.annotations.Nullable;

/**
 * The common case of a JSON-RPC 2.0 message read straight from its bytes by {@link FastScan}, with no
 * parser object and no tree of the whole message: an object with exactly {@code "jsonrpc":"2.0"}, a
 * string {@code method}, {@code params} an array or object of scalars, and an optional integer or string
 * {@code id}, each once; and likewise the common response, {@code "jsonrpc":"2.0"}, a {@code result} that
 * is a scalar or an array or object of scalars, and an integer or string {@code id}. Anything else, valid
 * or not, returns {@code null} and takes the general path, so the outcome is always the one the general
 * path gives: that includes objects of more than {@value #MAX_NAMES} members, strings or names beyond
 * the parser's limits, and numbers it would refuse. The UTF-8 of the message is checked once, here. A
 * batch whose members are all simple requests or notifications is read the same way, member by member.
 *
 * <pre>{@code
 * Decoded.Single single = FastRequest.tryParse(bytes);   // null: use the general path
 * }</pre>
 */
public final class FastRequest {
    /** Most members of an object read here; larger ones take the general path. */
    static final int MAX_NAMES = 64;

    private FastRequest() {
    }

    /** The request or notification in {@code message}, or {@code null} when it is not of the simple form. */
    public static Decoded.@Nullable Single tryParse(byte[] message) {
        if (message.length < 2 || message.length > Json.MAX_DOCUMENT_LENGTH || message[0] != '{'
                || !Utf8.isValid(message)) {
            return null;
        }
        return new FastScan(message).message();
    }

    /**
     * The members of a batch in {@code message} when it is a non-empty array of requests and
     * notifications each of the simple form, or {@code null}: the general path then decides.
     */
    public static java.util.@Nullable List<Decoded.Single> tryParseBatch(byte[] message) {
        if (message.length < 2 || message.length > Json.MAX_DOCUMENT_LENGTH || message[0] != '['
                || !Utf8.isValid(message)) {
            return null;
        }
        return new FastScan(message).batch();
    }

}
