package dev.perf.load.message;

import dev.perf.load.drive.Lane;
import dev.perf.load.drive.PartWriters;
import dev.perf.load.drive.Stripe;
import dev.perf.load.record.CheckFailure;
import dev.perf.load.record.LoadRecorder;
import io.netty.channel.EventLoop;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Where one stripe's messages go: each is sent by the lane's own publishing thread (a client's send may block —
 * Kafka's waits for metadata or buffer space up to {@code max.block.ms} — and perf's schedule must never wait
 * for it: a send that blocks shows as latency from the intended time, not as a late generator); the
 * broker's acknowledgement and the consumer's delivery arrive on the clients' threads and are handed back to the
 * loop, which records the message from its intended send to its consumption (or, when nothing consumes, to the
 * acknowledgement) and its parts: {@code send} to the acknowledgement, {@code consumeLag} from there to the
 * consumer. A message not consumed within the timeout is a timeout; one its consumer passed is lost; one the
 * broker refused is an error, whether or not its consumer had it.
 */
final class MessageLane implements Lane, Ledger.Owner {
    private final Stripe stripe;
    private final int op;
    private final EventLoop loop;
    private final int capacity;
    private final long timeoutNanos;
    private final MessagePlan plan;
    private final Ledger ledger;
    private final MessageWorkload workload;
    private final Broker.Publisher publisher;
    private final ExecutorService publishing;
    private final int index;
    private final PartWriters parts = new PartWriters();
    /** The messages sent, in send order, until their operation ends: for the timeout sweep. */
    private final ArrayDeque<Sent> sent = new ArrayDeque<>();

    private long nextSeq;
    /** The lane number of the first message of the current measurement. */
    private volatile long firstMeasured = Long.MAX_VALUE;

    private int inFlight;
    private int measurements;

    MessageLane(Place place, MessageWorkload workload) {
        this.stripe = place.stripe();
        this.op = place.op();
        this.loop = place.loop();
        this.capacity = Math.max(1, place.connections());
        this.timeoutNanos = place.timeoutNanos();
        this.workload = workload;
        this.plan = workload.plan();
        this.ledger = workload.ledger();
        this.publisher = workload.broker().publisher();
        this.index = ledger.join(this);
        this.publishing = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "perf-publish-" + index);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void measuring(LoadRecorder[] recorders) {
        parts.measuring(recorders);
        firstMeasured = nextSeq;
        workload.measuring(++measurements);
    }

    @Override
    public boolean measured(long laneSeq) {
        return laneSeq >= firstMeasured;
    }

    @Override
    public boolean free() {
        return inFlight < capacity;
    }

    @Override
    public void send(long intendedNanos, long startNanos, long seq, int user, int epoch) {
        parts.sent(epoch);
        byte[] key;
        byte[] payload;
        try {
            key = plan.key(seq);
            payload = plan.payload(seq);
        } catch (RuntimeException e) {
            CheckFailure bad = new CheckFailure("message", CheckFailure.truncate(String.valueOf(e.getMessage())), 0);
            stripe.completed(op, -1, intendedNanos, startNanos, System.nanoTime(), bad, user, epoch);
            return;
        }
        Sent s = new Sent(this, nextSeq++, intendedNanos, startNanos, user, epoch);
        inFlight++;
        sent.add(s);
        if (plan.consuming()) {
            ledger.sent(index, s);
        }
        byte[] envelope =
                new Envelope(ledger.token(), index, s.laneSeq, seq, workload.wallMicros(intendedNanos)).bytes();
        Broker.Acked acked = (partition, offset, failure) -> {
            long now = System.nanoTime();
            if (plan.consuming()) {
                ledger.acked(index, s, partition, offset, failure);
            }
            loop.execute(() -> acked(s, now, failure));
        };
        try {
            publishing.execute(() -> publisher.publish(key, payload, envelope, acked));
        } catch (RejectedExecutionException e) {
            acked.acked(-1, -1, new IOException("the lane is closed"));
        }
    }

