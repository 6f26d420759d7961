package dev.perf.load;

import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The in-process target of a load loop: one {@link #call()} is one operation. perf creates one instance
 * through its public no-argument constructor, calls {@link #setUp} once, then {@code call()} from several
 * threads at once (implementations must be thread-safe), then {@link #tearDown}.
 *
 * <p>An asynchronous workload overrides {@link #callAsync()} and returns {@code true} from {@link #async()};
 * perf then starts operations without blocking a thread each and completes them when the stage completes.
 */
public interface Workload {
    /** Prepares the workload with the {@code params} of the suite entry. */
    default void setUp(Map<String, String> params) throws Exception {}

    /** One operation; an exception counts as an error. */
    void call() throws Exception;

    /** Whether operations are started with {@link #callAsync()} instead. */
    default boolean async() {
        return false;
    }

    /** One asynchronous operation; exceptional completion counts as an error. */
    default CompletionStage<?> callAsync() {
        throw new UnsupportedOperationException("override callAsync() and async() for an asynchronous workload");
    }

    /** Releases what {@link #setUp} acquired. */
    default void tearDown() throws Exception {}
}
