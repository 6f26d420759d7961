package dev.perf.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The shaded jar as the integration tests run it: {@code java -jar target/perf.jar ARGS}. */
public final class PerfJar {
    /** The jar under test: {@code -Dperf.jar}, else {@code target/perf.jar}. */
    public static final Path JAR =
            Path.of(System.getProperty("perf.jar", "target/perf.jar")).toAbsolutePath();

    private PerfJar() {}

    /**
     * The command line of {@code perf ARGS}, with SIGINT's default action restored: a shell that starts a job in
     * the background ({@code cmd &}, {@code nohup}) makes it ignore SIGINT, the JVM then never installs its
     * handler, and a test's Ctrl-C would be lost before perf could see it (GNU env's {@code --default-signal}).
     */
    public static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(
                "env",
                "--default-signal=INT",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toString()));
        command.addAll(List.of(args));
        return command;
    }
}
