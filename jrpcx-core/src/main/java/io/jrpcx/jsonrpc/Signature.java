package io.jrpcx.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The parameters a method takes: required names, then optional names, then optionally any number of
 * further positional arguments ({@link #withVarargs()}) and any further named arguments
 * ({@link #withAnyNamed()}). Binding a call's {@link Arguments} checks them with the reference
 * implementation's rules and messages (all -32602): too few or too many positional arguments, required
 * names missing, names the method does not take.
 *
 * <pre>{@code
 * Signature echo = Signature.of("message");
 * Signature sum = Signature.varargs();
 * Signature range = Signature.of("start").withOptional("stop", "step");
 * Params p = range.bind("range", Arguments.of(1, 10));   // p.get("stop") is 10
 * }</pre>
 */
public final class Signature {
    private static final Signature VARARGS = new Signature(List.of(), List.of(), true, false);

    private final List<String> required;
    private final List<String> optional;
    private final boolean varargs;
    private final boolean anyNamed;
    private final List<String> names;
    private final Set<String> nameSet;

    private Signature(List<String> required, List<String> optional, boolean varargs, boolean anyNamed) {
        this.required = List.copyOf(required);
        this.optional = List.copyOf(optional);
        this.varargs = varargs;
        this.anyNamed = anyNamed;
        List<String> all = new ArrayList<>(required);
        all.addAll(optional);
        this.names = List.copyOf(all);
        this.nameSet = Set.copyOf(all);
        if (nameSet.size() != names.size()) {
            throw new IllegalArgumentException("duplicate parameter names: " + names);
        }
    }

    /** A method taking exactly these (required) parameters; {@code of()} takes none. */
    public static Signature of(String... required) {
        return new Signature(Arrays.asList(required), List.of(), false, false);
    }

    /** A method taking any number of positional arguments and no named ones, like {@code sum}. */
    public static Signature varargs() {
        return VARARGS;
    }

    /** This signature with further optional parameters after the existing ones. */
    public Signature withOptional(String... names) {
        List<String> more = new ArrayList<>(optional);
        more.addAll(Arrays.asList(names));
        return new Signature(required, more, varargs, anyNamed);
    }

    /** This signature also taking any number of further positional arguments. */
    public Signature withVarargs() {
        return new Signature(required, optional, true, anyNamed);
    }

    /** This signature also taking any further named arguments. */
    public Signature withAnyNamed() {
        return new Signature(required, optional, varargs, true);
    }

    /** The required parameter names, in order. */
    public List<String> required() {
        return required;
    }

    /** The optional parameter names, in order. */
    public List<String> optional() {
        return optional;
    }

    /** All declared parameter names: required then optional. */
    public List<String> names() {
        return names;
    }

    /** Whether further positional arguments are taken. */
    public boolean hasVarargs() {
        return varargs;
    }

    /** Whether further named arguments are taken. */
    public boolean acceptsAnyNamed() {
        return anyNamed;
    }

    /**
     * Binds a call's arguments to this signature.
     *
     * @throws RpcError -32602 with a message naming {@code method} when the arguments do not fit
     */
    public Params bind(String method, Arguments args) {
        return ArgumentBinder.bind(this, method, args);
    }

    /** Binds already-parsed arguments (a JSON array or object). */
    public Params bind(String method, JsonNode args) {
        return bind(method, new Arguments(args));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Signature s && s.required.equals(required) && s.optional.equals(optional)
                && s.varargs == varargs && s.anyNamed == anyNamed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(required, optional, varargs, anyNamed);
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>(required);
        optional.forEach(o -> parts.add(o + "?"));
        if (varargs) {
            parts.add("*args");
        }
        if (anyNamed) {
            parts.add("**named");
        }
        return "(" + String.join(", ", parts) + ")";
    }
}
