package io.jrpcx.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class Jsonrpc4jServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Jsonrpc4jServer server;
    private Socket socket;
    private BufferedReader in;
    private OutputStream out;

    @BeforeEach
    void connect() throws IOException {
        server = Jsonrpc4jServer.start(0);
        socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
        socket.setSoTimeout(10_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
    }

    @AfterEach
    void close() throws IOException {
        socket.close();
        server.close();
    }

    private void send(String lines) throws IOException {
        out.write(lines.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private JsonNode receive() throws IOException {
        String line = in.readLine();
        assertThat(line).isNotNull();
        return JSON.readTree(line);
    }

    @Test
    void echoesAnyValue() throws IOException {
        send("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[\"hello world\"],\"id\":7}\n");
        JsonNode response = receive();
        assertThat(response.get("id").asInt()).isEqualTo(7);
        assertThat(response.get("result").asText()).isEqualTo("hello world");

        send("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[{\"a\":[1,2]}],\"id\":8}\n");
        assertThat(receive().get("result")).isEqualTo(JSON.readTree("{\"a\":[1,2]}"));
    }

    @Test
    void sumsIntegersExactlyAndDecimalsAsDoubles() throws IOException {
        send("{\"jsonrpc\":\"2.0\",\"method\":\"sum\",\"params\":[1,2,3],\"id\":1}\n"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"sum\",\"params\":[1,2,3.5],\"id\":2}\n"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"sum\",\"params\":[9223372036854775807,1],\"id\":3}\n");
        assertThat(receive().get("result").asText()).isEqualTo("6");
        assertThat(receive().get("result").asDouble()).isEqualTo(6.5);
        assertThat(receive().get("result").bigIntegerValue()).hasToString("9223372036854775808");
    }

    @Test
    void answersPipelinedRequestsInOrderAndNotificationsNotAtAll() throws IOException {
        send("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[\"note\"]}\n"
                + "\n"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[\"a\"],\"id\":1}\n"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[\"b\"],\"id\":2}\n");
        assertThat(receive().get("result").asText()).isEqualTo("a");
        assertThat(receive().get("result").asText()).isEqualTo("b");
    }

    @Test
    void answersABatchWithOneArray() throws IOException {
        send("[{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[\"x\"],\"id\":1},"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"sum\",\"params\":[2,3],\"id\":2}]\n");
        JsonNode batch = receive();
        assertThat(batch.isArray()).isTrue();
        assertThat(batch).hasSize(2);
        assertThat(batch.get(0).get("result").asText()).isEqualTo("x");
        assertThat(batch.get(1).get("result").asInt()).isEqualTo(5);
    }

    @Test
    void answersBadInputWithErrorsAndKeepsTheConnection() throws IOException {
        send("{not json\n"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"nope\",\"params\":[],\"id\":3}\n"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[\"still here\"],\"id\":4}\n");
        assertThat(receive().get("error").get("code").asInt()).isEqualTo(-32700);
        assertThat(receive().get("error").get("code").asInt()).isEqualTo(-32601);
        assertThat(receive().get("result").asText()).isEqualTo("still here");
    }
}
