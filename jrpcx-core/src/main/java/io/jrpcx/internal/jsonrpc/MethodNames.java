package io.jrpcx.internal.jsonrpc;

import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * Method names seen lately, so that a request naming one does not allocate its name again: a small
 * table of strings, one slot per hash, overwritten freely. Only short plain ASCII names are kept; a
 * lookup compares the bytes, so a collision costs a miss, never a wrong name.
 *
 * <pre>{@code
 * String name = MethodNames.lookup(message, quoteIndex);   // null: read it, then remember(name)
 * }</pre>
 */
final class MethodNames {
    private static final int SLOTS = 256;
    private static final int LONGEST = 64;
    private static final AtomicReferenceArray<String> TABLE = new AtomicReferenceArray<>(SLOTS);

    private MethodNames() {
    }

    /** The name in quotes starting at {@code quote} in {@code b}, if it is in the table; else {@code null}. */
    static @Nullable String lookup(byte[] b, int quote) {
        int start = quote + 1;
        int end = start;
        int hash = 0;
        while (end < b.length && end - start <= LONGEST) {
            byte c = b[end];
            if (c == '"') {
                break;
            }
            if (c == '\\' || c < 0x20) {
                return null;
            }
            hash = 31 * hash + c;
            end++;
        }
        if (end >= b.length || b[end] != '"') {
            return null;
        }
        String known = TABLE.get(hash & (SLOTS - 1));
        if (known == null || known.length() != end - start) {
            return null;
        }
        for (int i = 0; i < known.length(); i++) {
            if (known.charAt(i) != b[start + i]) {
                return null;
            }
        }
        return known;
    }

    /** Keeps {@code name} for later lookups when it is short plain ASCII. */
    static void remember(@Nullable String name) {
        if (name == null || name.length() > LONGEST) {
            return;
        }
        int hash = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 0x80 || c < 0x20 || c == '"' || c == '\\') {
                return;
            }
            hash = 31 * hash + c;
        }
        TABLE.set(hash & (SLOTS - 1), name);
    }
}
