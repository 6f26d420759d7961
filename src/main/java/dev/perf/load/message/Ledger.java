package dev.perf.load.message;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongUnaryOperator;

/**
 * Matches every consumed message to its send, on the consumers' threads: by the {@link Envelope} it carries, a
 * message of this run is found among those in flight and handed to its lane; one seen before is a duplicate; one
 * whose number on its lane is lower than the last its partition delivered from that lane is out of order (a
 * lane sends in order, and a broker keeps one sender's order within a partition); and where the broker numbers a
 * partition's messages (Kafka's offsets), a message the consumer passed without receiving is lost the moment it
 * passes it. Thread-safe.
 */
final class Ledger implements Broker.Sink {
    /** Bits per chunk of the set of consumed messages. */
    private static final int CHUNK_BITS = 1 << 16;

    private final long token;
    private final CopyOnWriteArrayList<Owner> lanes = new CopyOnWriteArrayList<>();
    private final Map<Long, Sent> inFlight = new ConcurrentHashMap<>();
    private final Map<Long, AtomicLongArray> seen = new ConcurrentHashMap<>();
    private final Map<Long, Long> lastInPartition = new ConcurrentHashMap<>();
    private final Map<Integer, Partition> partitions = new ConcurrentHashMap<>();
    private final AtomicReference<Tally> tally = new AtomicReference<>(new Tally());

    /** Where the ledger hands a message's end: its lane, which ends its operation on its own thread. */
    interface Owner {
        /** Whether its message {@code laneSeq} belongs to the current measurement. */
        boolean measured(long laneSeq);

        /** Message {@code s} was consumed at {@code nowNanos}, the first time. */
        void consumed(Sent s, long nowNanos);

        /** Message {@code s} was passed by its partition's consumer without being received. */
        void lost(Sent s);
    }

    /** A partition's acknowledged messages not yet passed by its consumer, in offset order. */
    private static final class Partition {
        final ArrayDeque<Sent> waiting = new ArrayDeque<>();
        long consumedUpTo = -1;
    }

    Ledger(long token) {
        this.token = token;
    }

    long token() {
        return token;
    }

    /** The identity of message {@code laneSeq} of lane {@code lane}. */
    static long id(int lane, long laneSeq) {
        return ((long) lane << 40) | laneSeq;
    }

    /** Adds a lane; its index, which its messages carry. */
    synchronized int join(Owner lane) {
        lanes.add(lane);
        return lanes.size() - 1;
    }

    /** The tally of the current measurement. */
    Tally tally() {
        return tally.get();
    }

    /** A new measurement begins: a new tally. */
    void measuring() {
        tally.set(new Tally());
    }

    /** A message is sent and awaits its consumer. */
    void sent(int lane, Sent s) {
        inFlight.put(id(lane, s.laneSeq), s);
    }

    /**
     * The broker acknowledged message {@code s} (on the acknowledging thread) at {@code partition}, {@code offset}
     * (-1: none), or failed it: a failed one no longer awaits a consumer; one whose offset its partition's
     * consumer has already passed without it is lost.
     */
    void acked(int lane, Sent s, int partition, long offset, Exception failure) {
        if (failure != null) {
            inFlight.remove(id(lane, s.laneSeq));
            return;
        }
        if (offset < 0) {
            return;
        }
        s.partition = partition;
        s.offset = offset;
        Partition p = partitions.computeIfAbsent(partition, k -> new Partition());
        synchronized (p) {
            if (offset < p.consumedUpTo) {
                lose(s);
            } else {
                p.waiting.add(s);
            }
        }
    }

    @Override
    public void consumed(int consumer, int partition, long offset, byte[] bytes, long nowNanos) {
        Tally t = tally.get();
        Envelope e = Envelope.read(bytes);
        if (e == null || e.token() != token || e.lane() >= lanes.size()) {
            t.foreign.increment();
            return;
        }
        Owner lane = lanes.get(e.lane());
        boolean measured = lane.measured(e.laneSeq());
        if (!firstTime(e.id())) {
            if (measured) {
                t.duplicated.increment();
            }
            return;
        }
        long key = ((long) partition << 32) | e.lane();
        long seq = e.laneSeq();
        Long before = lastInPartition.put(key, seq);
        if (before != null && before > seq) {
            lastInPartition.put(key, before);
            if (measured) {
                t.outOfOrder.increment();
            }
        }
        if (measured) {
            t.consumers.add(consumer);
            t.partitions.add(partition);
        }
        Sent s = inFlight.remove(e.id());
        if (s != null) {
            if (s.end(Sent.DONE)) {
                lane.consumed(s, nowNanos);
            } else if (measured) {
                t.consumed.increment();
                t.late.increment();
                if (s.state() == Sent.LOST) {
                    t.lost.decrement();
                }
            }
        }
        if (offset >= 0) {
            passed(partition, offset);
        }
    }

    /** The consumer of {@code partition} has received {@code offset}: what it passed before is lost. */
    private void passed(int partition, long offset) {
        Partition p = partitions.computeIfAbsent(partition, k -> new Partition());
        synchronized (p) {
            p.consumedUpTo = Math.max(p.consumedUpTo, offset);
            while (!p.waiting.isEmpty() && p.waiting.peekFirst().offset <= offset) {
                Sent s = p.waiting.pollFirst();
                if (s.offset < offset && s.state() == Sent.PENDING) {
                    lose(s);
                }
            }
        }
    }

    private void lose(Sent s) {
        if (s.end(Sent.LOST)) {
            s.lane.lost(s);
        }
    }

    /** Marks message {@code id} consumed; whether it had not been before. */
    private boolean firstTime(long id) {
        AtomicLongArray chunk = seen.computeIfAbsent(id / CHUNK_BITS, k -> new AtomicLongArray(CHUNK_BITS / 64));
        int bit = (int) (id % CHUNK_BITS);
        long mask = 1L << (bit & 63);
        LongUnaryOperator set = w -> w | mask;
        long old = chunk.getAndUpdate(bit >>> 6, set);
        return (old & mask) == 0;
    }
}
