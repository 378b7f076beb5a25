package io.jrpcx.cli;

import io.jrpcx.transport.TlsOptions;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

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
    @Spec(Spec.Target.MIXEE)
    @Nullable CommandSpec spec;

    @Option(names = "--cacert", paramLabel = "FILE",
            description = "Trust the CA certificates in this PEM file instead of the system's (tls://, wss://)")
    @Nullable Path caCert;

    @Option(names = "--insecure",
            description = "Do not check the server's certificate or host name at all (unsafe: for tests only)")
    boolean insecure;

    @Option(names = "--client-cert", paramLabel = "FILE",
            description = "PEM certificate chain to present to a server that asks for one (mutual TLS); with --client-key")
    @Nullable Path clientCert;

    @Option(names = "--client-key", paramLabel = "FILE", description = "PEM (PKCS#8) private key of --client-cert")
    @Nullable Path clientKey;

    TlsOptions options() {
        if ((clientCert == null) != (clientKey == null)) {
            throw new ParameterException(java.util.Objects.requireNonNull(spec).commandLine(),
                    "--client-cert and --client-key go together");
        }
        TlsOptions.Builder b = TlsOptions.builder().unsafeTrustAnyCertificate(insecure);
        if (clientCert != null && clientKey != null) {
            b.certificate(clientCert, clientKey);
        }
        if (caCert != null) {
            b.trustedCertificates(caCert);
        }
        return b.build();
    }
}
