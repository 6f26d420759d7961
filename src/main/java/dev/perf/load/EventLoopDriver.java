package dev.perf.load;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;

/**
 * Drives the asynchronous operations of a load loop (http, asynchronous Java, or a mix with them) on {@link
 * EventLoops}: one {@link Stripe} per loop, each with its own connections and its share of the schedule or of
 * the users. Lives as long as the loop's run, so the connections opened before the warm-up serve every
 * measurement after it.
 *
 * <p>A measurement ends as {@link Drain} says: an http request still open then has been failed as a timeout,
 * and an asynchronous Java call that never completes is counted as in flight at the end.
 */
final class LoopDriver implements AutoCloseable {
    private final EventLoopGroup group;
    private final Stripe[] stripes;
    private final long timeoutNanos;

    /** The first failure of the last measurement, for the error message. */
    final AtomicReference<Throwable> firstError = new AtomicReference<>();
    /** How late the loops reached the operations they were free to send, ns: the last measurement's. */
    final Histogram dispatchLateness = new Histogram(3);
    /** How long sent operations waited for a free connection, ns: the last measurement's. */
    final Histogram queueWait = new Histogram(3);
    /**
     * The share of the last open-model measurement the loops' threads spent on the CPU (0 to 1; NaN when the
     * JVM does not tell): near 1, the generator itself is the limit, whatever the target could do.
     */
    double busy = Double.NaN;

    /**
     * A driver of {@code ops} on {@code loops} loops sharing {@code connections} (the in-flight cap; for http,
     * that many connections per entry, dealt out to the loops); opens the connections now.
     */
    LoopDriver(Operations ops, int loops, int connections, long timeoutNanos) {
        this(ops, loops, connections, false, timeoutNanos);
    }

    /**
     * As above; {@code users}: {@code connections} is the closed model's users, each with one exchange in
     * flight, so that an HTTP/2 entry needs only one connection per {@code maxConcurrentStreams} of them.
     */
    LoopDriver(Operations ops, int loops, int connections, boolean users, long timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
        this.group = EventLoops.group(loops);
        this.stripes = new Stripe[loops];
        try {
            for (int j = 0; j < loops; j++) {
                EventLoop loop = group.next();
                int share = connections / loops + (j < connections % loops ? 1 : 0);
                // an HTTP/2 connection carries several streams: the stripe may have that many in flight
                Stripe stripe = new Stripe(loop, j, loops, share * streamsPerConnection(ops), timeoutNanos);
                Lane[] lanes = new Lane[ops.count()];
                for (int i = 0; i < lanes.length; i++) {
                    lanes[i] = lane(stripe, i, ops.workload(i), loop, share, users, timeoutNanos);
                }
                stripe.attach(lanes);
                stripes[j] = stripe;
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private static Lane lane(
            Stripe stripe, int op, Workload w, EventLoop loop, int connections, boolean users, long timeoutNanos) {
        if (w instanceof HttpWorkload http) {
            int streams = http.setup().target().maxConcurrentStreams();
            return http.setup().target().http2()
                    ? new Http2Lane(
                            stripe,
                            op,
                            http,
                            loop,
                            users ? (connections + streams - 1) / streams : connections,
                            timeoutNanos)
                    : new HttpLane(stripe, op, http, loop, connections, timeoutNanos);
        }
        return new AsyncLane(stripe, op, w, loop);
    }

    /** The most operations one connection carries at once: HTTP/2's stream limit, else one. */
    private static int streamsPerConnection(Operations ops) {
        int most = 1;
        for (int i = 0; i < ops.count(); i++) {
            if (ops.workload(i) instanceof HttpWorkload http
                    && http.setup().target().http2()) {
                most = Math.max(most, http.setup().target().maxConcurrentStreams());
            }
        }
        return most;
    }

    int loops() {
        return stripes.length;
    }

    /** Runs the open model: each loop sends its stripe of {@code schedule}, from {@code baseNanos}. */
    void runOpen(Schedule schedule, Operations ops, LoadRecorder rec, long baseNanos, BooleanSupplier stop) {
        Stripe.Measurement m = begin(ops, rec, stop);
        long cpuBefore = cpuNanos();
        long before = System.nanoTime();
        for (int j = 0; j < stripes.length; j++) {
            stripes[j].startOpen(schedule.stripe(j, stripes.length), baseNanos, m);
        }
        await(m, baseNanos + schedule.durationNanos());
        long cpuAfter = cpuNanos();
        long elapsed = System.nanoTime() - before;
        busy = cpuBefore < 0 || cpuAfter < 0 || elapsed <= 0
                ? Double.NaN
                : (double) (cpuAfter - cpuBefore) / ((double) elapsed * stripes.length);
        for (Stripe s : stripes) {
            dispatchLateness.add(s.lateness);
            queueWait.add(s.queueWait);
        }
    }

    /**
     * Runs the closed model: {@code users} users dealt out to the loops, each sending when its previous
     * operation completed (after {@code thinkNanos}, no sooner than {@code pacingNanos} after its previous
     * start) until {@code endNanos}, or until {@code stop}; this process is shard {@code shard} of {@code
     * shards}.
     */
    void runClosed(
            Operations ops,
            int users,
            long thinkNanos,
            long pacingNanos,
            LoadRecorder rec,
            long endNanos,
            BooleanSupplier stop,
            int shard,
            int shards) {
        Stripe.Measurement m = begin(ops, rec, stop);
        for (int j = 0; j < stripes.length; j++) {
            int mine = users / stripes.length + (j < users % stripes.length ? 1 : 0);
            stripes[j].startClosed(mine, endNanos, thinkNanos, pacingNanos, shard, shards, m);
        }
        await(m, endNanos);
    }

    private Stripe.Measurement begin(Operations ops, LoadRecorder rec, BooleanSupplier stop) {
        firstError.set(null);
        dispatchLateness.reset();
        queueWait.reset();
        return new Stripe.Measurement(ops, rec, stop, firstError, new CountDownLatch(stripes.length));
    }

    /** Waits until every stripe is done, within the {@link Drain} bound after {@code lastNanos} or a stop. */
    private void await(Stripe.Measurement m, long lastNanos) {
        Drain.await(
                millis -> m.done().await(millis, TimeUnit.MILLISECONDS),
                m.stop(),
                () -> {
                    for (Stripe s : stripes) {
                        s.wake();
                    }
                },
                lastNanos,
                timeoutNanos);
    }

    /** CPU time the loops' threads have used so far, ns, or −1 when the JVM does not tell. */
    long cpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isThreadCpuTimeSupported()) {
            return -1;
        }
        long sum = 0;
        for (Stripe s : stripes) {
            long t = s.threadId < 0 ? -1 : threads.getThreadCpuTime(s.threadId);
            if (t < 0) {
                return -1;
            }
            sum += t;
        }
        return sum;
    }

    @Override
    public void close() {
        for (Stripe s : stripes) {
            if (s != null) {
                s.loop().submit(s::close).awaitUninterruptibly(1, TimeUnit.SECONDS);
            }
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
