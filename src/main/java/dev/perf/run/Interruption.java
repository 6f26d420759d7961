package dev.perf.run;

import dev.perf.result.PerfException;

/**
 * Writes partial results when the JVM is asked to stop (SIGINT, SIGTERM) before the run completes.
 *
 * <p>A shutdown hook runs {@code onInterrupt} and then halts with exit code 130. The normal end of the run
 * and the hook are mutually exclusive: whichever comes first wins, so a result file is written exactly once
 * and never half.
 */
final class Interruption implements AutoCloseable {
    /** The documented exit code of an interrupted run. */
    static final int EXIT_CODE = PerfException.Kind.INTERRUPTED.exitCode();

    private final Object lock = new Object();
    private final Thread hook;
    private boolean settled;

    Interruption(Runnable onInterrupt) {
        hook = new Thread(
                () -> {
                    synchronized (lock) {
                        if (settled) {
                            return;
                        }
                        settled = true;
                        try {
                            onInterrupt.run();
                        } catch (RuntimeException e) {
                            System.err.println("perf: interrupted; could not write partial results: " + e.getMessage());
                        }
                    }
                    System.err.flush();
                    Runtime.getRuntime().halt(EXIT_CODE);
                },
                "perf-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Runs {@code finish} (writing the complete result) unless an interrupt got there first; returns false in
     * that case.
     */
    boolean complete(Runnable finish) {
        synchronized (lock) {
            if (settled) {
                return false;
            }
            settled = true;
            finish.run();
        }
        close();
        return true;
    }

    /** Gives up watching: after this, stopping the JVM writes nothing. Idempotent. */
    @Override
    public void close() {
        synchronized (lock) {
            settled = true;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook will find the run settled
        }
    }
}
