package io.jrpcx.internal.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * A compact JSON writer into a growable buffer that is reused from message to message, so encoding a message allocates only its result array. It writes exactly what Jackson's
 * generator writes for the same calls (a test checks this); whatever it does not write itself (a lone
 * surrogate in a string, binary and POJO nodes) makes it throw {@link Unsupported}, and the caller
 * encodes that message with Jackson instead.
 *
 * <pre>{@code
 * CompactJsonWriter w = CompactJsonWriter.acquire();
 * w.writeStartObject(); w.writeStringField("a", "b"); w.writeEndObject();
 * byte[] json = w.toByteArray();   // {"a":"b"}
 * w.release();
 * }</pre>
 */
public final class CompactJsonWriter implements JsonOut {
    /** Thrown for what only Jackson writes; the message is then encoded by Jackson. */
    public static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Unsupported INSTANCE = new Unsupported();

        private Unsupported() {
            super("not written by the compact writer", null, false, false);
        }
    }

    private static final int KEPT_CAPACITY = 64 * 1024;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** Writers waiting for reuse, in slots picked by thread id: no lock, and no writer per virtual thread. */
    private static final int SLOTS = 64;
    private static final java.util.concurrent.atomic.AtomicReferenceArray<CompactJsonWriter> POOL =
            new java.util.concurrent.atomic.AtomicReferenceArray<>(SLOTS);

    private byte[] buf = new byte[512];
    private int len;
    /** Whether the next value or name needs a comma before it. */
    private boolean needComma;

    /** An empty writer, from the pool when one waits there; give it back with {@link #release()}. */
    public static CompactJsonWriter acquire() {
        CompactJsonWriter w = POOL.getAndSet(slot(), null);
        if (w == null) {
            return new CompactJsonWriter();
        }
        w.reset();
        return w;
    }

    /** Gives this writer back for reuse; it must not be used afterwards. */
    public void release() {
        reset();   // a grown buffer is dropped now, not kept in the pool until the next acquire
        POOL.compareAndSet(slot(), null, this);
    }

    private static int slot() {
        return (int) Thread.currentThread().threadId() & (SLOTS - 1);
    }

    private void reset() {
        len = 0;
        needComma = false;
        if (buf.length > KEPT_CAPACITY) {
            buf = new byte[512];
        }
    }

    /** What was written, as a new array. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }

    private void put(byte b) {
        if (len == buf.length) {
            ensure(1);
        }
        buf[len++] = b;
    }

    private void putAscii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) s.charAt(i);
        }
    }

    private void beforeValue() {
        if (needComma) {
            put((byte) ',');
        }
    }

    @Override
    public void writeStartObject() {
        beforeValue();
        put((byte) '{');
        needComma = false;
    }

    @Override
    public void writeEndObject() {
        put((byte) '}');
        needComma = true;
    }

    @Override
    public void writeStartArray() {
        beforeValue();
        put((byte) '[');
        needComma = false;
    }

    @Override
    public void writeEndArray() {
        put((byte) ']');
        needComma = true;
    }

    @Override
    public void writeFieldName(String name) {
        beforeValue();
        quoted(name);
        put((byte) ':');
        needComma = false;
    }

    @Override
    public void writeString(String value) {
        beforeValue();
        quoted(value);
        needComma = true;
    }

    @Override
    public void writeNumber(long value) {
        beforeValue();
        if (value == Long.MIN_VALUE) {
            putAscii(Long.toString(value));
        } else {
            ensure(20);
            if (value < 0) {
                buf[len++] = '-';
                value = -value;
            }
            int digits = 1;
            for (long v = value; v >= 10; v /= 10) {
                digits++;
            }
            for (int i = len + digits - 1; i >= len; i--) {
                buf[i] = (byte) ('0' + value % 10);
                value /= 10;
            }
            len += digits;
        }
        needComma = true;
    }

    @Override
    public void writeNumber(BigInteger value) {
        beforeValue();
        putAscii(value.toString());
        needComma = true;
    }

    @Override
    public void writeNumber(BigDecimal value) {
        beforeValue();
        putAscii(value.toString());
        needComma = true;
    }

    @Override
    public void writeNumber(double value) {
        beforeValue();
        putAscii(Double.toString(value));
        needComma = true;
    }

    @Override
    public void writeBoolean(boolean value) {
        beforeValue();
        putAscii(value ? "true" : "false");
        needComma = true;
    }

    @Override
    public void writeNull() {
        beforeValue();
        putAscii("null");
        needComma = true;
    }

    @Override
    public void writeOther(JsonNode node) {
        throw Unsupported.INSTANCE;
    }

    /**
     * A JSON string as Jackson writes it: {@code "} and {@code \} escaped, control characters escaped,
     * characters beyond the basic plane as two escapes of the form backslash, u, four hex digits, the rest UTF-8.
     */
    private void quoted(String s) {
        int n = s.length();
        ensure(n + 2);
        buf[len++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    if (len == buf.length) {
                        ensure(1);
                    }
                    buf[len++] = (byte) c;
                } else {
                    escape(c);
                }
            } else if (c < 0x800) {
                ensure(2);
                buf[len++] = (byte) (0xc0 | (c >> 6));
                buf[len++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 >= n || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    throw Unsupported.INSTANCE;
                }
                // as Jackson does by default: a character beyond the basic plane as its two escaped halves
                unicodeEscape(c);
                unicodeEscape(s.charAt(++i));
            } else {
                ensure(3);
                buf[len++] = (byte) (0xe0 | (c >> 12));
                buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                buf[len++] = (byte) (0x80 | (c & 0x3f));
            }
        }
        put((byte) '"');
    }

    private void unicodeEscape(char c) {
        ensure(6);
        buf[len++] = '\\';
        buf[len++] = 'u';
        buf[len++] = HEX[(c >> 12) & 0xf];
        buf[len++] = HEX[(c >> 8) & 0xf];
        buf[len++] = HEX[(c >> 4) & 0xf];
        buf[len++] = HEX[c & 0xf];
    }

    private void escape(char c) {
        ensure(6);
        buf[len++] = '\\';
        switch (c) {
            case '"' -> buf[len++] = '"';
            case '\\' -> buf[len++] = '\\';
            case '\n' -> buf[len++] = 'n';
            case '\r' -> buf[len++] = 'r';
            case '\t' -> buf[len++] = 't';
            case '\b' -> buf[len++] = 'b';
            case '\f' -> buf[len++] = 'f';
            default -> {
                buf[len++] = 'u';
                buf[len++] = '0';
                buf[len++] = '0';
                buf[len++] = HEX[c >> 4];
                buf[len++] = HEX[c & 0xf];
            }
        }
    }
}
