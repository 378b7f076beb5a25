package io.jrpcx.cli.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
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
                         int idleConnections, OptionalLong idleBytesEach, Map<String, Long> reasons) {

    /** A report with no failure reasons recorded. */
    public LoadReport(long requests, long errors, double seconds, Histogram latencyMicros, int idleConnections,
                      OptionalLong idleBytesEach) {
        this(requests, errors, seconds, latencyMicros, idleConnections, idleBytesEach, Map.of());
    }

    /** The summary as one JSON object, for {@code bench --json}. */
    public ObjectNode toJson() {
        Histogram h = latencyMicros;
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("requests", requests).put("errors", errors).put("seconds", seconds)
                .put("requests_per_second", Math.round(rate()));
        ObjectNode latency = o.putObject("latency_us");
        latency.put("p50", h.getValueAtPercentile(50)).put("p90", h.getValueAtPercentile(90))
                .put("p99", h.getValueAtPercentile(99)).put("max", h.getMaxValue());
        if (idleConnections > 0) {
            o.put("idle_connections", idleConnections);
            if (idleBytesEach.isPresent()) {
                o.put("server_heap_per_idle_connection", idleBytesEach.getAsLong());
            }
        }
        ObjectNode failures = o.putObject("failures");
        reasons.forEach(failures::put);
        return o;
    }

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
        reasons.forEach((reason, count) ->
                sb.append(String.format(Locale.ROOT, "failed %d  %s%n", count, reason)));
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
