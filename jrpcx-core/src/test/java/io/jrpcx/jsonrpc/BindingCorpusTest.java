package io.jrpcx.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Argument binding against the reference corpus: same acceptance, same codes, same messages. Where the
 * reference accepts a call that lacks a required keyword-only argument and then fails calling the
 * handler (a Python {@code TypeError}, answered as an internal error), jrpcx refuses it with -32602
 * naming the missing named-only parameters.
 */
class BindingCorpusTest {

    @TestFactory
    Stream<DynamicTest> binding() throws IOException {
        return ReferenceCorpusTest.load("corpus-binding.jsonl").stream()
                .map(e -> DynamicTest.dynamicTest(e.get("method").textValue() + " " + e.get("signature") + " "
                        + e.get("args"), () -> check(e)));
    }

    private static Signature signature(JsonNode spec) {
        Signature sig = Signature.of(names(spec.get("required"))).withOptional(names(spec.get("optional")));
        if (spec.get("varargs").booleanValue()) {
            sig = sig.withVarargs();
        }
        if (spec.get("varkw").booleanValue()) {
            sig = sig.withAnyNamed();
        }
        if (spec.has("named_only")) {
            sig = sig.withNamedOnly(names(spec.get("named_only")))
                    .withOptionalNamedOnly(names(spec.get("optional_named_only")));
        }
        return sig;
    }

    private static String[] names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.textValue()));
        return names.toArray(String[]::new);
    }

    private static void check(JsonNode entry) {
        String method = entry.get("method").textValue();
        Arguments args = new Arguments(entry.get("args"));
        MethodTable.Builder<Void> builder = MethodTable.builder();
        if (!entry.get("signature").isNull()) {
            builder.method(method, signature(entry.get("signature")), (ctx, p) -> "ok");
        }
        MethodTable<Void> table = builder.build();
        if (entry.has("type_error")) {
            // "f() missing 2 required keyword-only arguments: 'k' and 'c'"
            List<String> missing = new ArrayList<>();
            Matcher m = Pattern.compile("'([^']*)'").matcher(entry.get("type_error").textValue());
            while (m.find()) {
                missing.add("\"" + m.group(1) + "\"");
            }
            missing.sort(null);
            assertThat(missing).isNotEmpty();
            assertThatThrownBy(() -> table.invoke(null, new Request(method, args)))
                    .isInstanceOfSatisfying(RpcError.class, e -> {
                        assertThat(e.code()).isEqualTo(JsonRpc.INVALID_PARAMS);
                        assertThat(e.message()).isEqualTo("method \"" + method + "\" requires named parameter"
                                + (missing.size() == 1 ? "" : "s") + " " + String.join(", ", missing));
                    });
        } else if (entry.has("ok")) {
            assertThat(table.invoke(null, new Request(method, args)).textValue()).isEqualTo("ok");
        } else {
            assertThatThrownBy(() -> table.invoke(null, new Request(method, args)))
                    .isInstanceOfSatisfying(RpcError.class, e -> {
                        assertThat(e.code()).isEqualTo(entry.get("code").intValue());
                        assertThat(e.message()).isEqualTo(entry.get("message").textValue());
                    });
        }
    }
}
