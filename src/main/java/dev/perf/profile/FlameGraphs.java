package dev.perf.profile;

import dev.perf.result.PerfException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import one.convert.Arguments;
import one.convert.JfrToFlame;
import one.convert.JfrToPprof;
import one.jfr.JfrReader;

/**
 * The outputs of one recording (JDK Flight Recorder's or async-profiler's JFR) through async-profiler's
 * converter ({@code tools.profiler:jfr-converter}): {@code flame.html} (its self-contained interactive flame
 * graph: search, zoom, no network), {@code profile.collapsed}, {@code profile.pb.gz} (pprof) and, from the
 * collapsed stacks, {@code speedscope.json}.
 */
final class FlameGraphs {
    private FlameGraphs() {}

    /**
     * Frames of the profiler's own threads in the target — JFR's recorder and periodic tasks, async-profiler,
     * the attach listener perf talks through — whose stacks never belong in a profile of the target.
     */
    static final Pattern OWN_FRAMES =
            Pattern.compile("(?:jdk\\.jfr\\.internal\\.|jdk\\.management\\.jfr\\.|one\\.profiler\\.).*"
                    + "|.*(?:AttachListener|JfrRecorderThread|JfrThreadSampler|JfrPeriodicEventSet|JfrCheckpoint).*");

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

    /**
     * The converter's options for {@code request}: its mode and filters, perf's own frames excluded, the look
     * it asks for, and — for async-profiler's wall-clock samples — running threads only unless it includes idle
     * ones (JFR's wall samples are of running and native threads already).
     */
    static Arguments arguments(ProfileRequest r, boolean async, String title, String output) {
        Pattern exclude = r.exclude() == null
                ? OWN_FRAMES
                : Pattern.compile("(?:" + r.exclude().pattern() + ")|(?:" + OWN_FRAMES.pattern() + ")");
        Arguments args = arguments(r.mode(), r.threads(), r.include(), exclude, title, false);
        args.output = output;
        // the look of the graph only: collapsed stacks and pprof stay root-first and whole, as the summary reads them
        if (output.equals("html")) {
            // the converter puts the title into the page as it is: a command line or --title with < or & must not
            // become markup
            args.title = title == null
                    ? null
                    : title.replace("&", "&amp;")
                            .replace("<", "&lt;")
                            .replace(">", "&gt;")
                            .replace("'", "&#39;")
                            .replace("\"", "&quot;");
            args.reverse = r.options().reverse();
            if (r.options().minWidthPercent() != null) {
                args.minwidth = r.options().minWidthPercent();
            }
        }
        if (async && r.mode() == ProfileRequest.Mode.wall && !r.options().includeIdle()) {
            args.state = "runnable";
        }
        return args;
    }

    /** Converts {@code jfr} into {@code out} (HTML or collapsed, as {@code args} say). */
    static void convert(Path jfr, Path out, Arguments args) {
        try {
            JfrToFlame.convert(jfr.toString(), out.toString(), args);
            if ("html".equals(args.output)) {
                Files.writeString(out, openAtRoot(Files.readString(out)));
            }
        } catch (IOException | RuntimeException e) {
            throw PerfException.badInput(
                    "cannot convert " + jfr + " into " + out.getFileName() + ": " + e.getMessage());
        }
    }

    /** The end of the converter's flame graph page, where the page's script ends. */
    static final String PAGE_END = "</script></body></html>";

    /**
     * {@code html}, the converter's flame graph page, opening scrolled to the graph's root: the page draws the root
     * at the bottom of a canvas as tall as the deepest stack (16 px a frame), so a 250-frame graph opened blank,
     * its root 4 000 px down (#34). An icicle graph (root on top) is left as it is.
     */
    static String openAtRoot(String html) {
        int end = html.lastIndexOf(PAGE_END);
        if (end < 0) {
            return html;
        }
        return html.substring(0, end)
                + "\n\t// perf: open at the root, however deep the stacks\n"
                + "\tif (!inverted) window.scrollTo(0, document.body.scrollHeight);\n"
                + html.substring(end);
    }

    /** Writes {@code jfr} as a gzip-compressed pprof profile ({@code profile.pb.gz}), as {@code go tool pprof} reads. */
    static void pprof(Path jfr, Path out, Arguments args) {
        try (JfrReader reader = new JfrReader(jfr.toString());
                OutputStream file = Files.newOutputStream(out);
                GZIPOutputStream gz = new GZIPOutputStream(file)) {
            JfrToPprof converter = new JfrToPprof(reader, args);
            converter.convert();
            converter.dump(gz);
        } catch (IOException | RuntimeException e) {
            throw PerfException.badInput(
                    "cannot convert " + jfr + " into " + out.getFileName() + ": " + e.getMessage());
        }
    }

    /**
     * Writes every output of {@code samples} into {@code dir} — {@code profile.collapsed}, {@code flame.html},
     * {@code profile.pb.gz}, {@code speedscope.json} — and reads the stacks back for the summary.
     */
    static StackProfile render(Path samples, Path dir, ProfileRequest request, boolean async, String name) {
        String title = request.options().title() != null
                ? request.options().title()
                : "perf profile: " + name + " (" + request.mode() + ")";
        for (String out : List.of("profile.collapsed", "flame.html")) {
            convert(
                    samples,
                    dir.resolve(out),
                    arguments(request, async, title, out.endsWith(".collapsed") ? "collapsed" : "html"));
        }
        pprof(samples, dir.resolve("profile.pb.gz"), arguments(request, async, title, "pprof"));
        // allocation stacks end in the allocated type, lock stacks in the lock's class
        boolean leafIsType = request.mode() == ProfileRequest.Mode.alloc || request.mode() == ProfileRequest.Mode.lock;
        StackProfile stacks = StackProfile.read(dir.resolve("profile.collapsed"), leafIsType);
        Speedscope.write(stacks, title, unit(request.mode()), dir.resolve("speedscope.json"));
        return stacks;
    }

    /** The unit of a mode's weights: samples, bytes or ns. */
    static String unit(ProfileRequest.Mode mode) {
        return switch (mode) {
            case cpu, wall -> "samples";
            case alloc -> "bytes";
            case lock -> "ns";
        };
    }
}
