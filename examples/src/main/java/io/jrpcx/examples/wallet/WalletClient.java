package io.jrpcx.examples.wallet;

import io.jrpcx.examples.Mappers;
import io.jrpcx.jsonrpc.RpcError;
import io.jrpcx.session.RpcClient;
import io.jrpcx.session.RpcSession;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Uses a {@link Wallet} server through a proxy of the interface, and prints what happens.
 *
 * <pre>{@code
 * java io.jrpcx.examples.wallet.WalletClient tcp://127.0.0.1:8000
 * }</pre>
 */
public final class WalletClient {
    private WalletClient() {
    }

    /** Pays bob 2.50 from alice, reads alice's history, asks for carol's balance; returns the lines printed. */
    public static List<String> run(String url) throws Exception {
        List<String> lines = new ArrayList<>();
        RpcClient client = RpcClient.builder().mapper(Mappers.withJavaTime()).build();
        try (RpcSession session = client.connect(url)) {
            Wallet wallet = session.proxy(Wallet.class);
            lines.add("alice has " + wallet.balance("alice"));
            Payment paid = wallet.pay("alice", "bob", new BigDecimal("2.50"), Instant.parse("2030-01-01T00:00:00Z"));
            lines.add("paid " + paid.to() + " " + paid.amount() + " at " + paid.at());
            lines.add("history " + wallet.history("alice").get());
            wallet.note("alice paid bob");
            try {
                wallet.balance("carol");
            } catch (RpcError e) {
                lines.add("error " + e.code() + " " + e.message() + " " + e.data());
            }
        }
        return lines;
    }

    public static void main(String[] args) throws Exception {
        run(args.length > 0 ? args[0] : "tcp://127.0.0.1:8000").forEach(System.out::println);
    }
}
