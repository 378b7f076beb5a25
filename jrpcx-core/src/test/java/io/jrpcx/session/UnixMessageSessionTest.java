package io.jrpcx.session;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The message-session suite over a Unix domain socket. */
class UnixMessageSessionTest extends MessageSessionSuite {
    @TempDir
    Path dir;

    @Override
    protected String listenUrl() {
        return "unix://" + dir.resolve("messages.sock");
    }
}
