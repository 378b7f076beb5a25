package io.jrpcx.javadoc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jrpcx.concurrent.Task;
import io.jrpcx.concurrent.TaskGroup;
import io.jrpcx.framing.BinaryMessage;
import io.jrpcx.framing.Framer;
import io.jrpcx.jsonrpc.Batch;
import io.jrpcx.jsonrpc.JsonRpcProtocol;
import io.jrpcx.jsonrpc.Params;
import io.jrpcx.session.RpcClient;
import io.jrpcx.socks.SocksProxy;
import io.jrpcx.transport.MessageTransport;
import io.jrpcx.transport.TransportListener;
import io.jrpcx.transport.TransportOptions;
import java.util.function.Supplier;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import io.jrpcx.jsonrpc.Item;
import io.jrpcx.jsonrpc.JsonRpcConnection;
import io.jrpcx.jsonrpc.MethodTable;
import io.jrpcx.jsonrpc.Request;
import io.jrpcx.session.RpcServer;
import io.jrpcx.session.RpcSession;
import java.io.BufferedReader;
import java.math.BigDecimal;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;

/**
 * What a Javadoc example may use without declaring it: every example is compiled in a subclass of this
 * class (see {@link JavadocExamples}). Keep this vocabulary small and its names plain; an example that
 * needs anything else declares it in its own first lines.
 */
@SuppressWarnings({"NotNullFieldNotInitialized", "unused"})
public abstract class ExampleContext {
    // jrpcx objects an example works with
    protected RpcSession session;
    protected RpcServer server;
    protected TaskGroup group;
    protected Task<String> task;
    protected ObjectMapper mapper;
    protected JsonRpcConnection conn;
    protected JsonRpcConnection.Incoming incoming;
    protected MethodTable<RpcSession> methods;
    protected MethodTable<RpcSession> table;
    protected Request request;
    protected JsonRpcProtocol protocol;
    protected MethodTable.Builder<RpcSession> builder;
    protected Params params;
    protected JsonNode node;
    protected Framer framer;
    protected RpcClient client;
    protected SocksProxy proxy;
    protected MessageTransport transport;
    protected TransportListener listener;
    protected Supplier<TransportListener> listeners;
    protected TransportOptions options;
    protected Batch batch;

    // bytes and text
    protected byte[] json;
    protected byte[] bytes;
    protected byte[] versionPayload;
    protected String text;
    protected Collection<Object> seen;
    protected Set<String> subscriptions;
    protected byte[] line;
    protected byte[] message;
    protected byte[] nonce;
    protected byte[] received;
    protected ByteBuffer buffer;
    protected ByteBuffer stdout;
    protected List<byte[]> messages;
    protected int errors;
    protected String primary;
    protected String backup;
    protected String reply;

    // blocking sources and sinks
    protected BlockingQueue<String> queue;
    protected BlockingQueue<String> replies;
    protected BufferedReader reader;
    protected Socket socket;
    protected Logger log;
    protected Connection connection;
    protected Database database;
    protected Histogram histogram;
    protected OutputStream out;
    protected InputStream in;

    /** An application's latency histogram. */
    protected interface Histogram {
        void record(Duration took);
    }

    /** The application's own connection object (a socket or pipe wrapper), as the framing examples use it. */
    protected interface Connection {
        void write(byte[] bytes);

        void onMessage(byte[] message);

        void handle(byte[] message);

        void countError(String reason);

        void close(String reason);

        void close();
    }

    /** An application's database. */
    protected interface Database {
        List<Row> query(String sql, int limit);
    }

    // application types
    protected record Row(String text) {}

    protected record Header(int height, String hex) {}

    protected record Receipt(String id) {}

    protected record Payment(String account, BigDecimal amount) {}

    public static class MoreMethods {}

    protected interface Wallet {
        BigDecimal balance(String account);
    }

    public static class MyWallet implements Wallet {
        @Override
        public BigDecimal balance(String account) {
            return BigDecimal.ZERO;
        }
    }

    protected interface Chat {}

    protected interface ChatClient {}

    public record ChatImpl(ChatClient client) implements Chat {}

    // application work: each stands for a blocking call of the application
    protected abstract String fetch(String name) throws Exception;

    protected abstract String ask(String server) throws Exception;

    protected abstract void heartbeat();

    protected abstract Socket connect() throws Exception;

    protected abstract String handshake() throws Exception;

    protected abstract int compute() throws Exception;

    protected abstract String slowLookup() throws Exception;

    protected abstract void cleanUp();

    protected abstract void use(Object value);

    protected abstract void write(byte[] bytes);

    protected abstract void handle(byte[] message);

    protected abstract void handle(BinaryMessage message);

    protected abstract Object handle(Item item);

    protected abstract void reconnect() throws Exception;

    protected abstract void apply(BinaryMessage message);

    protected abstract void connectTo(InetAddress address) throws Exception;

    protected abstract void resolveThenConnect(String name) throws Exception;

    protected abstract @Nullable ByteBuffer readSome(InputStream in) throws IOException;

    protected abstract JsonNode sum(List<JsonNode> values);
}
