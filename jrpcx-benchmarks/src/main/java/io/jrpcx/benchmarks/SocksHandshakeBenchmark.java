package io.jrpcx.benchmarks;

import io.jrpcx.socks.SocksAuth;
import io.jrpcx.socks.SocksHandshake;
import io.jrpcx.socks.SocksProtocol;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A whole SOCKS client handshake without I/O, from creation to the grant: SOCKS5 with a user name and
 * password (method selection, RFC 1929 authentication, a host-name request, a reply with an IPv4
 * bound address), and SOCKS4a. What the proxy step costs a connection besides its round trips.
 *
 * <pre>{@code
 * java -jar jrpcx-benchmarks/target/jrpcx-benchmarks.jar SocksHandshakeBenchmark -prof gc
 * }</pre>
 */
public class SocksHandshakeBenchmark extends HotPathBenchmark {
    private static final SocksAuth USER = SocksAuth.user("alice", "secret");
    private static final byte[] SOCKS5_REPLIES = HexFormat.of().parseHex("0502" + "0100" + "05000001" + "7f0000011f40");
    private static final byte[] SOCKS4_REPLY = HexFormat.of().parseHex("005a1f407f000001");

    @Benchmark
    public boolean socks5WithPassword(Blackhole bh) {
        SocksHandshake h = SocksProtocol.SOCKS5.handshake("electrum.example.com", 50002, USER);
        bh.consume(h.start());
        ByteBuffer in = ByteBuffer.wrap(SOCKS5_REPLIES);
        bh.consume(h.receive(in.limit(2)));
        bh.consume(h.receive(in.limit(4)));
        bh.consume(h.receive(in.limit(SOCKS5_REPLIES.length)));
        return h.isDone();
    }

    @Benchmark
    public boolean socks4a(Blackhole bh) {
        SocksHandshake h = SocksProtocol.SOCKS4A.handshake("electrum.example.com", 50002, USER);
        bh.consume(h.start());
        bh.consume(h.receive(ByteBuffer.wrap(SOCKS4_REPLY)));
        return h.isDone();
    }
}
