package io.jrpcx.cli;

import io.jrpcx.transport.TlsOptions;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The TLS options of the commands that connect ({@code call}, {@code bench}): by default the server's
 * certificate is checked against the system's CAs and the URL's host name.
 *
 * <pre>{@code
 * @Mixin TlsClientOption tls = new TlsClientOption();
 * RpcClient.builder().tls(tls.options());
 * }</pre>
 */
final class TlsClientOption {
    @Option(names = "--cacert", paramLabel = "FILE",
            description = "Trust the CA certificates in this PEM file instead of the system's (tls://, wss://)")
    @Nullable Path caCert;

    @Option(names = "--insecure",
            description = "Do not check the server's certificate or host name at all (unsafe: for tests only)")
    boolean insecure;

    TlsOptions options() {
        TlsOptions.Builder b = TlsOptions.builder().unsafeTrustAnyCertificate(insecure);
        if (caCert != null) {
            b.trustedCertificates(caCert);
        }
        return b.build();
    }
}
