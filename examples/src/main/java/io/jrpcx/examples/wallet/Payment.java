package io.jrpcx.examples.wallet;

import java.math.BigDecimal;
import java.time.Instant;

/** One payment, carried as a JSON object: {@code {"to": "bob", "amount": 2.50, "at": "2030-01-01T00:00:00Z"}}. */
public record Payment(String to, BigDecimal amount, Instant at) {
}
