package dev.perf.testing;

import dev.perf.cli.Perf;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** The outcome of {@code perf ARGS} run in-process through {@link Perf#run}. */
public record CliRun(int exitCode, String out, String err) {

    /** The smallest real JMH run: one fork, no warm-up, two 100 ms iterations, no progress display. */
    private static final String[] TINY_JMH = {"-f", "1", "-wi", "0", "-i", "2", "-r", "100ms", "--no-progress"};

    /** {@code perf ARGS} with the options of the smallest real JMH run appended. */
    public static CliRun tinyJmh(String... args) {
        String[] all = new String[args.length + TINY_JMH.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(TINY_JMH, 0, all, args.length, TINY_JMH.length);
        return perf(all);
    }

    /** Runs perf in this JVM and captures its streams. */
    public static CliRun perf(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Perf.run(o, e, args);
        }
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
