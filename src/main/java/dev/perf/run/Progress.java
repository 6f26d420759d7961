package dev.perf.run;

import dev.perf.bench.JmhListener;
import dev.perf.load.LoadListener;
import dev.perf.result.Printable;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows how far a run is, on stderr: a bar with ETA on a terminal, a plain line every few seconds
 * otherwise, nothing when quiet. Counts JMH iterations against the planned total. Thread-safe.
 */
public abstract class Progress implements JmhListener, LoadListener, AutoCloseable {

    /** Creates the display that fits: none when {@code quiet}, a bar on a terminal, plain lines otherwise. */
    public static Progress create(PrintStream err, long plannedIterations, boolean quiet, boolean terminal) {
        if (quiet) {
            return new Progress() {};
        }
        return terminal ? new Bar(err, plannedIterations) : new Plain(err, plannedIterations, Duration.ofSeconds(5));
    }

    @Override
    public void close() {
        finish();
    }

    /**
     * Prints one line of progress with every control character of it made visible ({@link Printable}): a
     * loop named {@code "x\n::warning::INJECTED"} or holding an ANSI escape can neither start a line of its own
     * (a GitHub workflow command) nor recolour the terminal.
     */
    static void say(PrintStream err, String line) {
        err.println(Printable.of(line));
    }

    /** Ends the display (the bar's last line) before the summary is printed; idempotent. */
    public void finish() {}

    /** A progress bar with ETA (me.tongfei:progressbar). */
    private static final class Bar extends Progress {
        private final ProgressBar bar;
        private final PrintStream err;

        Bar(PrintStream err, long total) {
            this.err = err;
            bar = new ProgressBarBuilder()
                    .setTaskName("perf")
                    .setInitialMax(Math.max(1, total))
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                    .setConsumer(new ConsoleProgressBarConsumer(err))
                    .setUpdateIntervalMillis(250)
                    .setUnit(" it", 1)
                    .build();
        }

        @Override
        public synchronized void benchmarkStarted(String displayName) {
            bar.setExtraMessage(Printable.of(shortName(displayName)));
        }

        @Override
        public synchronized void iterationFinished(String displayName, boolean warmup) {
            bar.step();
        }

        @Override
        public synchronized void benchmarkFinished(String displayName, boolean ok, int skippedIterations) {
            bar.stepBy(skippedIterations);
        }

        @Override
        public synchronized void benchmarkInterrupted(String displayName, int skippedIterations) {
            bar.stepBy(skippedIterations);
        }

        @Override
        public synchronized void loadSecond(
                String name, long elapsedSeconds, long totalSeconds, double ratePerSec, double p99Micros, long errors) {
            bar.step();
            bar.setExtraMessage(
                    Printable.of(loadLine(name, elapsedSeconds, totalSeconds, ratePerSec, p99Micros, errors)));
        }

        @Override
        public synchronized void note(String loop, String line) {
            say(err, "perf: " + loop + ": " + line);
        }

        private boolean closed;

        @Override
        public synchronized void finish() {
            if (!closed) {
                closed = true;
                bar.close();
            }
        }
    }

    /** Plain lines for logs and CI: at most one per interval, plus one per finished benchmark. */
    static final class Plain extends Progress {
        private final PrintStream err;
        private final long total;
        private final long intervalNanos;
        private final long startNanos = System.nanoTime();
        private long done;
        private long lastPrintNanos = startNanos;

        Plain(PrintStream err, long total, Duration interval) {
            this.err = err;
            this.total = Math.max(1, total);
            this.intervalNanos = interval.toNanos();
        }

        @Override
        public synchronized void iterationFinished(String displayName, boolean warmup) {
            done++;
            long now = System.nanoTime();
            if (now - lastPrintNanos >= intervalNanos) {
                lastPrintNanos = now;
                say(err, line(now, shortName(displayName)));
            }
        }

        /** The fork the benchmarks now running are at, of how many: 1 of 1 outside a job's fork rounds. */
        private int round = 1;

        private int rounds = 1;

        @Override
        public synchronized void round(int round, int rounds) {
            this.round = round;
            this.rounds = rounds;
        }

        /**
         * {@code perf: done NAME} once a benchmark has run all its forks; a fork of a benchmark whose forks run
         * in rounds says which ({@code perf: fork 1 of 3 done: NAME}), so that "done" is never said too early.
         */
        @Override
        public synchronized void benchmarkFinished(String displayName, boolean ok, int skippedIterations) {
            done += skippedIterations;
            String fork = " (fork " + round + " of " + rounds + ")";
            if (!ok) {
                say(err, "perf: FAILED " + displayName + (rounds > 1 ? fork : ""));
            } else if (round < rounds) {
                say(err, "perf: fork " + round + " of " + rounds + " done: " + displayName);
            } else {
                say(err, "perf: done " + displayName + (rounds > 1 ? " (" + rounds + " forks)" : ""));
            }
        }

        @Override
        public synchronized void benchmarkInterrupted(String displayName, int skippedIterations) {
            done += skippedIterations;
            say(
                    err,
                    "perf: interrupted " + displayName + (rounds > 1 ? " in fork " + round + " of " + rounds : "")
                            + " (its fork was stopped: not a failure)");
        }

        @Override
        public synchronized void note(String loop, String line) {
            say(err, "perf: " + loop + ": " + line);
        }

        @Override
        public synchronized void loadSecond(
                String name, long elapsedSeconds, long totalSeconds, double ratePerSec, double p99Micros, long errors) {
            done++;
            long now = System.nanoTime();
            if (now - lastPrintNanos >= intervalNanos || elapsedSeconds == totalSeconds) {
                lastPrintNanos = now;
                say(err, "perf: " + loadLine(name, elapsedSeconds, totalSeconds, ratePerSec, p99Micros, errors));
            }
        }

        String line(long now, String running) {
            double fraction = Math.min(1.0, (double) done / total);
            long elapsed = now - startNanos;
            String eta = done == 0 ? "?" : clock(Duration.ofNanos((long) (elapsed / fraction) - elapsed));
            return String.format(
                    Locale.ROOT,
                    "perf: %3.0f%% (%d/%d iterations), ETA %s, running %s",
                    fraction * 100,
                    done,
                    total,
                    eta,
                    running);
        }
    }

    /** {@code load orders 3/10 s, 1999/s, p99 0.412 ms, 0 errors}. */
    static String loadLine(String name, long elapsed, long total, double ratePerSec, double p99Micros, long errors) {
        return String.format(
                Locale.ROOT,
                "load %s %d/%d s, %.0f/s, p99 %.3f ms, %d errors",
                name,
                elapsed,
                total,
                ratePerSec,
                p99Micros / 1e3,
                errors);
    }

    static String clock(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    static String shortName(String displayName) {
        // dev.perf.demo.TenantCacheBench.hit(tenants=1000) -> TenantCacheBench.hit(tenants=1000)
        int paren = displayName.indexOf('(');
        String name = paren < 0 ? displayName : displayName.substring(0, paren);
        int method = name.lastIndexOf('.');
        int type = method <= 0 ? -1 : name.lastIndexOf('.', method - 1);
        return displayName.substring(type + 1);
    }
}
