package io.jrpcx.cli.bench;

import java.util.Locale;
import java.util.OptionalLong;
import org.HdrHistogram.Histogram;

/**
 * The outcome of a load run: counts, rate, latency percentiles (microseconds), and the server-side
 * memory cost of each idle connection when the server reports it.
 *
 * <pre>{@code
 * LoadReport report = new LoadRunner(config).run(progress -> { });
 * System.out.println(report.summary());
 * }</pre>
 */
public record LoadReport(long requests, long errors, double seconds, Histogram latencyMicros,
                         int idleConnections, OptionalLong idleBytesEach) {

    /** Requests (batch members included) per second. */
    public double rate() {
        return seconds <= 0 ? 0 : requests / seconds;
    }

    /** A few lines for people. */
    public String summary() {
        Histogram h = latencyMicros;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "requests/s %.0f  requests %d  errors %d  seconds %.2f%n",
                rate(), requests, errors, seconds));
        sb.append(String.format(Locale.ROOT, "latency us  p50 %d  p90 %d  p99 %d  max %d%n",
                h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(99), h.getMaxValue()));
        if (idleConnections > 0) {
            sb.append(idleBytesEach.isPresent()
                    ? String.format(Locale.ROOT, "idle connections %d  server heap per connection %d bytes%n",
                            idleConnections, idleBytesEach.getAsLong())
                    : String.format(Locale.ROOT, "idle connections %d  server heap per connection: not reported%n",
                            idleConnections));
        }
        return sb.toString();
    }
}
