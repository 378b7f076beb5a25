package io.jrpcx.cli;

import io.jrpcx.transport.TestCertificates;
import io.jrpcx.transport.TlsOptions;
import java.nio.file.Path;
import java.util.List;

/**
 * One transport of the interop tests, and what each side needs for it: the URL jrpcx listens on, TLS
 * settings (certificates made by {@code openssl} for {@code localhost} and {@code 127.0.0.1}), and the
 * Python peer scripts' arguments.
 *
 * <pre>{@code
 * InteropTransport tls = InteropTransport.of("tls", tempDir);
 * new JavaServer("v2", tls.listenUrl(), tls.serverTls());
 * }</pre>
 */
record InteropTransport(String name, Path dir, TestCertificates certs) {

    static InteropTransport of(String name, Path dir) {
        return new InteropTransport(name, dir, TestCertificates.in(dir));
    }

    boolean secure() {
        return name.equals("tls") || name.equals("wss");
    }

    /** Where a jrpcx server listens. */
    String listenUrl() {
        return switch (name) {
            case "unix" -> "unix://" + dir.resolve("jrpcx.sock");
            case "ws", "wss" -> name + "://127.0.0.1:0/rpc";
            default -> name + "://127.0.0.1:0";
        };
    }

    TlsOptions serverTls() {
        return secure() ? certs.server("server") : TlsOptions.defaults();
    }

    TlsOptions clientTls() {
        return certs.client();
    }

    /** The Python server's arguments for this transport. */
    List<String> pythonServerArgs() {
        return switch (name) {
            case "unix" -> List.of("--transport", "unix", "--path", dir.resolve("aiorpcx.sock").toString());
            case "tls", "wss" -> List.of("--transport", name, "--cert", certs.chain("server").toString(),
                    "--key", certs.key("server").toString(), "--path", "/rpc");
            case "ws" -> List.of("--transport", name, "--path", "/rpc");
            default -> List.of();
        };
    }

    /** The Python client's extra arguments for this transport. */
    List<String> pythonClientArgs() {
        return secure() ? List.of("--cafile", certs.ca().toString()) : List.of();
    }
}
