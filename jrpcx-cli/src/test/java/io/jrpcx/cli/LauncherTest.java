package io.jrpcx.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./jrpcx} launcher's start-up caches, run through a symbolic link on the PATH against a copy of
 * the project layout whose command jar is {@link LauncherProbe}: the cache is made once per jar and JDK
 * and used; a rebuilt jar, another JDK or a broken cache never breaks a command or goes unnoticed; a
 * failed training run leaves the command running from the jar as before.
 */
@Timeout(300)
class LauncherTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;
    private Path project;
    private Path jar;
    private Path aot;
    private Path bin;

    /** What one run of the launcher printed and returned. */
    record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void project() throws IOException {
        assumeTrue(Runtime.version().feature() >= 25, "the start-up caches need JDK 25");
        project = dir.resolve("project");
        Files.createDirectories(project.resolve("jrpcx-cli/src/aot"));
        Files.createDirectories(project.resolve("jrpcx-cli/target"));
        Files.copy(ROOT.resolve("jrpcx"), project.resolve("jrpcx"));
        project.resolve("jrpcx").toFile().setExecutable(true);
        Files.copy(ROOT.resolve("jrpcx-cli/src/aot/UpgradeOldClasses.java"),
                project.resolve("jrpcx-cli/src/aot/UpgradeOldClasses.java"));
        Files.writeString(project.resolve("pom.xml"), "<project/>\n");
        Files.setLastModifiedTime(project.resolve("pom.xml"), FileTime.from(Instant.now().minusSeconds(3600)));
        jar = project.resolve("jrpcx-cli/target/jrpcx-cli-all.jar");
        writeJar("1");
        aot = project.resolve("jrpcx-cli/target/aot");
        bin = Files.createDirectories(dir.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("jrpcx"), project.resolve("jrpcx"));
    }

    /** The probe's jar, with a resource that makes each version's bytes differ. */
    private void writeJar(String version) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, LauncherProbe.class.getName());
        String entry = LauncherProbe.class.getName().replace('.', '/') + ".class";
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            jarOut.putNextEntry(new JarEntry(entry));
            try (var in = LauncherProbe.class.getClassLoader().getResourceAsStream(entry)) {
                in.transferTo(jarOut);
            }
            jarOut.putNextEntry(new JarEntry("version.txt"));
            jarOut.write(version.getBytes(StandardCharsets.UTF_8));
        }
    }

    private Run run(Map<String, String> env, String... args) throws Exception {
        // the launcher is run through the link on the PATH, from another directory
        List<String> command = new java.util.ArrayList<>(List.of(bin.resolve("jrpcx").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("JRPCX_AOT");
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        String out = read(p.getInputStream());
        assertThat(p.waitFor(240, TimeUnit.SECONDS)).as("launcher finished").isTrue();
        return new Run(p.exitValue(), out, err.get(10, TimeUnit.SECONDS));
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Run run(String... args) throws Exception {
        return run(Map.of(), args);
    }

    private String clientCache() {
        return "-XX:AOTCache=" + aot.resolve("client.aot");
    }

    @Test
    void aCacheIsMadeOnceAndThenUsed() throws Exception {
        Run first = run("call", "tcp://127.0.0.1:1", "echo");
        assertThat(first.exit()).isZero();
        assertThat(first.err()).contains("making the start-up cache");
        assertThat(first.out()).startsWith("args=call tcp://127.0.0.1:1 echo|")
                .contains("|cp=" + aot.resolve("jrpcx-cli-aot.jar") + "|")
                .contains(clientCache()).contains("-XX:TieredStopAtLevel=1");
        assertThat(aot.resolve("client.aot")).isNotEmptyFile();

        Run second = run("--version");
        assertThat(second).extracting(Run::exit, Run::err).containsExactly(0, "");
        assertThat(second.out()).startsWith("args=--version|").contains(clientCache());
    }

    @Test
    void serveHasACacheOfItsOwnWithTheDefaultJit() throws Exception {
        Run serve = run("serve", "--tcp", "127.0.0.1:0");
        assertThat(serve.exit()).isZero();
        assertThat(serve.out()).contains("-XX:AOTCache=" + aot.resolve("server.aot"))
                .doesNotContain("TieredStopAtLevel").doesNotContain("client.aot");
        Run bench = run("bench", "x");
        assertThat(bench.out()).contains("|cp=" + jar + "|").doesNotContain("AOTCache");
    }

    @Test
    void aRebuiltJarGetsANewCache() throws Exception {
        run("--version");
        String oldKey = Files.readString(aot.resolve("client.aot.key"));
        writeJar("2");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
        Run after = run("--version");
        assertThat(after.err()).contains("making the start-up cache");
        assertThat(after.out()).contains(clientCache());
        assertThat(Files.readString(aot.resolve("client.aot.key"))).isNotEqualTo(oldKey);
        assertThat(Files.readString(aot.resolve("jrpcx-cli-aot.jar.key"))).isNotEqualTo(oldKey);
    }

    @Test
    void aCacheMadeForAnotherJdkIsMadeAgain() throws Exception {
        run("--version");
        Files.writeString(aot.resolve("client.aot.key"), "/opt/other-jdk/bin/java \"25.0.0+1\" 1 2\n");
        Run after = run("--version");
        assertThat(after.err()).contains("making the start-up cache");
        assertThat(after.out()).contains(clientCache());
    }

    @Test
    void aBrokenCacheIsPassedOverInSilence() throws Exception {
        run("--version");
        Path cache = aot.resolve("client.aot");
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(cache), 1000);
        Files.write(cache, head);
        Run after = run("call", "x");
        assertThat(after).extracting(Run::exit, Run::err).containsExactly(0, "");
        assertThat(after.out()).startsWith("args=call x|");
    }

    @Test
    void aFailedTrainingRunLeavesTheCommandRunningFromTheJar() throws Exception {
        Run run = run(Map.of("PROBE_FAIL_TRAINING", "1"), "call", "x");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("args=call x|").contains("|cp=" + jar + "|").doesNotContain("AOTCache");
        assertThat(aot.resolve("client.aot")).doesNotExist();
        assertThat(aot.resolve("client.aot.key")).doesNotExist();

        // not tried again for the same jar and JDK: each short command would pay for the training run
        Run again = run(Map.of("PROBE_FAIL_TRAINING", "1"), "call", "y");
        assertThat(again).extracting(Run::exit, Run::err).containsExactly(0, "");
        assertThat(again.out()).startsWith("args=call y|").contains("|cp=" + jar + "|");

        // a rebuilt jar gets its chance
        writeJar("2");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
        Run rebuilt = run("call", "z");
        assertThat(rebuilt.err()).contains("making the start-up cache");
        assertThat(rebuilt.out()).contains(clientCache());
    }

    @Test
    void jrpcxAotZeroTurnsTheCachesOff() throws Exception {
        Run run = run(Map.of("JRPCX_AOT", "0"), "call", "x");
        assertThat(run).extracting(Run::exit, Run::err).containsExactly(0, "");
        assertThat(run.out()).contains("|cp=" + jar + "|").doesNotContain("AOTCache");
        assertThat(aot).doesNotExist();
    }

    @Test
    void oldClassesAreRewrittenAsJava8ClassesThatStillVerify() throws Exception {
        Path picocliJar = Path.of(picocli.CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path out = dir.resolve("upgraded.jar");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                ROOT.resolve("jrpcx-cli/src/aot/UpgradeOldClasses.java").toString(), picocliJar.toString(), out.toString())
                .redirectErrorStream(true).start();
        String output = read(p.getInputStream());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        List<String> before = classes(picocliJar);
        assertThat(before).as("picocli's jar holds Java 5 classes").anyMatch(name -> major(picocliJar, name) < 50);
        assertThat(classes(out)).containsExactlyElementsOf(before);
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {out.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            for (String name : before) {
                assertThat(major(out, name)).as(name).isGreaterThanOrEqualTo(50);
                // initializing links, and linking verifies the stack maps written for the new version
                Class<?> c = Class.forName(name.replace('/', '.').replace(".class", ""), true, loader);
                assertThat(c.getClassLoader()).isSameAs(loader);
            }
            Class<?> commandLine = Class.forName("picocli.CommandLine", true, loader);
            assertThat(commandLine.getField("VERSION").get(null)).isEqualTo(picocli.CommandLine.VERSION);
        }
    }

    private static List<String> classes(Path jarFile) throws IOException {
        try (java.util.jar.JarFile j = new java.util.jar.JarFile(jarFile.toFile())) {
            return j.stream().map(java.util.zip.ZipEntry::getName)
                    .filter(n -> n.endsWith(".class") && !n.startsWith("META-INF/")).sorted().toList();
        }
    }

    private static int major(Path jarFile, String entry) {
        try (java.util.jar.JarFile j = new java.util.jar.JarFile(jarFile.toFile());
             var in = j.getInputStream(j.getEntry(entry))) {
            byte[] head = in.readNBytes(8);
            return ((head[6] & 0xff) << 8) | (head[7] & 0xff);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
