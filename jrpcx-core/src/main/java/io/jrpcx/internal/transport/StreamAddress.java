package io.jrpcx.internal.transport;

import java.net.SocketAddress;

/**
 * The address of one end of a stream pair, which has no network address: {@code stdio}, or
 * {@code process 4242 (pylsp)}.
 *
 * <pre>{@code
 * SocketAddress child = new StreamAddress("process " + process.pid() + " (pylsp)");
 * }</pre>
 */
public final class StreamAddress extends SocketAddress {
    private static final long serialVersionUID = 1L;

    private final String name;

    public StreamAddress(String name) {
        this.name = name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StreamAddress a && a.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
