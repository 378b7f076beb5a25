package io.jrpcx.cli;

import java.lang.management.ManagementFactory;

/**
 * Stands in for the command in {@link LauncherTest}: prints its arguments, the jar it runs from and the
 * JVM options it was given, and fails the training run when {@code PROBE_FAIL_TRAINING} is set.
 *
 * <pre>{@code
 * java -cp probe.jar io.jrpcx.cli.LauncherProbe call x   // args=call x|cp=probe.jar|jvm=[...]
 * }</pre>
 */
public final class LauncherProbe {
    private LauncherProbe() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("train") && System.getenv("PROBE_FAIL_TRAINING") != null) {
            System.exit(1);
        }
        System.out.println("args=" + String.join(" ", args) + "|cp=" + System.getProperty("java.class.path")
                + "|jvm=" + ManagementFactory.getRuntimeMXBean().getInputArguments());
    }
}
