package dev.perf.load.drive;

import dev.perf.load.Workload;
import io.netty.channel.EventLoop;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * A lane for an asynchronous Java workload (or a synchronous one of a mix with http entries, which {@link
 * Operations} runs on an executor): the call starts on the loop; its completion is timed where it happens
 * and handed back to the loop. The stripe's in-flight cap bounds it.
 */
final class AsyncLane implements Lane {
    private final Stripe stripe;
    private final int op;
    private final Workload workload;
    private final EventLoop loop;

    AsyncLane(Place place, Workload workload) {
        this.stripe = place.stripe();
        this.op = place.op();
        this.workload = workload;
        this.loop = place.loop();
    }

    @Override
    public boolean free() {
        return true;
    }

    @Override
    public void send(long intendedNanos, long startNanos, long seq, int user, int epoch) {
        CompletionStage<?> stage;
        try {
            stage = workload.callAsync();
        } catch (RuntimeException | Error e) {
            stripe.completed(op, -1, intendedNanos, startNanos, System.nanoTime(), e, user, epoch);
            return;
        }
        stage.whenComplete((value, error) -> {
            long end = System.nanoTime();
            Throwable failure =
                    error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (loop.inEventLoop()) {
                stripe.completed(op, -1, intendedNanos, startNanos, end, failure, user, epoch);
            } else {
                loop.execute(() -> stripe.completed(op, -1, intendedNanos, startNanos, end, failure, user, epoch));
            }
        });
    }

    @Override
    public void sweep(long nowNanos) {
        // an asynchronous call cannot be abandoned; one slower than the timeout is recorded as a timeout
    }

    @Override
    public void close() {}
}
