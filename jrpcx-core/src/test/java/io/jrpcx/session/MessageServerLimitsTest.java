package io.jrpcx.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.jrpcx.framing.BitcoinFramer;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A {@link MessageServer}'s connection limits and cost pools, as {@link ConnectionLimitsTest} checks
 * {@link RpcServer}'s: raw Bitcoin-framed peers on loopback, distinct 127.0.0.x source addresses standing
 * for distinct clients ({@link LoopbackPeers}).
 */
@Timeout(60)
class MessageServerLimitsTest {
    private static final BitcoinFramer FRAMER = new BitcoinFramer();
    private static final byte[] NONCE = {1, 2, 3, 4, 5, 6, 7, 8};

    private MessageServer server;
    private LoopbackPeers<MessageSession> peers;

    /** A server answering each message with {@code pong} and the message's payload. */
    private void start(MessageServer.Builder builder) {
        server = builder.listen("tcp://127.0.0.1:0")
                .handler((session, message) -> session.sendMessage("pong", message.payload()))
                .start();
        peers = new LoopbackPeers<>(server);
    }

    /** Whether the server answers {@code peer}'s ping: false when it closed or reset the connection. */
    private static boolean serves(RawPeer peer) {
        byte[] pong = FRAMER.frame("pong", NONCE);
        return LoopbackPeers.serves(peer, p -> {
            p.write(FRAMER.frame("ping", NONCE));
            return Arrays.equals(p.readOrEof(pong.length), pong);
        });
    }

    @AfterEach
    void stop() {
        if (peers != null) {
            peers.close();
        }
    }

    @Test
    void aServerOfOneConnectionRefusesTheSecondAtAcceptAndCountsIt() {
        start(MessageServer.builder().maxConnections(1));
        RawPeer first = peers.connectFrom("127.0.0.1");
        assertThat(serves(first)).isTrue();
        assertThat(serves(peers.connectFrom("127.0.0.1"))).isFalse();
        assertThat(server.connectionsRefused()).isEqualTo(1);
        first.close();
        peers.awaitConnections(0);
        assertThat(serves(peers.connectFrom("127.0.0.1"))).isTrue();
        assertThat(server.connectionsRefused()).isEqualTo(1);
    }

    @Test
    void anAddressGroupHoldsItsLimitAndAnotherGroupIsNotAffected() {
        start(MessageServer.builder().maxConnectionsPerAddress(1).addressGrouping(LoopbackPeers.EACH_LOOPBACK_ADDRESS));
        assertThat(serves(peers.connectFrom("127.0.0.2"))).isTrue();
        assertThat(serves(peers.connectFrom("127.0.0.2"))).isFalse();
        assertThat(serves(peers.connectFrom("127.0.0.3"))).isTrue();
        assertThat(server.connectionsRefused()).isEqualTo(1);
    }

    @Test
    void theBytesOfAGroupsSessionsAreChargedToOnePoolThatClosesThemAtTheHardLimit() {
        start(MessageServer.builder().addressGrouping(LoopbackPeers.EACH_LOOPBACK_ADDRESS)
                .options(SessionOptions.builder().costPerByte(1).costDecayPerSecond(0).build()));
        RawPeer a1 = peers.connectFrom("127.0.0.2");
        RawPeer a2 = peers.connectFrom("127.0.0.2");
        RawPeer b = peers.connectFrom("127.0.0.3");
        assertThat(serves(a1)).isTrue();
        assertThat(serves(a2)).isTrue();
        MessageSession s1 = peers.sessionOf(a1);
        CostPool pool = s1.cost().pool().orElseThrow();
        assertThat(peers.sessionOf(a2).cost().pool()).containsSame(pool);
        assertThat(pool.key()).isEqualTo("127.0.0.2/32");
        assertThat(pool.sessions()).isEqualTo(2);
        // each ping received is charged before its handler runs: the pool holds both sessions' bytes
        assertThat(pool.value()).isGreaterThanOrEqualTo(2.0 * FRAMER.message("ping", NONCE).length);
        assertThat(server.costPools()).extracting(CostPool::key).containsExactlyInAnyOrder("127.0.0.2/32", "127.0.0.3/32");

        s1.cost().bump(20_000);   // the pool is over the hard limit: the next message of either session closes it
        a2.write(FRAMER.frame("ping", NONCE));
        assertThat(a2.readOrEof(1)).isNull();
        assertThat(serves(b)).isTrue();
        peers.closeAllBut(b);
        assertThat(peers.sessionOf(peers.connectFrom("127.0.0.2")).cost().isExcessive()).isTrue();
    }
}
