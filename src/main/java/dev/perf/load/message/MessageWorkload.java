package dev.perf.load.message;

import dev.perf.load.drive.Lane;
import dev.perf.load.drive.LoopWorkload;
import dev.perf.load.record.ConnectStats;
import dev.perf.suite.LoadTarget;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A messaging target (kafka, rabbitmq): its broker started before the measurement (a topic or queue made, the
 * consumers ready), its lanes ({@link MessageLane}) send from perf's event loops, and its {@link Ledger} matches
 * what the consumers receive. Its figures (acknowledged, consumed, lost, duplicated ... and {@code lossRate}) are
 * the measurement's, beside the loop's own counters. It is never called like a Java workload.
 */
public final class MessageWorkload extends LoopWorkload {
    private final MessagePlan plan;
    private final Ledger ledger = new Ledger(ThreadLocalRandom.current().nextLong());
    private final ConnectStats connects = new ConnectStats();
    private final long wallMicros0 = TimeUnit.MILLISECONDS.toMicros(System.currentTimeMillis());
    private final long nanos0 = System.nanoTime();
    private Broker broker;
    private int measurements;

    public MessageWorkload(MessagePlan plan) {
        this.plan = plan;
    }

    MessagePlan plan() {
        return plan;
    }

    Ledger ledger() {
        return ledger;
    }

    Broker broker() {
        return broker;
    }

    Tally tally() {
        return ledger.tally();
    }

    /** A lane's {@code n}th measurement begins: the first lane to say so starts its tally. */
    synchronized void measuring(int n) {
        if (n > measurements) {
            measurements = n;
            ledger.measuring();
        }
    }

    /** {@code nanos} ({@link System#nanoTime()}) as microseconds since the epoch. */
    long wallMicros(long nanos) {
        return wallMicros0 + (nanos - nanos0) / 1000;
    }

    @Override
    public void setUp(Map<String, String> params) {
        long start = System.nanoTime();
        broker = plan.broker().get();
        broker.start(ledger);
        if (broker.unreachable() == null) {
            connects.connected(System.nanoTime() - start);
        } else {
            connects.failed();
        }
    }

    @Override
    public Lane open(Lane.Place place) {
        return new MessageLane(place, this);
    }

    @Override
    public List<String> parts() {
        return plan.consuming() ? List.of(LoadTarget.SEND, LoadTarget.CONSUME_LAG) : List.of();
    }

    @Override
    public Map<String, Double> figures() {
        return plan.consuming() ? tally().figures(broker != null && broker.partitioned()) : Map.of();
    }

    @Override
    public ConnectStats connects() {
        return connects;
    }

    @Override
    public String targetNote() {
        return broker == null ? "" : broker.note();
    }

    @Override
    public void tearDown() {
        if (broker != null) {
            broker.close();
        }
    }

    @Override
    public String toString() {
        return plan.describe();
    }
}
