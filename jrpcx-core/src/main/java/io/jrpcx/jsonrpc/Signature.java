package io.jrpcx.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The parameters a method takes: required names, then optional names, then optionally any number of
 * further positional arguments ({@link #withVarargs()}), named-only parameters (required:
 * {@link #withNamedOnly(String...)}, optional: {@link #withOptionalNamedOnly(String...)}; like Python's
 * keyword-only arguments, they are never filled by position) and any further named arguments
 * ({@link #withAnyNamed()}). Binding a call's {@link Arguments} checks them with the reference
 * implementation's rules and messages (all -32602): too few or too many positional arguments, required
 * names missing, names the method does not take; a required named-only parameter not passed is -32602
 * {@code method "m" requires named parameter "k"} (the reference fails there with an internal error).
 *
 * <pre>{@code
 * Signature echo = Signature.of("message");
 * Signature sum = Signature.varargs();
 * Signature range = Signature.of("start").withOptional("stop", "step");
 * Params p = range.bind("range", Arguments.of(1, 10));   // p.get("stop") is 10
 * Signature query = Signature.of("sql").withOptionalNamedOnly("timeout");   // timeout only by name
 * }</pre>
 */
public final class Signature {
    private static final Signature VARARGS = new Signature(List.of(), List.of(), true, List.of(), List.of(), false);

    private final List<String> required;
    private final List<String> optional;
    private final boolean varargs;
    private final List<String> namedOnly;
    private final List<String> optionalNamedOnly;
    private final boolean anyNamed;
    private final List<String> names;
    private final List<String> positionalNames;

    private Signature(List<String> required, List<String> optional, boolean varargs, List<String> namedOnly,
            List<String> optionalNamedOnly, boolean anyNamed) {
        this.required = List.copyOf(required);
        this.optional = List.copyOf(optional);
        this.varargs = varargs;
        this.namedOnly = List.copyOf(namedOnly);
        this.optionalNamedOnly = List.copyOf(optionalNamedOnly);
        this.anyNamed = anyNamed;
        List<String> all = new ArrayList<>(required);
        all.addAll(optional);
        this.positionalNames = List.copyOf(all);
        all.addAll(namedOnly);
        all.addAll(optionalNamedOnly);
        this.names = List.copyOf(all);
        if (Set.copyOf(all).size() != names.size()) {
            throw new IllegalArgumentException("duplicate parameter names: " + names);
        }
    }

    /**
     * {@return a method taking exactly these (required) parameters; {@code of()} takes none}
     *
     * @param required the parameters' names, in positional order
     */
    public static Signature of(String... required) {
        return new Signature(Arrays.asList(required), List.of(), false, List.of(), List.of(), false);
    }

    /** {@return a method taking any number of positional arguments and no named ones, like {@code sum}} */
    public static Signature varargs() {
        return VARARGS;
    }

    /**
     * {@return this signature with further optional parameters after the existing ones}
     *
     * @param names the parameters' names, in positional order
     */
    public Signature withOptional(String... names) {
        List<String> more = new ArrayList<>(optional);
        more.addAll(Arrays.asList(names));
        return new Signature(required, more, varargs, namedOnly, optionalNamedOnly, anyNamed);
    }

    /** {@return this signature also taking any number of further positional arguments} */
    public Signature withVarargs() {
        return new Signature(required, optional, true, namedOnly, optionalNamedOnly, anyNamed);
    }

    /**
     * {@return this signature with further required parameters that can only be passed by name}
     *
     * @param names the parameters' names
     */
    public Signature withNamedOnly(String... names) {
        List<String> more = new ArrayList<>(namedOnly);
        more.addAll(Arrays.asList(names));
        return new Signature(required, optional, varargs, more, optionalNamedOnly, anyNamed);
    }

    /**
     * {@return this signature with further optional parameters that can only be passed by name}
     *
     * @param names the parameters' names
     */
    public Signature withOptionalNamedOnly(String... names) {
        List<String> more = new ArrayList<>(optionalNamedOnly);
        more.addAll(Arrays.asList(names));
        return new Signature(required, optional, varargs, namedOnly, more, anyNamed);
    }

    /** {@return this signature also taking any further named arguments} */
    public Signature withAnyNamed() {
        return new Signature(required, optional, varargs, namedOnly, optionalNamedOnly, true);
    }

    /** {@return the required parameter names, in order} */
    public List<String> required() {
        return required;
    }

    /** {@return the optional parameter names, in order} */
    public List<String> optional() {
        return optional;
    }

    /** {@return the required named-only parameter names, in order} */
    public List<String> namedOnly() {
        return namedOnly;
    }

    /** {@return the optional named-only parameter names, in order} */
    public List<String> optionalNamedOnly() {
        return optionalNamedOnly;
    }

    /** {@return the parameters that may be passed by position: required then optional} */
    public List<String> positionalNames() {
        return positionalNames;
    }

    /** {@return all declared parameter names: required, optional, then named-only required and optional} */
    public List<String> names() {
        return names;
    }

    /** {@return whether further positional arguments are taken} */
    public boolean hasVarargs() {
        return varargs;
    }

    /** {@return whether further named arguments are taken} */
    public boolean acceptsAnyNamed() {
        return anyNamed;
    }

    /**
     * Binds a call's arguments to this signature.
     *
     * @param method the method's name, for error messages
     * @param args the call's arguments
     * @return the bound arguments
     * @throws RpcError -32602 with a message naming {@code method} when the arguments do not fit
     */
    public Params bind(String method, Arguments args) {
        return ArgumentBinder.bind(this, method, args);
    }

    /**
     * Binds already-parsed arguments (a JSON array or object).
     *
     * @param method the method's name, for error messages
     * @param args a JSON array or object
     * @return the bound arguments
     */
    public Params bind(String method, JsonNode args) {
        return bind(method, new Arguments(args));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Signature s && s.required.equals(required) && s.optional.equals(optional)
                && s.varargs == varargs && s.namedOnly.equals(namedOnly)
                && s.optionalNamedOnly.equals(optionalNamedOnly) && s.anyNamed == anyNamed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(required, optional, varargs, namedOnly, optionalNamedOnly, anyNamed);
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>(required);
        optional.forEach(o -> parts.add(o + "?"));
        if (varargs) {
            parts.add("*args");
        } else if (!namedOnly.isEmpty() || !optionalNamedOnly.isEmpty()) {
            parts.add("*");
        }
        parts.addAll(namedOnly);
        optionalNamedOnly.forEach(o -> parts.add(o + "?"));
        if (anyNamed) {
            parts.add("**named");
        }
        return "(" + String.join(", ", parts) + ")";
    }
}
