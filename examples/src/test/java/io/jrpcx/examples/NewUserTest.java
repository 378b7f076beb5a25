package io.jrpcx.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jrpcx.jsonrpc.Arguments;
import io.jrpcx.jsonrpc.MethodTable;
import io.jrpcx.jsonrpc.RpcError;
import io.jrpcx.jsonrpc.RpcMethod;
import io.jrpcx.jsonrpc.RpcNotification;
import io.jrpcx.jsonrpc.RpcParam;
import io.jrpcx.jsonrpc.Signature;
import io.jrpcx.session.ConnectionLostException;
import io.jrpcx.session.RequestTimeoutException;
import io.jrpcx.session.ResultTypeException;
import io.jrpcx.jsonrpc.RpcCallException;
import io.jrpcx.session.RpcClient;
import io.jrpcx.session.RpcHandler;
import io.jrpcx.session.RpcServer;
import io.jrpcx.session.RpcSession;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a new user does after reading the README, in a project of their own: on the class path, compiled
 * without {@code -parameters}, with only the public API. Typed calls, an interface both ways, a mapper with
 * {@code java.time}, named arguments, errors with data, a lost connection.
 */
@Timeout(60)
class NewUserTest {

    public record Event(String name, Instant at) {
    }

    public interface Calendar {
        @RpcMethod("calendar.next")
        Event next(@RpcParam("after") Instant after);

        @RpcMethod(value = "calendar.add", named = true)
        CompletableFuture<List<Event>> add(@RpcParam("name") String name, @RpcParam("at") Instant at);

        @RpcMethod("calendar.hang")
        String hang();
    }

    public interface Reminders {
        @RpcNotification("remind")
        void remind(@RpcParam("event") Event event);

        @RpcMethod("ack")
        boolean ack(@RpcParam("name") String name);
    }

    static class MyCalendar implements Calendar {
        private final RpcSession session;
        private final List<Event> events;

        MyCalendar(RpcSession session, List<Event> events) {
            this.session = session;
            this.events = events;
        }

        @Override
        public Event next(Instant after) {
            return events.stream().filter(e -> e.at().isAfter(after)).findFirst()
                    .orElseThrow(() -> new RpcError(-32010, "nothing after " + after,
                            Mappers.withJavaTime().valueToTree(Map.of("after", after, "known", events.size()))));
        }

        @Override
        public CompletableFuture<List<Event>> add(String name, Instant at) {
            Event e = new Event(name, at);
            synchronized (events) {
                events.add(e);
            }
            Reminders client = session.proxy(Reminders.class);   // the server calls its client back
            client.remind(e);
            if (!client.ack(name)) {
                throw new RpcError(-32011, "not acknowledged");
            }
            return CompletableFuture.completedFuture(List.copyOf(events));
        }

        @Override
        public String hang() {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "interrupted";
        }
    }

    @Test
    void everythingANewUserTries() throws Exception {
        ObjectMapper mapper = Mappers.withJavaTime();
        List<Event> events = new java.util.ArrayList<>(List.of(new Event("launch", Instant.parse("2030-01-01T10:00:00Z"))));
        CountDownLatch hanging = new CountDownLatch(2);   // the timed-out call, then the one the connection loss ends
        MethodTable<RpcSession> methods = MethodTable.builder(RpcSession.class)
                .serviceBy(Calendar.class, session -> new MyCalendar(session, events) {
                    @Override
                    public String hang() {
                        hanging.countDown();
                        return super.hang();
                    }
                })
                .method("echo", Signature.of("value"), (session, params) -> params.get("value"))
                .method("greet", Signature.of("name").withOptional("greeting"), (session, params) ->
                        params.get("greeting", String.class, "hello") + ", " + params.getString("name"))
                .build();
        RpcServer server = RpcServer.builder().listen("tcp://127.0.0.1:0").mapper(mapper)
                .handler(RpcHandler.of(methods)).start();

        BlockingQueue<Event> reminded = new LinkedBlockingQueue<>();
        Reminders mine = new Reminders() {
            @Override
            public void remind(Event event) {
                reminded.add(event);
            }

            @Override
            public boolean ack(String name) {
                return true;
            }
        };
        RpcClient client = RpcClient.builder().mapper(mapper)
                .handler(RpcHandler.of(MethodTable.builder(RpcSession.class).service(Reminders.class, mine).build()))
                .build();
        RpcSession session = client.connect(server.services().get(0));
        try {
            // typed calls
            assertThat(session.request("echo", Integer.class, 41)).isEqualTo(41);
            assertThat(session.request("echo", new TypeReference<Map<String, List<Integer>>>() { },
                    Arguments.of(Map.of("a", List.of(1, 2))))).isEqualTo(Map.of("a", List.of(1, 2)));
            assertThatThrownBy(() -> session.request("greet", Integer.class, "x"))
                    .isInstanceOf(ResultTypeException.class).isInstanceOf(RpcCallException.class)
                    .hasMessageContaining("greet").hasMessageContaining("Integer");
            // named arguments, said so
            assertThat(session.request("greet", String.class, Arguments.named(Map.of("name", "ann", "greeting", "hi"))))
                    .isEqualTo("hi, ann");
            assertThatThrownBy(() -> session.request("greet", Map.of("name", "ann")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Arguments.named");
            // java.time through the mapper, the interface both ways
            Calendar calendar = session.proxy(Calendar.class);
            assertThat(calendar.next(Instant.parse("2029-12-31T00:00:00Z")).name()).isEqualTo("launch");
            List<Event> all = calendar.add("review", Instant.parse("2030-02-01T09:30:00Z")).get(20, TimeUnit.SECONDS);
            assertThat(all).extracting(Event::name).containsExactly("launch", "review");
            assertThat(reminded.poll(20, TimeUnit.SECONDS)).isEqualTo(new Event("review", Instant.parse("2030-02-01T09:30:00Z")));
            // errors with data
            assertThatThrownBy(() -> calendar.next(Instant.parse("2031-01-01T00:00:00Z")))
                    .isInstanceOfSatisfying(RpcError.class, e -> {
                        assertThat(e.code()).isEqualTo(-32010);
                        JsonNode data = e.data();
                        assertThat(data.get("after").asText()).isEqualTo("2031-01-01T00:00:00Z");
                        assertThat(data.get("known").asInt()).isEqualTo(2);
                    });
            // a call's own time limit
            assertThatThrownBy(() -> session.request("calendar.hang", Arguments.none(), Duration.ofMillis(300)))
                    .isInstanceOf(RequestTimeoutException.class).hasMessageContaining("calendar.hang");
            assertThat(session.pendingRequests()).isZero();
        } finally {
            assertThat(session.isOpen()).isTrue();
        }
        // a lost connection: the server goes away while a call waits
        CompletableFuture<String> waiting = CompletableFuture.supplyAsync(() -> session.proxy(Calendar.class).hang());
        assertThat(hanging.await(20, TimeUnit.SECONDS)).isTrue();
        server.close(Duration.ZERO);
        assertThatThrownBy(() -> waiting.get(20, TimeUnit.SECONDS)).cause().isInstanceOf(ConnectionLostException.class);
        assertThatThrownBy(() -> session.proxy(Calendar.class).next(Instant.EPOCH)).isInstanceOf(ConnectionLostException.class);
        assertThat(session.closed()).succeedsWithin(Duration.ofSeconds(20));
    }
}
