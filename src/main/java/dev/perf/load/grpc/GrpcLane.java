package dev.perf.load.grpc;

import com.google.protobuf.DynamicMessage;
import dev.perf.load.drive.Lane;
import dev.perf.load.drive.PartWriters;
import dev.perf.load.drive.Stripe;
import dev.perf.load.record.CheckFailure;
import dev.perf.load.record.LoadRecorder;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import io.netty.channel.EventLoop;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Where one stripe's grpc calls go: each starts on the stripe's loop, its messages and its close arrive on
 * grpc-java's threads, and its end is handed back to the loop, which records the call and, for a server stream,
 * the time to its first message. At most the stripe's share of the in-flight cap (or of the users) runs at once.
 */
final class GrpcLane implements Lane {
    private final Stripe stripe;
    private final int op;
    private final EventLoop loop;
    private final int capacity;
    private final long timeoutNanos;
    private final GrpcWorkload workload;
    private final GrpcPlan plan;
    private final PartWriters parts = new PartWriters();
    private int inFlight;

    GrpcLane(Place place, GrpcWorkload workload) {
        this.stripe = place.stripe();
        this.op = place.op();
        this.loop = place.loop();
        this.capacity = Math.max(1, place.connections());
        this.timeoutNanos = place.timeoutNanos();
        this.workload = workload;
        this.plan = workload.plan();
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
        DynamicMessage request;
        Metadata headers;
        try {
            request = plan.request(seq);
            headers = plan.headers(seq);
        } catch (IOException | RuntimeException e) {
            CheckFailure bad = new CheckFailure("request", CheckFailure.truncate(GrpcPlan.oneLine(e.getMessage())), 0);
            stripe.completed(op, seq, intendedNanos, startNanos, System.nanoTime(), bad, user, epoch);
            return;
        }
        inFlight++;
        ClientCall<DynamicMessage, DynamicMessage> call = workload.channel(seq)
                .newCall(
                        workload.method(),
                        CallOptions.DEFAULT.withDeadlineAfter(plan.deadlineNanos(), TimeUnit.NANOSECONDS));
        call.start(new Listener(seq, intendedNanos, startNanos, user, epoch), headers);
        call.request(plan.method().isServerStreaming() ? Integer.MAX_VALUE : 2);
        call.sendMessage(request);
        call.halfClose();
    }

    /** One call's messages and close, on grpc-java's threads; its end goes back to the loop. */
    private final class Listener extends ClientCall.Listener<DynamicMessage> {
        private final long seq;
        private final long intendedNanos;
        private final long startNanos;
        private final int user;
        private final int epoch;
        private long firstNanos;
        private DynamicMessage last;

        Listener(long seq, long intendedNanos, long startNanos, int user, int epoch) {
            this.seq = seq;
            this.intendedNanos = intendedNanos;
            this.startNanos = startNanos;
            this.user = user;
            this.epoch = epoch;
        }

        @Override
        public void onMessage(DynamicMessage message) {
            if (firstNanos == 0) {
                firstNanos = System.nanoTime();
            }
            last = message;
        }

        @Override
        public void onClose(Status status, Metadata trailers) {
            long end = System.nanoTime();
            CheckFailure failure = plan.checks().judge(status, last);
            long first = firstNanos;
            loop.execute(() -> done(seq, intendedNanos, startNanos, first, end, failure, user, epoch));
        }
    }

    private void done(
            long seq, long intended, long start, long first, long end, CheckFailure failure, int user, int epoch) {
        inFlight--;
        LoadRecorder.Writer[] writers = parts.of(epoch);
        if (writers != null && writers.length > 0) {
            // the first message of a stream, from the call's intended start; a stream that sent none fails it
            writers[0].count(LoadRecorder.Counter.SENT);
            writers[0].complete(intended, start, first == 0 ? end : first, first == 0 ? failure : null, timeoutNanos);
        }
        stripe.completed(op, seq, intended, start, end, failure, user, epoch);
    }

    @Override
    public void sweep(long nowNanos) {
        // every call has its deadline: grpc-java ends it with DEADLINE_EXCEEDED
    }

    @Override
    public void close() {}
}
