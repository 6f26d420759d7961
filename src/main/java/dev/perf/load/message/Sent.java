package dev.perf.load.message;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One message perf sent, until its operation ends: what its lane needs to record it, where the broker put it,
 * and its state, which leaves {@link #PENDING} exactly once (consumed, lost, timed out or failed): whichever
 * thread sees it first wins, and only that one ends the operation.
 */
final class Sent {
    static final int PENDING = 0;
    static final int DONE = 1;
    static final int LOST = 2;
    static final int TIMED_OUT = 3;
    static final int FAILED = 4;

    final Ledger.Owner lane;
    final long laneSeq;
    final long intendedNanos;
    final long startNanos;
    final int user;
    final int epoch;
    private final AtomicInteger state = new AtomicInteger(PENDING);
    /** Where the broker put it: set by the acknowledging thread before the ledger files it by offset. */
    volatile int partition = -1;

    volatile long offset = -1;
    /** When the broker acknowledged it and when it was consumed: the lane's loop thread only; 0 until then. */
    long ackNanos;

    long consumedNanos;
    /** Why the broker refused it, null when it did not (or has not answered): the lane's loop thread only. */
    Exception refused;

    Sent(Ledger.Owner lane, long laneSeq, long intendedNanos, long startNanos, int user, int epoch) {
        this.lane = lane;
        this.laneSeq = laneSeq;
        this.intendedNanos = intendedNanos;
        this.startNanos = startNanos;
        this.user = user;
        this.epoch = epoch;
    }

    /** Moves it from pending to {@code to}; whether this call did (false: it had already ended). */
    boolean end(int to) {
        return state.compareAndSet(PENDING, to);
    }

    int state() {
        return state.get();
    }
}