    /** The broker's answer, on the loop. */
    private void acked(Sent s, long now, Exception failure) {
        boolean measured = measured(s.laneSeq);
        if (failure == null && measured) {
            workload.tally().acked.increment();
        }
        if (!plan.consuming()) {
            if (s.end(failure == null ? Sent.DONE : Sent.FAILED)) {
                end(s, now, failure);
            }
            return;
        }
        s.ackNanos = now;
        s.refused = failure;
        LoadRecorder.Writer[] writers = parts.of(s.epoch);
        if (writers != null) {
            writers[0].count(LoadRecorder.Counter.SENT);
            writers[0].complete(s.intendedNanos, s.startNanos, now, failure, timeoutNanos);
            if (s.consumedNanos != 0) {
                lag(writers, s);
            }
        }
        if (s.consumedNanos != 0) {
            // its consumer had it first: it ends as consumed, now that it is confirmed; or as the broker's refusal,
            // which the publisher saw whatever the consumer did (the same outcome in either order)
            end(s, failure == null ? s.consumedNanos : now, failure);
        } else if (failure != null && s.end(Sent.FAILED)) {
            end(s, now, failure);
        }
    }

    /**
     * The consumer received {@code s} (on its thread): its operation ends on the loop, at this instant (end to end),
     * once the broker has also confirmed it — a loop that ended on consumption alone would leave late confirms
     * uncounted (4 998 of 5 000 acknowledged beside CPU hogs).
     */
    @Override
    public void consumed(Sent s, long now) {
        loop.execute(() -> {
            s.consumedNanos = now;
            if (measured(s.laneSeq)) {
                workload.tally().consumed.increment();
            }
            LoadRecorder.Writer[] writers = parts.of(s.epoch);
            if (writers != null && s.ackNanos != 0) {
                lag(writers, s);
            }
            if (s.ackNanos != 0) {
                end(s, now, s.refused);
            } // else consumed before the broker's confirm came back: the confirm ends it, so that it is counted
        });
    }

    /** From the acknowledgement to the consumer; 0 when the consumer had it first. */
    private void lag(LoadRecorder.Writer[] writers, Sent s) {
        long from = Math.min(s.ackNanos, s.consumedNanos);
        writers[1].count(LoadRecorder.Counter.SENT);
        writers[1].complete(from, from, s.consumedNanos, null, Long.MAX_VALUE);
    }

    /** {@code s}'s consumer passed it without receiving it (on its thread): its operation fails on the loop. */
    @Override
    public void lost(Sent s) {
        loop.execute(() -> {
            if (measured(s.laneSeq)) {
                workload.tally().lost.increment();
            }
            CheckFailure lost = new CheckFailure(
                    "lost",
                    "the consumer of partition " + s.partition + " passed offset " + s.offset + " without receiving it",
                    0);
            end(s, System.nanoTime(), lost);
        });
    }

    private void end(Sent s, long now, Exception failure) {
        inFlight--;
        stripe.completed(op, -1, s.intendedNanos, s.startNanos, now, failure, s.user, s.epoch);
    }

    @Override
    public void sweep(long nowNanos) {
        while (!sent.isEmpty()) {
            Sent head = sent.peekFirst();
            if (head.state() != Sent.PENDING) {
                sent.pollFirst();
            } else if (nowNanos - head.startNanos > timeoutNanos) {
                sent.pollFirst();
                if (head.end(Sent.TIMED_OUT)) {
                    end(head, nowNanos, null);
                }
            } else {
                return;
            }
        }
    }

    @Override
    public void close() {
        try {
            publishing.execute(publisher::close);
        } catch (RejectedExecutionException e) {
            // closed before
        }
        publishing.shutdown();
        try {
            if (!publishing.awaitTermination(5, TimeUnit.SECONDS)) {
                publishing.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
