package io.jrpcx.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.jrpcx.jsonrpc.Decoded;
import io.jrpcx.jsonrpc.JsonRpc;
import io.jrpcx.jsonrpc.JsonRpcConnection;
import io.jrpcx.jsonrpc.MethodTable;
import io.jrpcx.jsonrpc.RequestId;
import io.jrpcx.jsonrpc.Signature;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The sans-I/O JSON-RPC hot path, piece by piece: parsing a request into an item, binding and invoking
 * it, encoding a response, and all three through a connection.
 *
 * <pre>{@code
 * java -jar jrpcx-benchmarks/target/jrpcx-benchmarks.jar JsonRpcBenchmark -prof gc
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JsonRpcBenchmark {
    private static final byte[] REQUEST =
            "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[\"hello world\"],\"id\":12345}"
                    .getBytes(StandardCharsets.UTF_8);
    private static final JsonNode RESULT = TextNode.valueOf("hello world");
    private static final RequestId ID = RequestId.of(12345);

    private final MethodTable<Object> table = MethodTable.builder()
            .inlineMethod("echo", Signature.of("message"), (ctx, p) -> p.get(0))
            .build();
    private final Object context = new Object();
    private JsonRpcConnection connection;
    private Decoded.Single decoded;

    @Setup
    public void setup() {
        connection = new JsonRpcConnection(JsonRpc.V2);
        decoded = (Decoded.Single) JsonRpc.V2.messageToItem(REQUEST);
    }

    /** Bytes to a request item and its id, through the general path (a tree of the whole message). */
    @Benchmark
    public Decoded parseRequest() {
        return JsonRpc.V2.messageToItem(REQUEST);
    }

    /** Bytes to the request to handle, as a connection does it: simple requests skip the whole-message tree. */
    @Benchmark
    public JsonRpcConnection.Incoming receiveRequest() {
        return connection.receiveMessage(REQUEST).incoming().get(0);
    }

    /** Binding the arguments to the method's signature and running it. */
    @Benchmark
    public JsonNode bindAndInvoke() {
        return table.invoke(context, decoded.item());
    }

    /** A result to response bytes. */
    @Benchmark
    public byte[] encodeResponse() {
        return JsonRpc.V2.responseMessage(RESULT, ID);
    }

    /** A request's bytes to its response's bytes through a connection: the three above together. */
    @Benchmark
    public byte[] requestToResponse() {
        JsonRpcConnection.Incoming incoming = connection.receiveMessage(REQUEST).incoming().get(0);
        return incoming.complete(table.invoke(context, incoming.item()));
    }
}
