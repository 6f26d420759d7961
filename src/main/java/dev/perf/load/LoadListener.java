package dev.perf.load;

/** Receives a load loop's progress once a second. Implementations must be cheap. */
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

    /** Does nothing. */
    LoadListener NONE = new LoadListener() {};
}
