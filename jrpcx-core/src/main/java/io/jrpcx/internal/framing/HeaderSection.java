package io.jrpcx.internal.framing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Gathers and reads one HTTP-style header section of the Language Server Protocol's base protocol:
 * {@code Name: value} lines ended by CR LF, then an empty line. It holds at most {@code maxSize} bytes
 * and checks line endings as the bytes arrive; once the section is complete, {@link #contentLength()}
 * reads it. After an error, {@link #error()} says what was wrong.
 *
 * <pre>{@code
 * HeaderSection header = new HeaderSection(8192);
 * int stop = header.take(data, pos, end);           // -1: not complete yet, or an error
 * if (stop >= 0) { long n = header.contentLength(); header.clear(); }
 * }</pre>
 */
public final class HeaderSection {
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final int RETAINED_CAPACITY = 1024;
    /** Enough for any length a Java array can hold, and never an overflow of a long. */
    public static final int MAX_DIGITS = 18;
    private static final byte[] EMPTY = new byte[0];

    private final int maxSize;
    private byte[] bytes = EMPTY;
    private int length;
    private int lineStart;
    private @Nullable String error;

    public HeaderSection(int maxSize) {
        this.maxSize = maxSize;
    }

    /** What was wrong with the section, once {@link #take} or {@link #contentLength()} found it bad. */
    public @Nullable String error() {
        return error;
    }

    /** Bytes held. */
    public int size() {
        return length;
    }

    /** Capacity held. */
    public int capacity() {
        return bytes.length;
    }

    /**
     * Takes the section's bytes from {@code data[pos, end)} (absolute indexes; the position is not moved)
     * and returns the index after the empty line that ends it, or -1 if it has not ended yet or is bad
     * (then {@link #error()} is set).
     */
    public int take(ByteBuffer data, int pos, int end) {
        for (int i = pos; i < end; i++) {
            byte b = data.get(i);
            if (length == maxSize) {
                return fail("a header section over " + maxSize + " bytes");
            }
            boolean afterCr = length > 0 && bytes[length - 1] == CR;
            if (afterCr && b != LF) {
                return fail("a CR not followed by LF in the header section");
            }
            if (b == LF && !afterCr) {
                return fail("a header line ended by LF without CR");
            }
            append(b);
            if (b == LF) {
                if (length - lineStart == 2) {
                    return i + 1;
                }
                lineStart = length;
            }
        }
        return -1;
    }

    /**
     * Reads the complete section and returns its {@code Content-Length}, or -1 if the section is bad
     * (then {@link #error()} is set). Header names are compared without regard to case; headers other
     * than {@code Content-Length} are accepted and ignored.
     */
    public long contentLength() {
        long value = -1;
        int lineEnd;
        for (int from = 0; from < length - 2; from = lineEnd + 2) {
            lineEnd = indexOf(CR, from, length);
            int colon = indexOf((byte) ':', from, lineEnd);
            if (colon < 0) {
                return fail("a header line without ':': " + text(from, lineEnd));
            }
            if (colon == from || !isToken(from, colon)) {
                return fail("a malformed header name: " + text(from, colon));
            }
            if (!isContentLength(from, colon)) {
                continue;
            }
            if (value >= 0) {
                return fail("a second Content-Length header");
            }
            value = parseDigits(colon + 1, lineEnd);
            if (value < 0) {
                String shown = text(colon + 1, lineEnd).strip();
                return fail((shown.startsWith("-") ? "a negative Content-Length: '" : "a malformed Content-Length: '")
                        + shown + "' (a decimal number of at most " + MAX_DIGITS + " digits is required)");
            }
        }
        return value >= 0 ? value : fail("a header section without Content-Length");
    }

    /** Forgets the section, keeping a small buffer for the next one. */
    public void clear() {
        length = 0;
        lineStart = 0;
        if (bytes.length > RETAINED_CAPACITY) {
            bytes = EMPTY;
        }
    }

    /** Forgets the section and releases its memory. */
    public void release() {
        clear();
        bytes = EMPTY;
    }

    private int fail(String reason) {
        error = reason;
        return -1;
    }

    private void append(byte b) {
        if (length == bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.min(maxSize, Math.max(64, bytes.length * 2)));
        }
        bytes[length++] = b;
    }

    private int indexOf(byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private boolean isToken(int from, int to) {
        for (int i = from; i < to; i++) {
            int c = bytes[i] & 0xFF;
            if (c <= ' ' || c >= 0x7F) {
                return false;
            }
        }
        return true;
    }

    private boolean isContentLength(int from, int to) {
        String name = "content-length";
        if (to - from != name.length()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.toLowerCase((char) bytes[from + i]) != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The value of the digits in {@code [from, to)}, with optional spaces and tabs around them, or -1. */
    private long parseDigits(int from, int to) {
        while (from < to && (bytes[from] == ' ' || bytes[from] == '\t')) {
            from++;
        }
        while (to > from && (bytes[to - 1] == ' ' || bytes[to - 1] == '\t')) {
            to--;
        }
        if (from == to || to - from > MAX_DIGITS) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int d = bytes[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }

    private String text(int from, int to) {
        int shown = Math.min(to - from, 80);
        return new String(bytes, from, shown, StandardCharsets.ISO_8859_1) + (shown < to - from ? "..." : "");
    }
}
