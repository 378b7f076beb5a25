package io.jrpcx.internal.transport;

import io.jrpcx.transport.ReadPause;
import java.util.EnumSet;
import java.util.Set;

/** A set of {@link ReadPause} reasons held as bits, as the transports keep them on their I/O thread. */
final class ReadPauses {
    private ReadPauses() {
    }

    /** {@return {@code bits} with {@code reason} added} */
    static int with(int bits, ReadPause reason) {
        return bits | (1 << reason.ordinal());
    }

    /** {@return {@code bits} without {@code reason}} */
    static int without(int bits, ReadPause reason) {
        return bits & ~(1 << reason.ordinal());
    }

    /** {@return the reasons {@code bits} holds} */
    static Set<ReadPause> reasons(int bits) {
        Set<ReadPause> set = EnumSet.noneOf(ReadPause.class);
        for (ReadPause r : ReadPause.values()) {
            if ((bits & (1 << r.ordinal())) != 0) {
                set.add(r);
            }
        }
        return set;
    }
}
