package io.jrpcx.cli;

import io.jrpcx.jsonrpc.JsonRpc;
import io.jrpcx.jsonrpc.JsonRpcProtocol;
import io.jrpcx.session.JsonRpcOptions;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code --protocol v1|v2|loose|auto} option shared by the commands.
 *
 * <pre>{@code
 * @Mixin ProtocolOption protocol;
 * JsonRpcOptions options = protocol.rpcOptions();
 * }</pre>
 */
public final class ProtocolOption {
    private static final Set<String> NAMES = Set.of("v1", "v2", "loose", "auto");

    @Option(names = "--protocol", paramLabel = "v1|v2|loose|auto", defaultValue = "v2",
            converter = NameConverter.class, description = "JSON-RPC protocol (default: ${DEFAULT-VALUE})")
    String name = "v2";

    /** The chosen protocol. */
    public JsonRpcProtocol protocol() {
        return JsonRpc.byName(name);
    }

    /** JSON-RPC options with the chosen protocol. */
    public JsonRpcOptions rpcOptions() {
        return JsonRpcOptions.builder().protocol(protocol()).build();
    }

    /** Accepts the four protocol names, in any case; anything else is a usage error. */
    static final class NameConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String lower = value.toLowerCase(Locale.ROOT);
            if (!NAMES.contains(lower)) {
                throw new TypeConversionException("unknown protocol '" + value + "' (expected v1, v2, loose or auto)");
            }
            return lower;
        }
    }
}
