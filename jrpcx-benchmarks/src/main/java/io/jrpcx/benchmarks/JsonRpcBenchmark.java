package io.jrpcx.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.jrpcx.jsonrpc.Decoded;
import io.jrpcx.jsonrpc.JsonRpc;
import io.jrpcx.jsonrpc.JsonRpcConnection;
import io.jrpcx.jsonrpc.MethodTable;
import io.jrpcx.jsonrpc.RequestId;
import io.jrpcx.jsonrpc.Signature;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * The sans-I/O JSON-RPC hot path, piece by piece: parsing a request into an item, binding and invoking
 * it, encoding a response, and all three through a connection.
 *
 * <pre>{@code
 * java -jar jrpcx-benchmarks/target/jrpcx-benchmarks.jar JsonRpcBenchmark -prof gc
 * }</pre>
 */
public class JsonRpcBenchmark extends HotPathBenchmark {
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
        decoded = (Decoded.Single) JsonRpc.V2.messageToItem(ECHO_REQUEST);
    }

    /** Bytes to a request item and its id, through the general path (a tree of the whole message). */
    @Benchmark
    public Decoded parseRequest() {
        return JsonRpc.V2.decode(JsonRpc.V2.parse(ECHO_REQUEST));
    }

    /** Bytes to the request to handle, as a connection does it: simple requests skip the whole-message tree. */
    @Benchmark
    public JsonRpcConnection.Incoming receiveRequest() {
        return connection.receiveMessage(ECHO_REQUEST).incoming().get(0);
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
        JsonRpcConnection.Incoming incoming = connection.receiveMessage(ECHO_REQUEST).incoming().get(0);
        return incoming.complete(table.invoke(context, incoming.item()));
    }
}
