package dev.perf.profile;

import dev.perf.result.PerfException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import one.convert.Arguments;
import one.convert.JfrToFlame;

/**
 * Flame graphs and collapsed stacks from a JFR file (JDK Flight Recorder or async-profiler's JFR output)
 * through async-profiler's converter ({@code tools.profiler:jfr-converter}): the HTML is its self-contained
 * interactive flame graph (search, zoom, no network).
 */
final class FlameGraphs {
    private FlameGraphs() {}

    /** The converter's options for one mode; {@code collapsed} selects the output format. */
    static Arguments arguments(
            ProfileRequest.Mode mode,
            boolean threads,
            Pattern include,
            Pattern exclude,
            String title,
            boolean collapsed) {
        Arguments args = new Arguments();
        switch (mode) {
                // execution samples, the converter's default: its --cpu means CPU-time events, which JDK
                // Flight Recorder before JDK 25 does not record
            case cpu -> {}
            case wall -> args.wall = true;
            case alloc -> args.alloc = true;
            case lock -> args.lock = true;
        }
        // bytes and nanoseconds, not event counts, for allocation and lock profiles
        args.total = mode == ProfileRequest.Mode.alloc || mode == ProfileRequest.Mode.lock;
        args.threads = threads;
        args.include = include;
        args.exclude = exclude;
        args.dot = true;
        args.title = title;
        args.output = collapsed ? "collapsed" : "html";
        return args;
    }

    /** Converts {@code jfr} into {@code out} (HTML or collapsed, as {@code args} say). */
    static void convert(Path jfr, Path out, Arguments args) {
        try {
            JfrToFlame.convert(jfr.toString(), out.toString(), args);
        } catch (IOException | RuntimeException e) {
            throw PerfException.badInput(
                    "cannot convert " + jfr + " into " + out.getFileName() + ": " + e.getMessage());
        }
    }

    /**
     * Writes {@code profile.collapsed} and {@code flame.html} of {@code samples} into {@code dir} and reads
     * the stacks back for the summary.
     */
    static StackProfile render(Path samples, Path dir, ProfileRequest request) {
        String title = "perf profile: " + request.target().describe() + " (" + request.mode() + ")";
        for (String out : List.of("profile.collapsed", "flame.html")) {
            convert(
                    samples,
                    dir.resolve(out),
                    arguments(
                            request.mode(),
                            request.threads(),
                            request.include(),
                            request.exclude(),
                            title,
                            out.endsWith(".collapsed")));
        }
        // allocation stacks end in the allocated type, lock stacks in the lock's class
        boolean leafIsType = request.mode() == ProfileRequest.Mode.alloc || request.mode() == ProfileRequest.Mode.lock;
        return StackProfile.read(dir.resolve("profile.collapsed"), leafIsType);
    }
}
