package io.jrpcx.socks.testing;

import io.jrpcx.net.NetAddress;
import io.jrpcx.socks.SocksAuth;
import io.jrpcx.socks.SocksProtocol;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * A real SOCKS proxy started for a test on a free loopback port, and stopped by {@link #close()}:
 * dante, microsocks or OpenSSH's dynamic forwarding. Each passes only loopback destinations (dante by
 * its rules; the others are only ever asked for loopback). A test is skipped, with the reason, when
 * the proxy's program is not installed.
 *
 * <pre>{@code
 * try (RealProxy dante = RealProxy.dante(false)) {
 *     SocksProxy proxy = SocksProxy.of(dante.address(), SocksProtocol.SOCKS5, SocksAuth.none());
 *     ...
 * }
 * }</pre>
 */
public final class RealProxy implements AutoCloseable {
    public static final String DANTED = "/usr/sbin/danted";
    public static final String MICROSOCKS = "/usr/bin/microsocks";
    public static final String SSHD = "/usr/sbin/sshd";
    public static final String SSH = "/usr/bin/ssh";
    /** The system account dante's {@code username} method checks, made by {@link #dante} if absent. */
    public static final SocksAuth.User DANTE_ACCOUNT = SocksAuth.user("jrpcxsocks", "jrpcx-socks-pw-7");

    private final String name;
    private final NetAddress address;
    private final Set<SocksProtocol> speaks;
    private final SocksAuth.@Nullable User credentials;
    private final List<ProxyProcess> processes;
    private final Path directory;

    private RealProxy(String name, int port, Set<SocksProtocol> speaks, SocksAuth.@Nullable User credentials,
            List<ProxyProcess> processes, Path directory) {
        this.name = name;
        this.address = NetAddress.of("127.0.0.1", port);
        this.speaks = speaks;
        this.credentials = credentials;
        this.processes = processes;
        this.directory = directory;
    }

    /**
     * dante, speaking SOCKS4 and SOCKS5 (not SOCKS4a); with {@code withAccount}, SOCKS5 needs
     * {@link #DANTE_ACCOUNT}'s user name and password (a system account, created here if absent),
     * and SOCKS4, which cannot carry them, is refused.
     */
    public static RealProxy dante(boolean withAccount) throws IOException {
        assumeInstalled(DANTED);
        if (withAccount) {
            ensureDanteAccount();
        }
        Path dir = Files.createTempDirectory("jrpcx-dante");
        int port = freePort();
        String method = withAccount ? "username" : "none";
        String config = String.join("\n",
                "logoutput: stderr",
                "internal: 127.0.0.1 port = " + port,
                "external: 127.0.0.1",
                "socksmethod: " + method,
                "clientmethod: none",
                "user.privileged: root",
                "user.unprivileged: nobody",
                "client pass { from: 127.0.0.0/8 to: 0.0.0.0/0 }",
                "socks pass { from: 127.0.0.0/8 to: 127.0.0.0/8 }",
                "socks pass { from: 127.0.0.0/8 to: localhost }",
                "socks block { from: 0.0.0.0/0 to: 0.0.0.0/0 }",
                "");
        Path conf = dir.resolve("danted.conf");
        Files.writeString(conf, config);
        ProxyProcess p = ProxyProcess.start("danted", List.of(DANTED, "-f", conf.toString(),
                "-p", dir.resolve("danted.pid").toString()));
        // dante logs "running" once it has bound its internal address
        return started("dante" + (withAccount ? " (username)" : ""), port,
                withAccount ? Set.of(SocksProtocol.SOCKS5) : Set.of(SocksProtocol.SOCKS4, SocksProtocol.SOCKS5),
                withAccount ? DANTE_ACCOUNT : null, dir, p, "running");
    }

