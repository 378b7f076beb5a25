package io.jrpcx.session;

import java.time.Duration;

/** How durations read in messages: "2 s", "1.5 s", "250 ms". */
final class Durations {
    private Durations() {
    }

    static String describe(Duration d) {
        long millis = d.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        return millis % 1000 == 0 ? millis / 1000 + " s" : java.math.BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + " s";
    }
}
