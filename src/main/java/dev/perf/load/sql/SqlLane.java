package dev.perf.load.sql;

import dev.perf.load.drive.Lane;
import dev.perf.load.drive.PartWriters;
import dev.perf.load.drive.Stripe;
import dev.perf.load.record.LoadRecorder;
import io.netty.channel.EventLoop;
import java.util.concurrent.RejectedExecutionException;

/**
 * Where one stripe's sql operations go in a mix with asynchronous entries (alone, an sql loop runs on {@link
 * dev.perf.load.drive.ThreadDriver}'s threads): each runs on a thread of the workload's ({@link SqlCall}) and its end is
 * handed back to the stripe's loop, which records the operation and its parts (acquire, each statement,
 * commit). At most the stripe's share of the in-flight cap (or of the users) runs at once.
 */
final class SqlLane implements Lane {
    private final Stripe stripe;
    private final int op;
    private final EventLoop loop;
    private final int capacity;
    private final long timeoutNanos;
    private final SqlWorkload workload;
    private final PartWriters parts = new PartWriters();
    private int inFlight;

    SqlLane(Place place, SqlWorkload workload) {
        this.stripe = place.stripe();
        this.op = place.op();
        this.loop = place.loop();
        this.capacity = Math.max(1, place.connections());
        this.timeoutNanos = place.timeoutNanos();
        this.workload = workload;
    }

    @Override
    public void measuring(LoadRecorder[] recorders) {
        parts.measuring(recorders);
    }

    @Override
    public boolean free() {
        return inFlight < capacity;
    }

    @Override
    public void send(long intendedNanos, long startNanos, long seq, int user, int epoch) {
        parts.sent(epoch);
        inFlight++;
        SqlPlan plan = workload.plan();
        try {
            workload.threads().execute(() -> {
                SqlCall call = SqlCall.run(plan, workload.pool(), seq);
                loop.execute(() -> done(call, intendedNanos, startNanos, user, epoch));
            });
        } catch (RejectedExecutionException e) {
            inFlight--;
            stripe.completed(op, -1, intendedNanos, startNanos, System.nanoTime(), e, user, epoch);
        }
    }

    private void done(SqlCall call, long intendedNanos, long startNanos, int user, int epoch) {
        inFlight--;
        LoadRecorder.Writer[] writers = parts.of(epoch);
        if (writers != null) {
            call.record(writers, intendedNanos, startNanos, timeoutNanos);
        }
        stripe.completed(op, -1, intendedNanos, startNanos, call.end, call.failure, user, epoch);
    }

    @Override
    public void sweep(long nowNanos) {
        // a blocking call cannot be abandoned: the pool's and the query's timeouts end it, and one slower
        // than the loop's timeout is recorded as a timeout
    }

    @Override
    public void close() {}
}
