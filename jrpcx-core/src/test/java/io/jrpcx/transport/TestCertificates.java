package io.jrpcx.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Throwaway TLS material made by {@code openssl} for tests: a CA, a server certificate for
 * {@code localhost} and {@code 127.0.0.1} signed by it, an expired one, one for another name, a client
 * certificate, and a self-signed one. Keys are P-256, PKCS#8 PEM.
 *
 * <pre>{@code
 * TestCertificates certs = TestCertificates.in(tempDir);
 * TlsOptions server = TlsOptions.builder().certificate(certs.serverChain(), certs.serverKey()).build();
 * }</pre>
 */
public final class TestCertificates {
    private static final String CA_CONFIG = """
            [ca]
            default_ca = d
            [d]
            database = index.txt
            new_certs_dir = .
            serial = serial
            policy = p
            default_md = sha256
            copy_extensions = copy
            unique_subject = no
            [p]
            commonName = supplied
            """;
    private final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    /** Makes every certificate in {@code dir}. */
    public static TestCertificates in(Path dir) {
        TestCertificates c = new TestCertificates(dir);
        try {
            Files.writeString(dir.resolve("ca.cnf"), CA_CONFIG);
            Files.writeString(dir.resolve("index.txt"), "");
            Files.writeString(dir.resolve("serial"), "01\n");
            c.run("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=jrpcx-test-ca");
            c.signed("server", "localhost", "DNS:localhost,IP:127.0.0.1,IP:::1", "-days", "2");
            c.signed("expired", "localhost", "DNS:localhost,IP:127.0.0.1,IP:::1",
                    "-startdate", "20200101000000Z", "-enddate", "20200102000000Z");
            c.signed("other", "other.example", "DNS:other.example", "-days", "2");
            c.signed("client", "jrpcx-client", "DNS:jrpcx-client", "-days", "2");
            c.run("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-keyout", "self.key", "-out", "self.pem", "-days", "2", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return c;
    }

    private void signed(String name, String cn, String san, String... dates) {
        run("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", name + ".key",
                "-out", name + ".csr", "-subj", "/CN=" + cn, "-addext", "subjectAltName=" + san);
        List<String> args = new ArrayList<>(List.of("ca", "-batch", "-notext", "-config", "ca.cnf", "-cert", "ca.pem",
                "-keyfile", "ca.key", "-in", name + ".csr", "-out", name + ".pem"));
        args.addAll(List.of(dates));
        run(args.toArray(String[]::new));
    }

    private void run(String... args) {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("openssl " + String.join(" ", args) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Path dir() {
        return dir;
    }

    public Path ca() {
        return dir.resolve("ca.pem");
    }

    public Path chain(String name) {
        return dir.resolve(name + ".pem");
    }

    public Path key(String name) {
        return dir.resolve(name + ".key");
    }

    /** Server options presenting {@code name}'s certificate. */
    public TlsOptions server(String name) {
        return TlsOptions.builder().certificate(chain(name), key(name)).build();
    }

    /**
     * Server options presenting the certificate in {@code live.pem} and {@code live.key}, whose content
     * {@link #installLive} replaces: a server reloading its certificates picks up the new one.
     */
    public TlsOptions live() {
        return server("live");
    }

    /** Copies {@code name}'s certificate chain and key over the files of {@link #live()}. */
    public void installLive(String name) {
        try {
            Files.copy(chain(name), chain("live"), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(key(name), key("live"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Client options trusting the test CA. */
    public TlsOptions client() {
        return TlsOptions.builder().trustedCertificates(ca()).build();
    }

    /** The SHA-256 fingerprint of {@code name}'s certificate, as {@code openssl x509 -fingerprint} prints it. */
    public String fingerprint(String name) {
        try {
            Process p = new ProcessBuilder("openssl", "x509", "-in", chain(name).toString(), "-noout", "-fingerprint",
                    "-sha256").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(60, TimeUnit.SECONDS);
            return out.substring(out.indexOf('=') + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
