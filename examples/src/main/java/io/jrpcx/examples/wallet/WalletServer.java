package io.jrpcx.examples.wallet;

import io.jrpcx.examples.Mappers;
import io.jrpcx.jsonrpc.MethodTable;
import io.jrpcx.jsonrpc.RpcError;
import io.jrpcx.session.RpcHandler;
import io.jrpcx.session.RpcServer;
import io.jrpcx.session.RpcSession;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Serves {@link Wallet}: accounts in memory, {@code java.time} through the examples' mapper.
 *
 * <pre>{@code
 * java io.jrpcx.examples.wallet.WalletServer tcp://127.0.0.1:8000
 * }</pre>
 */
public final class WalletServer implements Wallet {
    private final Map<String, BigDecimal> balances = new ConcurrentHashMap<>();
    private final Map<String, List<Payment>> payments = new ConcurrentHashMap<>();
    private final BlockingQueue<String> notes = new LinkedBlockingQueue<>();

    public WalletServer(Map<String, BigDecimal> opening) {
        balances.putAll(opening);
    }

    /** Starts serving {@code wallet} on {@code url}. */
    public static RpcServer start(String url, WalletServer wallet) {
        return RpcServer.builder()
                .listen(url)
                .mapper(Mappers.withJavaTime())
                .handler(RpcHandler.of(MethodTable.builder(RpcSession.class).service(Wallet.class, wallet).build()))
                .start();
    }

    /** The notes received so far, in order. */
    public BlockingQueue<String> notes() {
        return notes;
    }

    @Override
    public BigDecimal balance(String account) {
        BigDecimal b = balances.get(account);
        if (b == null) {
            throw new RpcError(NO_SUCH_ACCOUNT, "no such account",
                    Mappers.withJavaTime().valueToTree(Map.of("account", account)));
        }
        return b;
    }

    @Override
    public synchronized Payment pay(String from, String to, BigDecimal amount, Instant at) {
        BigDecimal left = balance(from).subtract(amount);
        if (left.signum() < 0 || amount.signum() <= 0) {
            throw new RpcError(-32002, "cannot pay " + amount, Mappers.withJavaTime().valueToTree(Map.of("balance", balance(from))));
        }
        balance(to);
        balances.put(from, left);
        balances.merge(to, amount, BigDecimal::add);
        Payment p = new Payment(to, amount, at);
        payments.computeIfAbsent(from, k -> new ArrayList<>()).add(p);
        return p;
    }

    @Override
    public CompletableFuture<List<Payment>> history(String account) {
        balance(account);
        return CompletableFuture.completedFuture(List.copyOf(payments.getOrDefault(account, List.of())));
    }

    @Override
    public void note(String line) {
        notes.add(line);
    }

    public static void main(String[] args) throws InterruptedException {
        RpcServer server = start(args.length > 0 ? args[0] : "tcp://127.0.0.1:8000",
                new WalletServer(Map.of("alice", new BigDecimal("10.00"), "bob", new BigDecimal("1.00"))));
        System.out.println("listening " + server.services().get(0));
        Thread.currentThread().join();
    }
}
