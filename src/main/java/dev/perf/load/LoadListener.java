package dev.perf.load;

/** Receives a load loop's progress once a second, on the ticker thread. Implementations must be cheap. */
public interface LoadListener {
    /**
     * One second of a load loop passed.
     *
     * @param name the load benchmark
     * @param elapsedSeconds seconds of the measured part so far
     * @param totalSeconds planned measured seconds
     * @param ratePerSec operations completed in the last second
     * @param p99Micros their 99th-percentile response time, µs
     * @param errors errors and timeouts so far
     */
    default void loadSecond(
            String name, long elapsedSeconds, long totalSeconds, double ratePerSec, double p99Micros, long errors) {}

    /**
     * Whether this listener takes {@link #loadWindow}s: a window copies the second's histograms, so none is
     * built unless some listener wants it.
     */
    default boolean wantsWindows() {
        return false;
    }

    /** A second of a load loop closed: its snapshot for live metrics. Called on the ticker thread. */
    default void loadWindow(LoadWindow window) {}

    /** Something about loop {@code loop} to tell at once, e.g. that a monitored process was not found. */
    default void note(String loop, String line) {}

    /** Does nothing. */
    LoadListener NONE = new LoadListener() {};

    /** {@code first}, then {@code second}, for every call. */
    static LoadListener both(LoadListener first, LoadListener second) {
        return new LoadListener() {
            @Override
            public void loadSecond(
                    String name,
                    long elapsedSeconds,
                    long totalSeconds,
                    double ratePerSec,
                    double p99Micros,
                    long errors) {
                first.loadSecond(name, elapsedSeconds, totalSeconds, ratePerSec, p99Micros, errors);
                second.loadSecond(name, elapsedSeconds, totalSeconds, ratePerSec, p99Micros, errors);
            }

            @Override
            public void note(String loop, String line) {
                first.note(loop, line);
                second.note(loop, line);
            }

            @Override
            public boolean wantsWindows() {
                return first.wantsWindows() || second.wantsWindows();
            }

            @Override
            public void loadWindow(LoadWindow window) {
                first.loadWindow(window);
                second.loadWindow(window);
            }
        };
    }
}
