package io.jrpcx.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the test scripts under {@code src/test/python} with Debian's {@code /usr/bin/python3} and
 * returns what it printed; a script that fails or outlives its time fails the test with its stderr.
 *
 * <pre>{@code
 * String out = PythonScript.run(Duration.ofSeconds(60), "bitcoinlib_messages.py", "make");
 * }</pre>
 */
public final class PythonScript {
    /** Debian's interpreter, which has the python3-* packages the tests use. */
    public static final String PYTHON = "/usr/bin/python3";
    private static final Path SCRIPTS = Path.of("src", "test", "python");

    private PythonScript() {
    }

    /** Runs {@code script} with {@code args} and returns its standard output. */
    public static String run(Duration timeout, String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PYTHON, SCRIPTS.resolve(script).toString()));
        command.addAll(List.of(args));
        Path stderr = Files.createTempFile("jrpcx-python", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectError(stderr.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> {
                try {
                    return process.getInputStream().readAllBytes();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(script + " did not finish in " + timeout + ": " + Files.readString(stderr));
            }
            String stdout = new String(out.join(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new AssertionError(script + " exited with " + process.exitValue() + ": " + Files.readString(stderr));
            }
            return stdout;
        } finally {
            Files.deleteIfExists(stderr);
        }
    }
}
