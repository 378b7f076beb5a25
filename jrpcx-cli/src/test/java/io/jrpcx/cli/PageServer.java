package io.jrpcx.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A page for the browser tests, served from a test resource on a loopback port of its own (so the page
 * has an origin other than the server it calls).
 *
 * <pre>{@code
 * HttpServer pages = PageServer.start("/browser/rpc.html");
 * int port = pages.getAddress().getPort();
 * pages.stop(0);
 * }</pre>
 */
final class PageServer {
    private PageServer() {
    }

    /** Starts a server that answers every path with {@code resource} as HTML. */
    static HttpServer start(String resource) throws IOException {
        byte[] page;
        try (InputStream in = Objects.requireNonNull(PageServer.class.getResourceAsStream(resource), resource)) {
            page = in.readAllBytes();
        }
        HttpServer pages = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        pages.createContext("/", exchange -> {
            try (exchange) {
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, page.length);
                exchange.getResponseBody().write(page);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        pages.start();
        return pages;
    }
}
