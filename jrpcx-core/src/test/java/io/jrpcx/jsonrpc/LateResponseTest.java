package io.jrpcx.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link JsonRpcConnection#expectLateResponse}: one answer to a request given up is dropped quietly. */
class LateResponseTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void oneLateResponseToAGivenUpRequestIsDroppedWithoutAReportAndOnlyOne() {
        JsonRpcConnection conn = new JsonRpcConnection(JsonRpc.V2);
        JsonRpcConnection.Outgoing out = conn.sendRequest(new Request("slow", Arguments.none()));
        assertThat(out.id()).isEqualTo(RequestId.of(0));
        conn.expectLateResponse(out.id());   // still pending: nothing to expect yet
        out.response().cancel(false);
        conn.expectLateResponse(out.id());
        JsonRpcConnection.Received first = conn.receiveMessage(bytes("{\"jsonrpc\":\"2.0\",\"id\":0,\"error\":{\"code\":-32800,\"message\":\"Request cancelled\"}}"));
        assertThat(first.errors()).isEmpty();
        JsonRpcConnection.Received second = conn.receiveMessage(bytes("{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":1}"));
        assertThat(second.errors()).singleElement().extracting(ProtocolError::message).asString()
                .contains("response to unsent request");
        assertThat(conn.receiveMessage(bytes("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":1}")).errors()).hasSize(1);
    }
}
