package io.jrpcx.cli;

import io.jrpcx.transport.HttpOptions;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The HTTP options of the commands that connect ({@code call}, {@code bench}) to {@code http://} and
 * {@code https://} URLs: Basic credentials and extra headers.
 *
 * <pre>{@code
 * @Mixin HttpClientOption http = new HttpClientOption();
 * RpcClient.builder().http(http.options());
 * }</pre>
 */
final class HttpClientOption {
    @Spec(Spec.Target.MIXEE)
    @Nullable CommandSpec spec;

    @Option(names = {"-u", "--user"}, paramLabel = "USER:PASS",
            description = "Basic credentials for http:// and https:// (as bitcoind's RPC wants); @FILE reads them"
                    + " from the first line of a file, env:NAME from an environment variable")
    @Nullable String user;

    @Option(names = {"-H", "--header"}, paramLabel = "'NAME: VALUE'",
            description = "A header sent with every HTTP request, such as 'Authorization: Bearer TOKEN'. May be repeated.")
    List<String> headers = new ArrayList<>();

    HttpOptions options() {
        HttpOptions.Builder b = HttpOptions.builder();
        try {
            if (user != null) {
                String[] pair = Secrets.userAndPassword(Secrets.read(user));
                b.basicAuth(pair[0], pair[1]);
            }
            for (String header : headers) {
                int colon = header.indexOf(':');
                if (colon <= 0) {
                    throw new IllegalArgumentException("a header is 'NAME: VALUE': " + header);
                }
                b.header(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(java.util.Objects.requireNonNull(spec).commandLine(),
                    (user != null && e.getMessage().contains("USER:PASS") ? "--user: " : "") + e.getMessage());
        }
        return b.build();
    }
}
