package io.jrpcx.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.jrpcx.framing.BinaryMessage;
import io.jrpcx.framing.BitcoinFramer;
import io.jrpcx.framing.Framing;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The examples in the Javadoc of {@link MessageSession}, {@link MessageHandler}, {@link MessageOptions},
 * {@link MessageServer} and {@link MessageClient}, as written there (with a free port for the fixed
 * ones), compiled and run.
 */
@Timeout(60)
class MessageJavadocExamplesTest {
    private final BlockingQueue<Object> seen = new LinkedBlockingQueue<>();

    private void apply(BinaryMessage message) {
        seen.add(message);
    }

    @Test
    void handlerAndServerAndClient() throws Exception {
        // MessageHandler
        MessageHandler handler = (session, message) -> {
            switch (message.command()) {
                case "ping" -> session.sendMessage("pong", message.payload());
                case "version" -> session.sendMessage("verack", new byte[0]);
                default -> { }   // ignore what we do not speak
            }
        };
        // MessageServer (with the handler above)
        MessageServer server = MessageServer.builder()
                .listen("tcp://127.0.0.1:0")
                .options(SessionOptions.builder().framing(Framing.bitcoin(BitcoinFramer.MAINNET)).build())
                .handler(handler)
                .start();
        String url = server.services().get(0).toString();
        try {
            // MessageSession
            byte[] versionPayload = {70, 17, 1, 0};
            byte[] nonce = {1, 2, 3, 4, 5, 6, 7, 8};
            MessageClient client = MessageClient.builder()
                    .options(SessionOptions.builder().framing(Framing.bitcoin(BitcoinFramer.MAINNET)).build())
                    .handler((session, message) -> seen.add(message.command()))
                    .build();
            try (MessageSession session = client.connect(url)) {
                session.sendMessage("version", versionPayload);
                session.sendMessage(new BinaryMessage("ping", nonce));
                assertThat(List.of(seen.poll(20, TimeUnit.SECONDS), seen.poll(20, TimeUnit.SECONDS)))
                        .containsExactlyInAnyOrder("verack", "pong");
            }
        } finally {
            server.close(Duration.ZERO);
        }
    }

    @Test
    void orderedOptionsAndClient() throws Exception {
        // MessageOptions
        MessageOptions inOrder = MessageOptions.builder().ordered(true).build();
        MessageServer server = MessageServer.builder()
                .listen("tcp://127.0.0.1:0")
                .messageOptions(inOrder)
                .handler((session, message) -> apply(message))   // one at a time, in arrival order
                .start();
        try {
            // MessageClient, with the default framing of both ends
            MessageClient client = MessageClient.builder()
                    .messageOptions(MessageOptions.builder().ordered(true).build())
                    .handler((session, message) -> System.out.println(message))
                    .build();
            try (MessageSession session = client.connect(server.services().get(0).toString())) {
                session.sendMessage("ping", new byte[8]);
                assertThat(seen.poll(20, TimeUnit.SECONDS)).isEqualTo(new BinaryMessage("ping", new byte[8]));
                assertThat(server.sessions()).singleElement().extracting(MessageSession::isOrdered).isEqualTo(true);
            }
        } finally {
            server.close(Duration.ZERO);
        }
    }
}
