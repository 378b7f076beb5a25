package io.jrpcx.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The version the command was built as, from {@code version.properties}, which the build fills in.
 *
 * <pre>{@code
 * String v = Version.current();   // "0.1.0-SNAPSHOT"
 * }</pre>
 */
final class Version implements IVersionProvider {
    /** The build's version, or {@code unknown} when the resource is missing (a build that skipped it). */
    static String current() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"jrpcx " + current() + " (Java " + Runtime.version() + ")"};
    }
}
