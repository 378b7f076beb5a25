package io.jrpcx.internal.jsonrpc;

/** Strict UTF-8 validation: no overlong forms, no encoded surrogates, nothing above U+10FFFF. */
final class Utf8 {
    private Utf8() {
    }

    static boolean isValid(byte[] b) {
        int i = 0;
        int n = b.length;
        while (i < n) {
            if (b[i] >= 0) { // ASCII fast path
                i++;
                continue;
            }
            int c = b[i] & 0xff;
            if (c < 0xc2) {
                return false;
            }
            if (c < 0xe0) {
                if (i + 1 >= n || !cont(b[i + 1])) {
                    return false;
                }
                i += 2;
            } else if (c < 0xf0) {
                if (i + 2 >= n || !cont(b[i + 1]) || !cont(b[i + 2])) {
                    return false;
                }
                int c1 = b[i + 1] & 0xff;
                if ((c == 0xe0 && c1 < 0xa0) || (c == 0xed && c1 >= 0xa0)) {
                    return false;
                }
                i += 3;
            } else if (c < 0xf5) {
                if (i + 3 >= n || !cont(b[i + 1]) || !cont(b[i + 2]) || !cont(b[i + 3])) {
                    return false;
                }
                int c1 = b[i + 1] & 0xff;
                if ((c == 0xf0 && c1 < 0x90) || (c == 0xf4 && c1 >= 0x90)) {
                    return false;
                }
                i += 4;
            } else {
                return false;
            }
        }
        return true;
    }

    private static boolean cont(byte x) {
        return (x & 0xc0) == 0x80;
    }
}
