package io.jrpcx.javadoc;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Finds the {@code <pre>{@code ...}</pre>} examples in Javadoc comments and compiles each one.
 *
 * <p>Each example becomes one class, {@code Example<n>}, that extends {@link ExampleContext} (so an
 * example may use the locals and helpers declared there, e.g. {@code session} or {@code server}) and
 * imports every exported jrpcx package (as {@code module-info.java} lists them) and a few nested types,
 * plus the usual JDK, Jackson, Netty buffer and JSpecify packages.
 * The example is cut into top-level pieces: declarations (of methods, and of types) go into the class
 * body; everything else, in order, becomes the body of a method that {@code throws Exception}. A compiler
 * error is reported with the source file and line of the example. An example cannot leave code out with
 * {@code ...}: it writes a short real body instead.
 */
final class JavadocExamples {
    /** An example: the file and line (1-based) of its first code line, and its code. */
    record Example(Path file, int line, String code) {
        @Override
        public String toString() {
            return file + ":" + line;
        }
    }

    /** A compile error in an example. */
    record Failure(Example example, int line, String message) {
        @Override
        public String toString() {
            return example.file() + ":" + line + ": " + message;
        }
    }

    private static final Pattern EXPORTS = Pattern.compile("(?m)^\\s*exports\\s+([\\w.]+)\\s*;");

    private static final List<String> IMPORTS = List.of(
            "java.util.*", "java.util.concurrent.*", "java.util.concurrent.atomic.*", "java.util.function.*",
            "java.time.*", "java.net.*", "java.nio.*", "java.nio.file.*", "java.nio.charset.*", "java.math.*",
            "java.io.*", "com.fasterxml.jackson.databind.*", "com.fasterxml.jackson.databind.node.*",
            "com.fasterxml.jackson.databind.json.*", "com.fasterxml.jackson.core.type.*",
            "com.fasterxml.jackson.datatype.jsr310.*", "java.util.zip.*", "io.netty.buffer.*",
            "org.jspecify.annotations.*", "static java.nio.charset.StandardCharsets.UTF_8");

    /** Classes whose Javadoc examples name their nested types without the class name. */
    private static final List<String> NESTED = List.of("io.jrpcx.jsonrpc.JsonRpcConnection", "io.jrpcx.jsonrpc.MethodTable");

    private static final Pattern PUBLIC_TYPE = Pattern.compile("(?m)^public\\s");
    private static final Pattern START = Pattern.compile("<pre>\\{@code");
    private static final Pattern SNIPPET = Pattern.compile("\\{@snippet\\b[^:}]*:\\s*$");
    private static final Pattern END = Pattern.compile("}</pre>");
    private static final Pattern MODIFIER = Pattern.compile(
            "^(public|protected|private|static|abstract|final|default|sealed|non-sealed|class|interface|enum|record)\\b");
    private static final Pattern METHOD = Pattern.compile(
            "^[\\w.<>\\[\\]?, ]*[\\w>\\]]\\s+\\w+\\s*\\(.*\\)\\s*(throws\\s+[\\w., ]+)?\\{.*");
    private static final Pattern STATEMENT_WORD = Pattern.compile(
            "^(return|new|throw|if|for|while|try|switch|do|synchronized|else|var|yield|case)\\b");

    private JavadocExamples() {}

    /** The packages that {@code module-info.java} under the source root exports: the public API. */
    static List<String> exportedPackages(Path sourceRoot) throws IOException {
        Matcher m = EXPORTS.matcher(Files.readString(sourceRoot.resolve("module-info.java"), StandardCharsets.UTF_8));
        List<String> packages = new ArrayList<>();
        while (m.find()) {
            packages.add(m.group(1));
        }
        return packages;
    }

