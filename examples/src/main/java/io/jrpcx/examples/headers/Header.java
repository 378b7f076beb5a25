package io.jrpcx.examples.headers;

/** A block header as Electrum servers send it: {@code {"height": 800000, "hex": "00e0..."}}. */
public record Header(int height, String hex) {
}
