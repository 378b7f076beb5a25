package io.jrpcx.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jrpcx.jsonrpc.JsonRpc;
import io.jrpcx.jsonrpc.MethodTable;
import io.jrpcx.jsonrpc.Signature;
import io.jrpcx.net.AddressGrouping;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Connections per server and per address group, refused at accept; cost pools shared by an address
 * group. Distinct 127.0.0.x source addresses stand for distinct clients, with local grouping on
 * ({@link LoopbackPeers}); {@link MessageServerLimitsTest} does the same for message sessions.
 */
@Timeout(60)
class ConnectionLimitsTest {
    private RpcServer server;
    private LoopbackPeers<RpcSession> peers;

    private void start(RpcServer.Builder builder) {
        server = builder.listen("tcp://127.0.0.1:0")
                .handler(RpcHandler.of(MethodTable.builder(RpcSession.class)
                        .inlineMethod("echo", Signature.of("message"), (s, p) -> p.get(0)).build()))
                .start();
        peers = new LoopbackPeers<>(server);
    }

    private RawPeer connectFrom(String source) {
        return peers.connectFrom(source);
    }

    private static boolean serves(RawPeer peer) {
        return LoopbackPeers.serves(peer, p -> {
            p.writeLine("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[\"hi\"],\"id\":1}");
            String line = p.readLineOrEof();
            return line != null && line.contains("\"hi\"");
        });
    }

    @AfterEach
    void stop() {
        if (peers != null) {
            peers.close();
        }
    }

