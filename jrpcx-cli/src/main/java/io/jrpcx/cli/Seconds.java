package io.jrpcx.cli;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A number of seconds given on the command line: a finite number above zero, else a usage error that
 * says what was wrong ({@code --timeout -1} or {@code --max-time abc}).
 *
 * <pre>{@code
 * @Option(names = "--max-time", converter = Seconds.Converter.class) Duration maxTime;
 * }</pre>
 */
final class Seconds {
    private Seconds() {
    }

    /** {@code text} as a duration of seconds. */
    static Duration parse(String text) {
        double seconds;
        try {
            seconds = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + text + "' is not a number of seconds");
        }
        if (!Double.isFinite(seconds) || seconds <= 0) {
            throw new TypeConversionException("'" + text + "' must be a number of seconds above 0");
        }
        if (seconds > 1e9) {
            throw new TypeConversionException("'" + text + "' seconds is too long");
        }
        Duration d = Duration.ofNanos((long) (seconds * 1e9));
        return d.isZero() ? Duration.ofNanos(1) : d;
    }

    /**
     * {@code seconds} given to {@code option} as a duration, zero allowed (it turns a limit off).
     *
     * @throws IllegalArgumentException naming the option when it is negative or not finite
     */
    static Duration nonNegative(double seconds, String option) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException(option + " must be a non-negative number of seconds: " + seconds);
        }
        return Duration.ofNanos((long) (seconds * 1e9));
    }

    /** A duration as the command prints it: {@code 30 s}, {@code 0.5 s}. */
    static String describe(Duration d) {
        return java.math.BigDecimal.valueOf(d.toNanos(), 9).stripTrailingZeros().toPlainString() + " s";
    }

    /** Picocli converter; picocli names the option at fault. */
    static final class Converter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return parse(value);
        }
    }
}
