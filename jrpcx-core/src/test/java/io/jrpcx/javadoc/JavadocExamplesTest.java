package io.jrpcx.javadoc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every {@code <pre>{@code ...}</pre>} example in the Javadoc of jrpcx's exported packages compiles, and
 * the check itself finds a broken example.
 */
class JavadocExamplesTest {
    private static final Path SOURCES = Path.of("src/main/java");
    private static final String CLASS_PATH = System.getProperty("java.class.path");

    private static List<String> packages() throws IOException {
        return JavadocExamples.exportedPackages(SOURCES);
    }

    @Test
    void everyExampleCompiles() throws Exception {
        List<String> packages = packages();
        assertThat(packages).contains("io.jrpcx.session", "io.jrpcx.jsonrpc").noneMatch(p -> p.contains("internal"));
        List<JavadocExamples.Example> examples = JavadocExamples.find(SOURCES, packages);
        assertThat(examples).hasSizeGreaterThan(100);
        List<JavadocExamples.Failure> failures = JavadocExamples.compile(examples, packages(), CLASS_PATH);
        assertThat(failures).as("examples that do not compile (file:line: message)").isEmpty();
    }

    @Test
    void everyPublicTypeHasAnExample() throws Exception {
        assertThat(JavadocExamples.publicTypesWithoutExample(SOURCES, packages()))
                .as("public types whose Javadoc has no <pre>{@code ...}</pre> example").isEmpty();
    }

    @Test
    void aBrokenExampleIsReportedWithItsFileAndLine() throws IOException {
        String source = """
                package io.jrpcx.session;

                /**
                 * A session.
                 *
                 * <pre>{@code
                 * RpcClient client = RpcClient.builder().build();
                 * client.conect("tcp://127.0.0.1:8000");
                 * }</pre>
                 */
                public final class Broken {
                }
                """;
        Path file = Path.of("src/main/java/io/jrpcx/session/Broken.java");
        List<JavadocExamples.Example> examples = JavadocExamples.find(file, source);
        assertThat(examples).singleElement().satisfies(e -> assertThat(e.line()).isEqualTo(7));

        List<JavadocExamples.Failure> failures = JavadocExamples.compile(examples, packages(), CLASS_PATH);

        assertThat(failures).singleElement().satisfies(f -> {
            assertThat(f.example().file()).isEqualTo(file);
            assertThat(f.line()).isEqualTo(8);
            assertThat(f.message()).contains("cannot find symbol").contains("conect");
        });
    }

    @Test
    void aSyntaxErrorAndAnElisionFail() throws IOException {
        String source = """
                /**
                 * <pre>{@code
                 * session.request("echo", "hi")
                 * }</pre>
                 *
                 * <pre>{@code
                 * @RpcMethod public String echo(String message) { ... }
                 * }</pre>
                 */
                """;
        List<JavadocExamples.Example> examples = JavadocExamples.find(Path.of("X.java"), source);
        assertThat(examples).hasSize(2);

        List<JavadocExamples.Failure> failures = JavadocExamples.compile(examples, packages(), CLASS_PATH);

        assertThat(failures).extracting(JavadocExamples.Failure::line).contains(3, 7);
    }

    @Test
    void anInlineSnippetIsCheckedToo() throws IOException {
        String source = """
                /**
                 * {@snippet :
                 * if (session.isOpen()) {
                 *     session.sendNotification("log", "hi");
                 * }
                 * session.sendNotifcation("log", "bye");
                 * }
                 */
                """;
        List<JavadocExamples.Example> examples = JavadocExamples.find(Path.of("X.java"), source);
        assertThat(examples).singleElement().satisfies(e -> assertThat(e.code()).endsWith("\"bye\");\n"));

        assertThat(JavadocExamples.compile(examples, packages(), CLASS_PATH))
                .singleElement().satisfies(f -> assertThat(f.line()).isEqualTo(6));
    }

    @Test
    void declarationsGoIntoTheClassAndStatementsIntoAMethod() throws IOException {
        String source = """
                /**
                 * <pre>{@code
                 * @RpcService
                 * public interface Greeter {
                 *     @RpcMethod String greet(String name);
                 * }
                 * @RpcMethod
                 * public String echo(String message) {
                 *     return message;
                 * }
                 * record Point(int x, int y) {}
                 * Greeter greeter = session.proxy(Greeter.class);
                 * String hi = greeter.greet(echo("you")) + new Point(1, 2);
                 * for (int i = 0; i < 2; i++) {
                 *     System.out.println(hi);
                 * }
                 * }</pre>
                 */
                """;
        List<JavadocExamples.Example> examples = JavadocExamples.find(Path.of("X.java"), source);

        assertThat(JavadocExamples.pieces(examples.get(0).code()))
                .extracting(JavadocExamples.Piece::member)
                .containsExactly(true, true, true, false, false, false);
        assertThat(JavadocExamples.compile(examples, packages(), CLASS_PATH)).isEmpty();
    }
}