    @Test
    void theServerHoldsNConnectionsAndRefusesTheNextAtAccept() {
        start(RpcServer.builder().maxConnections(3));
        List<RawPeer> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(connectFrom("127.0.0.1"));
            assertThat(serves(held.get(i))).isTrue();
        }
        RawPeer over = connectFrom("127.0.0.1");
        assertThat(serves(over)).isFalse();
        assertThat(server.connectionsRefused()).isEqualTo(1);
        held.get(0).close();
        peers.awaitConnections(2);
        assertThat(serves(connectFrom("127.0.0.1"))).isTrue();
        assertThat(serves(held.get(1))).isTrue();
    }

    @Test
    void anAddressGroupHoldsNConnectionsAndAnotherGroupIsNotAffected() {
        start(RpcServer.builder().maxConnectionsPerAddress(2).addressGrouping(LoopbackPeers.EACH_LOOPBACK_ADDRESS));
        RawPeer a1 = connectFrom("127.0.0.2");
        RawPeer a2 = connectFrom("127.0.0.2");
        assertThat(serves(a1)).isTrue();
        assertThat(serves(a2)).isTrue();
        assertThat(serves(connectFrom("127.0.0.2"))).isFalse();
        assertThat(serves(connectFrom("127.0.0.3"))).isTrue();
        assertThat(server.connectionsRefused()).isEqualTo(1);
        a1.close();
        peers.awaitConnections(2);
        assertThat(serves(connectFrom("127.0.0.2"))).isTrue();
    }

    @Test
    void localAddressesAreExemptFromThePerAddressLimitByDefault() {
        start(RpcServer.builder().maxConnectionsPerAddress(1));
        for (int i = 0; i < 3; i++) {
            assertThat(serves(connectFrom("127.0.0.1"))).isTrue();
        }
        assertThat(server.connectionsRefused()).isZero();
        assertThat(server.costPools()).isEmpty();
    }

    @Test
    void sessionsOfOneGroupShareOneCostPoolThatOutlivesThem() {
        start(RpcServer.builder().addressGrouping(LoopbackPeers.EACH_LOOPBACK_ADDRESS)
                .options(SessionOptions.builder().costDecayPerSecond(0).build()));
        RawPeer a1 = connectFrom("127.0.0.2");
        RawPeer a2 = connectFrom("127.0.0.2");
        RawPeer b = connectFrom("127.0.0.3");
        RpcSession s1 = peers.sessionOf(a1);
        RpcSession s2 = peers.sessionOf(a2);
        RpcSession sb = peers.sessionOf(b);
        assertThat(s1.cost().pool()).containsSame(s2.cost().pool().orElseThrow());
        assertThat(s1.cost().pool().orElseThrow().key()).isEqualTo("127.0.0.2/32");
        assertThat(sb.cost().pool().orElseThrow()).isNotSameAs(s1.cost().pool().orElseThrow());

        s1.cost().bump(6000);   // half-way: the pool is throttled, so both of its sessions are
        assertThat(s1.cost().throttle()).isCloseTo(0.5, org.assertj.core.api.Assertions.within(0.01));
        s2.cost().bump(0);
        assertThat(s2.cost().throttle()).isCloseTo(0.5, org.assertj.core.api.Assertions.within(0.01));
        assertThat(s2.cost().value()).isLessThan(1);   // its own cost is its own
        assertThat(sb.cost().throttle()).isZero();

        s2.cost().bump(5000);   // the pool reaches the hard limit: a request on either is refused
        a1.writeLine("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[\"hi\"],\"id\":1}");
        assertThat(a1.readJson().get("error").get("code").asInt()).isEqualTo(JsonRpc.EXCESSIVE_RESOURCE_USAGE);
        assertThat(a1.readLineOrEof()).isNull();
        assertThat(serves(b)).isTrue();

        // a new connection from the group joins the pool, which remembers its cost
        peers.closeAllBut(b);
        RawPeer again = connectFrom("127.0.0.2");
        assertThat(peers.sessionOf(again).cost().isExcessive()).isTrue();
        assertThat(server.costPools()).extracting(CostPool::key).contains("127.0.0.2/32", "127.0.0.3/32");
    }

    @Test
    void addressGroupsArePrefixesAndLocalAddressesCountAloneByDefault() throws Exception {
        AddressGrouping g = AddressGrouping.defaults();
        assertThat(g.groupOf(InetAddress.getByName("203.0.113.7"))).isEqualTo("203.0.113.0/24");
        assertThat(g.groupOf(InetAddress.getByName("2001:db8:1:2::5"))).isEqualTo("2001:db8:1:0:0:0:0:0/48");
        assertThat(g.groupOf(InetAddress.getByName("127.0.0.1"))).isNull();
        assertThat(g.groupOf(InetAddress.getByName("10.1.2.3"))).isNull();
        assertThat(g.groupOf(InetAddress.getByName("192.168.1.1"))).isNull();
        assertThat(g.groupOf(InetAddress.getByName("::1"))).isNull();
        assertThat(g.groupOf(InetAddress.getByName("fd00::1"))).isNull();
        assertThat(g.groupOf(InetAddress.getByName("fe80::1"))).isNull();
        AddressGrouping local = g.toBuilder().includeLocal(true).ipv4Prefix(16).ipv6Prefix(64).build();
        assertThat(local.groupOf(InetAddress.getByName("127.0.200.1"))).isEqualTo("127.0.0.0/16");
        assertThat(local.groupOf(InetAddress.getByName("2001:db8:1:2:3::5"))).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThatThrownBy(() -> AddressGrouping.builder().ipv4Prefix(33)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void throttledSessionsOfAGroupDoNotSlowAnotherGroup() throws Exception {
        start(RpcServer.builder().addressGrouping(LoopbackPeers.EACH_LOOPBACK_ADDRESS)
                .options(SessionOptions.builder().costDecayPerSecond(0).build()));
        RpcSession client = RpcClient.builder().build().connect(server.services().get(0));
        try {
            assertThat(client.request("echo", "warm").asText()).isEqualTo("warm");
            RawPeer hot = connectFrom("127.0.0.4");
            peers.sessionOf(hot).cost().bump(9000);
            assertThat(peers.sessionOf(hot).cost().throttle()).isGreaterThan(0.8);
            long t0 = System.nanoTime();
            assertThat(client.request("echo", "fast").asText()).isEqualTo("fast");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(250));
            assertThat(client.cost().throttle()).isZero();
        } finally {
            client.abort();
        }
    }
}
