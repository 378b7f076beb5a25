package io.jrpcx.examples.echo;

import io.jrpcx.session.RpcClient;
import io.jrpcx.session.RpcSession;

/**
 * An echo client: sends {@code echo(message)} and prints the answer.
 *
 * <pre>{@code
 * java io.jrpcx.examples.echo.EchoClient tcp://127.0.0.1:8000 hello
 * }</pre>
 */
public final class EchoClient {
    private EchoClient() {
    }

    /** Connects to {@code url}, echoes {@code message}, and returns the answer. */
    public static String echo(String url, String message) {
        try (RpcSession session = RpcClient.builder().build().connect(url)) {
            return session.request("echo", String.class, message);
        }
    }

    public static void main(String[] args) {
        System.out.println(echo(args[0], args.length > 1 ? args[1] : "hello"));
    }
}