    /** microsocks, speaking SOCKS5 only; with {@code credentials}, it requires them. */
    public static RealProxy microsocks(SocksAuth.@Nullable User credentials) throws IOException {
        assumeInstalled(MICROSOCKS);
        Path dir = Files.createTempDirectory("jrpcx-microsocks");
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(MICROSOCKS, "-i", "127.0.0.1", "-p", Integer.toString(port)));
        if (credentials != null) {
            command.addAll(List.of("-u", credentials.username(), "-P", credentials.password()));
        }
        ProxyProcess p = ProxyProcess.start("microsocks", command);
        return started("microsocks" + (credentials != null ? " (username)" : ""), port,
                Set.of(SocksProtocol.SOCKS5), credentials, dir, p, null);   // microsocks prints nothing when ready
    }

    /**
     * {@code ssh -N -D} to a private sshd on loopback, speaking SOCKS4, SOCKS4a and SOCKS5 without
     * authentication. OpenSSH closes the connection, with no reply, when it cannot reach a
     * destination.
     */
    public static RealProxy sshDynamic() throws IOException {
        assumeInstalled(SSHD);
        assumeInstalled(SSH);
        Path dir = Files.createTempDirectory("jrpcx-ssh");
        run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("host").toString()));
        run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("user").toString()));
        Files.copy(dir.resolve("user.pub"), dir.resolve("authorized_keys"));
        Files.createDirectories(Path.of("/run/sshd"));
        int sshPort = freePort();
        ProxyProcess sshd = ProxyProcess.start("sshd", List.of(SSHD, "-D", "-e", "-f", "/dev/null",
                "-h", dir.resolve("host").toString(), "-p", Integer.toString(sshPort),
                "-o", "ListenAddress=127.0.0.1", "-o", "AuthorizedKeysFile=" + dir.resolve("authorized_keys"),
                "-o", "PermitRootLogin=prohibit-password", "-o", "StrictModes=no", "-o", "PidFile=none"));
        List<ProxyProcess> started = new ArrayList<>(List.of(sshd));
        try {
            sshd.awaitLine("Server listening on 127.0.0.1 port " + sshPort);
            int socksPort = freePort();
            ProxyProcess ssh = ProxyProcess.start("ssh -D", List.of(SSH, "-v", "-i", dir.resolve("user").toString(),
                    "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
                    "-N", "-D", "127.0.0.1:" + socksPort, "-p",
                    Integer.toString(sshPort), System.getProperty("user.name") + "@127.0.0.1"));
            started.add(ssh);
            ssh.awaitLine("Local forwarding listening on 127.0.0.1 port " + socksPort);
            return new RealProxy("ssh -D", socksPort, Set.of(SocksProtocol.values()), null, started, dir);
        } catch (IOException | RuntimeException e) {
            started.forEach(ProxyProcess::close);
            deleteTree(dir);
            throw e;
        }
    }

    private static RealProxy started(String name, int port, Set<SocksProtocol> speaks,
            SocksAuth.@Nullable User credentials, Path dir, ProxyProcess p, @Nullable String readyLine)
            throws IOException {
        try {
            if (readyLine != null) {
                p.awaitLine(readyLine);
            } else {
                p.awaitPort(port);
            }
        } catch (IOException e) {
            p.close();
            deleteTree(dir);
            throw e;
        }
        return new RealProxy(name, port, speaks, credentials, List.of(p), dir);
    }

    /** The proxy's name, for messages and test names. */
    public String name() {
        return name;
    }

    /** Where the proxy listens: 127.0.0.1 and a free port. */
    public NetAddress address() {
        return address;
    }

    /** The protocols this proxy grants connections with. */
    public Set<SocksProtocol> speaks() {
        return speaks;
    }

    /** The user name and password the proxy requires, if it requires any. */
    public Optional<SocksAuth.User> credentials() {
        return Optional.ofNullable(credentials);
    }

    /** What the proxy processes printed so far. */
    public String output() {
        StringBuilder b = new StringBuilder();
        for (ProxyProcess p : processes) {
            b.append(p.output());
        }
        return b.toString();
    }

    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
        deleteTree(directory);
    }

    @Override
    public String toString() {
        return name + " at " + address;
    }

    /** A port that was free on 127.0.0.1 a moment ago. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void assumeInstalled(String program) {
        Assumptions.assumeTrue(ProxyProcess.installed(program), program + " is not installed; skipping");
    }

    private static synchronized void ensureDanteAccount() throws IOException {
        String user = DANTE_ACCOUNT.username();
        if (exitCode(List.of("id", "-u", user)) != 0) {
            Assumptions.assumeTrue(exitCode(List.of("useradd", "-M", "-s", "/usr/sbin/nologin", user)) == 0,
                    "cannot create the system account " + user + " that dante's username method checks");
        }
        Process p = new ProcessBuilder("chpasswd").redirectErrorStream(true).start();
        p.getOutputStream().write((user + ":" + DANTE_ACCOUNT.password() + "\n").getBytes());
        p.getOutputStream().close();
        try {
            Assumptions.assumeTrue(p.waitFor() == 0, "cannot set the password of " + user + ": "
                    + new String(p.getInputStream().readAllBytes()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void run(List<String> command) throws IOException {
        int code = exitCode(command);
        if (code != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + code);
        }
    }

    private static int exitCode(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }
}
