package dev.perf.load;

/**
 * An asynchronous workload that reports each completion to a callback instead of returning a {@code
 * CompletionStage}: nothing is allocated per operation. perf's own http target implements it; the driver uses
 * it when present and {@link Workload#callAsync()} otherwise.
 */
interface DirectAsync {
    /** Receives completions; called once per started operation, from any thread. */
    interface Completion {
        /** The operation started at {@code startNanos} (intended {@code intendedNanos}) ended; failure null on success. */
        void completed(long intendedNanos, long startNanos, Throwable failure);
    }

    /** Starts one operation; {@code done} is called exactly once, possibly before this returns. */
    void start(long intendedNanos, long startNanos, Completion done);
}
