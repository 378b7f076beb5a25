package io.jrpcx.examples.wallet;

import io.jrpcx.jsonrpc.RpcMethod;
import io.jrpcx.jsonrpc.RpcNotification;
import io.jrpcx.jsonrpc.RpcParam;
import io.jrpcx.jsonrpc.RpcService;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A wallet service, one interface for both sides: {@link WalletServer} implements it, clients call it
 * through {@code session.proxy(Wallet.class)}. Parameter names come from {@link RpcParam}, so this module
 * is compiled without {@code -parameters}.
 */
@RpcService
public interface Wallet {
    /** Error code for an unknown account; the error's data names the account. */
    int NO_SUCH_ACCOUNT = -32001;

    /** The balance of an account. */
    @RpcMethod("wallet.balance")
    BigDecimal balance(@RpcParam("account") String account);

    /** Pays {@code amount} from one account to another, at a time the caller gives; sent by name. */
    @RpcMethod(value = "wallet.pay", named = true)
    Payment pay(@RpcParam("from") String from, @RpcParam("to") String to, @RpcParam("amount") BigDecimal amount,
                @RpcParam("at") Instant at);

    /** The payments of an account, without blocking the caller. */
    @RpcMethod("wallet.history")
    CompletableFuture<List<Payment>> history(@RpcParam("account") String account);

    /** A line for the server's log: a notification, nothing comes back. */
    @RpcNotification("wallet.note")
    void note(@RpcParam("line") String line);
}
