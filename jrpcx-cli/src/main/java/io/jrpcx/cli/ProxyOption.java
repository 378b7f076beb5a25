package io.jrpcx.cli;

import io.jrpcx.session.RpcClient;
import io.jrpcx.socks.SocksProxy;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code --proxy URL} option of the commands that connect: {@code socks4://}, {@code socks4a://},
 * {@code socks5://} or {@code socks5h://[USER:PASS@]HOST:PORT}, with curl's meanings ({@code socks4} and
 * {@code socks5} resolve the host here, {@code socks4a} and {@code socks5h} let the proxy resolve it).
 *
 * <pre>{@code
 * @Mixin ProxyOption proxy;
 * RpcClient client = proxy.apply(RpcClient.builder()).build();
 * }</pre>
 */
public final class ProxyOption {
    @Option(names = "--proxy", paramLabel = "URL", converter = Converter.class,
            description = "Connect through a SOCKS proxy: socks4|socks4a|socks5|socks5h://[USER:PASS@]HOST:PORT")
    @Nullable SocksProxy proxy;

    /** The builder, with the proxy if one was given. */
    RpcClient.Builder apply(RpcClient.Builder builder) {
        return proxy == null ? builder : builder.proxy(proxy);
    }

    /** Picocli converter: a bad URL is a usage error naming it. */
    static final class Converter implements ITypeConverter<SocksProxy> {
        @Override
        public SocksProxy convert(String value) {
            try {
                return SocksProxy.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("--proxy '" + value + "': " + e.getMessage());
            }
        }
    }
}
