package dev.perf.profile;

import dev.perf.result.PerfException;
import dev.perf.result.Redaction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What {@code perf profile} was asked to do. Immutable.
 *
 * @param target what to profile
 * @param duration how long to record; for a command, null means until it exits
 * @param mode what to sample
 * @param engine which profiler to use
 * @param outputDir where the outputs go
 * @param threads split stacks per thread
 * @param include keep only stacks with a frame matching this; null for all
 * @param exclude drop stacks with a frame matching this; null for none
 * @param top how many methods the summary lists
 */
public record ProfileRequest(
        Target target,
        Duration duration,
        Mode mode,
        Engine engine,
        Path outputDir,
        boolean threads,
        Pattern include,
        Pattern exclude,
        int top) {

    public ProfileRequest {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(outputDir, "outputDir");
        if (duration != null && (duration.isZero() || duration.isNegative())) {
            throw PerfException.usage("--duration must be positive, e.g. 30s; was " + duration);
        }
        if (top < 1) {
            throw PerfException.usage("--top must be at least 1, was " + top);
        }
    }

    /** What to profile. */
    public sealed interface Target {
        /** How reports name it: {@code pid 42}, the command line (secrets masked), {@code JMH regex}. */
        default String describe() {
            if (this instanceof Pid p) {
                return "pid " + p.pid();
            }
            if (this instanceof Command c) {
                return String.join(" ", Redaction.commandLine(c.argv())); // reports never show a secret
            }
            return "JMH " + ((Jmh) this).regex();
        }

        /** A running process, attached to. */
        record Pid(long pid) implements Target {}

        /** A command perf launches. */
        record Command(List<String> argv) implements Target {
            public Command {
                argv = List.copyOf(argv);
                if (argv.isEmpty()) {
                    throw PerfException.usage("give the command to profile after --");
                }
            }
        }

        /**
         * JMH benchmarks matching a regex, of {@code suite} (null: ./perf.yaml, else the demo), run with JMH's
         * profiler support.
         */
        record Jmh(String regex, java.nio.file.Path suite) implements Target {
            /** Benchmarks of the suite in the working directory (or the demo). */
            public Jmh(String regex) {
                this(regex, null);
            }
        }
    }

    /** What a profile samples. */
    public enum Mode {
        /** On-CPU time: where the CPU goes. */
        cpu,
        /** Wall-clock time of every thread, running or not. */
        wall,
        /** Allocations: where the bytes are allocated. */
        alloc,
        /** Contended locks: where threads wait to enter monitors or park. */
        lock
    }

    /** Which profiler. */
    public enum Engine {
        /** async-profiler when it loads here, JFR otherwise. */
        auto,
        /** JDK Flight Recorder. */
        jfr,
        /** async-profiler. */
        async
    }
}