    /** The examples in the {@code .java} files under the given source root's packages. */
    static List<Example> find(Path sourceRoot, List<String> packages) throws IOException {
        List<Example> examples = new ArrayList<>();
        for (String pkg : packages) {
            Path dir = sourceRoot.resolve(pkg.replace('.', '/'));
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                    String source = Files.readString(file, StandardCharsets.UTF_8);
                    if (file.endsWith("package-info.java") || PUBLIC_TYPE.matcher(source).find()) {   // published
                        examples.addAll(find(file, source));
                    }
                }
            }
        }
        return examples;
    }

    /** The files under the source root's packages that declare a public top-level type but hold no example. */
    static List<Path> publicTypesWithoutExample(Path sourceRoot, List<String> packages) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (String pkg : packages) {
            try (Stream<Path> files = Files.list(sourceRoot.resolve(pkg.replace('.', '/')))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                    String source = Files.readString(file, StandardCharsets.UTF_8);
                    if (!file.endsWith("package-info.java") && PUBLIC_TYPE.matcher(source).find()
                            && find(file, source).isEmpty()) {
                        missing.add(file);
                    }
                }
            }
        }
        return missing;
    }

    /** The examples in one source file's text: {@code <pre>{@code ...}</pre>} and inline {@code {@snippet : ...}}. */
    static List<Example> find(Path file, String source) {
        List<Example> examples = new ArrayList<>();
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher snippet = SNIPPET.matcher(lines[i]);
            if (snippet.find()) {
                i = snippet(file, lines, i, examples);
                continue;
            }
            Matcher start = START.matcher(lines[i]);
            if (!start.find()) {
                continue;
            }
            StringBuilder code = new StringBuilder();
            String first = lines[i].substring(start.end());
            int firstLine = i + 2;
            if (!first.isBlank()) {   // code on the same line as <pre>{@code
                code.append(first).append('\n');
                firstLine = i + 1;
            }
            int j = i + 1;
            for (; j < lines.length; j++) {
                String line = stripStar(lines[j]);
                Matcher end = END.matcher(line);
                if (end.find()) {
                    code.append(line, 0, end.start()).append('\n');
                    break;
                }
                code.append(line).append('\n');
            }
            examples.add(new Example(file, firstLine, code.toString()));
            i = j;
        }
        return examples;
    }

    /** Adds the inline snippet that starts on line {@code i} (its body on the next lines); the index of its last line. */
    private static int snippet(Path file, String[] lines, int i, List<Example> examples) {
        StringBuilder code = new StringBuilder();
        int depth = 1;   // the snippet tag's own brace
        int j = i + 1;
        for (; j < lines.length && depth > 0; j++) {
            String line = stripStar(lines[j]);
            int change = depth(line);
            if (depth + change <= 0) {   // the tag's closing brace is the last one on this line
                String last = line.substring(0, line.lastIndexOf('}'));
                if (!last.isBlank()) {
                    code.append(last).append('\n');
                }
                depth = 0;
                break;
            }
            depth += change;
            code.append(line).append('\n');
        }
        examples.add(new Example(file, i + 2, code.toString()));
        return j;
    }

    private static String stripStar(String line) {
        String trimmed = line.stripLeading();
        if (trimmed.startsWith("*")) {
            trimmed = trimmed.substring(1);
            return trimmed.startsWith(" ") ? trimmed.substring(1) : trimmed;
        }
        return line;
    }

    /** The compilation unit for an example; {@code lineMap[i]} is the example line of unit line {@code i + 1}, or -1. */
    static String unit(Example example, List<String> packages, String className, int[] lineMap) {
        List<String> out = new ArrayList<>();
        List<Integer> map = new ArrayList<>();
        for (String pkg : packages) {
            add(out, map, "import " + pkg + ".*;", -1);
        }
        for (String type : NESTED) {   // nested types by their simple names, e.g. JsonRpcConnection.Outgoing
            add(out, map, "import " + type + ".*;", -1);
        }
        for (String imp : IMPORTS) {
            add(out, map, "import " + imp + ";", -1);
        }
        add(out, map, "@SuppressWarnings(\"all\")", -1);
        add(out, map, "abstract class " + className + " extends io.jrpcx.javadoc.ExampleContext {", -1);
        List<Piece> pieces = pieces(example.code());
        for (Piece piece : pieces) {
            if (piece.member) {
                for (int k = 0; k < piece.lines.size(); k++) {
                    add(out, map, piece.lines.get(k), piece.firstLine + k);
                }
            }
        }
        add(out, map, "void example() throws Exception {", -1);
        for (Piece piece : pieces) {
            if (!piece.member) {
                for (int k = 0; k < piece.lines.size(); k++) {
                    add(out, map, piece.lines.get(k), piece.firstLine + k);
                }
            }
        }
        add(out, map, "}", -1);
        add(out, map, "}", -1);
        for (int k = 0; k < map.size() && k < lineMap.length; k++) {
            lineMap[k] = map.get(k);
        }
        return String.join("\n", out) + "\n";
    }

    private static void add(List<String> out, List<Integer> map, String line, int exampleLine) {
        out.add(line);
        map.add(exampleLine);
    }

    /** A top-level piece of an example: its lines, the index of its first line, and whether it is a member. */
    record Piece(List<String> lines, int firstLine, boolean member) {}

    /** Cuts an example into top-level pieces (a piece ends where the braces close and a line ends in ; or }). */
    static List<Piece> pieces(String code) {
        List<Piece> pieces = new ArrayList<>();
        String[] lines = code.split("\n");
        int depth = 0;
        List<String> current = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < lines.length; i++) {
            if (current.isEmpty()) {
                start = i;
            }
            current.add(lines[i]);
            depth += depth(lines[i]);
            String trimmed = stripComment(lines[i]).strip();
            boolean annotationOnly = trimmed.startsWith("@") && !trimmed.contains(" ") && !trimmed.endsWith(";");
            if (depth <= 0 && !annotationOnly && (trimmed.isEmpty() || trimmed.endsWith(";") || trimmed.endsWith("}"))) {
                pieces.add(new Piece(current, start, isMember(current)));
                current = new ArrayList<>();
                depth = 0;
            }
        }
        if (!current.isEmpty()) {
            pieces.add(new Piece(current, start, isMember(current)));
        }
        return pieces;
    }

    private static boolean isMember(List<String> lines) {
        for (String line : lines) {
            String t = stripComment(line).strip();
            if (t.isEmpty()) {
                continue;
            }
            if (t.startsWith("@")) {   // an annotation: a member declaration (local types are declared bare)
                return true;
            }
            if (STATEMENT_WORD.matcher(t).find()) {
                return false;
            }
            return MODIFIER.matcher(t).find() || METHOD.matcher(t).matches();
        }
        return false;
    }

    private static String stripComment(String line) {
        int slash = line.indexOf("//");
        return slash < 0 ? line : line.substring(0, slash);
    }

    /** The change in brace depth over a line, ignoring braces in string and character literals and comments. */
    private static int depth(String line) {
        int d = 0;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '/' && i + 1 < line.length() && line.charAt(i + 1) == '/') {
                break;
            } else if (c == '{') {
                d++;
            } else if (c == '}') {
                d--;
            }
        }
        return d;
    }

    /**
     * Compiles every example, importing {@code packages}, against the given class path; the failures,
     * empty when all compile.
     */
    static List<Failure> compile(List<Example> examples, List<String> packages, String classPath) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<JavaFileObject> units = new ArrayList<>();
        List<int[]> maps = new ArrayList<>();
        for (int n = 0; n < examples.size(); n++) {
            int[] map = new int[examples.get(n).code().split("\n").length + 200];
            Arrays.fill(map, -1);
            String name = "Example" + n;
            units.add(new Source(name, unit(examples.get(n), packages, name, map)));
            maps.add(map);
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Path out;
        try {
            out = Files.createTempDirectory("javadoc-examples");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> options = List.of("--release", "21", "-proc:none", "-classpath", classPath, "-d", out.toString(),
                "-Xmaxerrs", "10000");
        StringWriter log = new StringWriter();
        compiler.getTask(log, null, diagnostics, options, null, units).call();
        List<Failure> failures = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            int n = units.indexOf(d.getSource());
            if (n < 0) {   // not in an example: the compiler itself could not run as asked
                throw new IllegalStateException(d.getMessage(Locale.ROOT) + "\n" + log);
            }
            Example example = examples.get(n);
            int unitLine = (int) d.getLineNumber();
            int exampleLine = unitLine >= 1 && unitLine <= maps.get(n).length ? maps.get(n)[unitLine - 1] : -1;
            int line = exampleLine < 0 ? example.line() : example.line() + exampleLine;
            failures.add(new Failure(example, line, d.getMessage(Locale.ROOT)));
        }
        return failures;
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String code;

        Source(String name, String code) {
            super(URI.create("string:///" + name + ".java"), Kind.SOURCE);
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }
}
