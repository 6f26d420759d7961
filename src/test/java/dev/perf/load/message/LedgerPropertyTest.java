package dev.perf.load.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The ledger against generated histories with a known truth: lanes send in order to partitions; a broker appends
 * each partition's messages (sometimes swapping two of a lane's: a reorder), a consumer receives them in offset
 * order but skips some (lost when a later offset of the partition arrives, else never consumed) and receives
 * some again (duplicates); the broker's acknowledgements arrive in offset order per partition but interleaved
 * at random with the deliveries, before or after a message's own. Whatever the interleaving, every message is
 * ended exactly once by the right cause, and the duplicates and reorders are counted exactly.
 */
class LedgerPropertyTest {
    private static final long TOKEN = 0x5eedL;

    /** A lane as the ledger sees it: records what ended how. */
    private static final class FakeLane implements Ledger.Owner {
        final Set<Long> consumed = new HashSet<>();
        final Set<Long> lost = new HashSet<>();
        int ends;

        @Override
        public boolean measured(long laneSeq) {
            return true;
        }

        @Override
        public void consumed(Sent s, long nowNanos) {
            consumed.add(s.laneSeq);
            ends++;
        }

        @Override
        public void lost(Sent s) {
            lost.add(s.laneSeq);
            ends++;
        }
    }

    private record Msg(int lane, long laneSeq, int partition, Sent sent) {}

    /** One event of a history: an acknowledgement or a delivery. */
    private record Event(boolean ack, Msg msg, long offset) {}

    @Test
    void generatedHistories_endEveryMessageOnceByItsTrueCause_andCountDuplicatesAndReordersExactly() {
        Random random = new Random(20261206);
        for (int trial = 0; trial < 2_000; trial++) {
            check(random, trial);
        }
    }

    private static void check(Random random, int trial) {
        int lanes = 1 + random.nextInt(3);
        int partitions = 1 + random.nextInt(4);
        int count = random.nextInt(300);
        Ledger ledger = new Ledger(TOKEN);
        FakeLane[] fakes = new FakeLane[lanes];
        long[] next = new long[lanes];
        for (int l = 0; l < lanes; l++) {
            fakes[l] = new FakeLane();
            assertThat(ledger.join(fakes[l])).isEqualTo(l);
        }
        // sends, in order per lane, each to a partition
        List<List<Msg>> appended = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            appended.add(new ArrayList<>());
        }
        for (int i = 0; i < count; i++) {
            int l = random.nextInt(lanes);
            Sent s = new Sent(fakes[l], next[l]++, i, i, 0, 0);
            ledger.sent(l, s);
            int p = random.nextInt(partitions);
            appended.get(p).add(new Msg(l, s.laneSeq, p, s));
        }
        // the broker reorders now and then: two neighbours swapped
        for (List<Msg> part : appended) {
            for (int i = 0; i + 1 < part.size(); i++) {
                if (random.nextInt(20) == 0) {
                    Msg a = part.get(i);
                    part.set(i, part.get(i + 1));
                    part.set(i + 1, a);
                    i++;
                }
            }
        }
        // each partition's acknowledgements and deliveries (with skips and repeats), then a random merge of all
        List<List<Event>> streams = new ArrayList<>();
        Set<Msg> delivered = new HashSet<>();
        int duplicates = 0;
        int reordered = 0;
        Set<Msg> lost = new HashSet<>();
        for (List<Msg> part : appended) {
            List<Event> acks = new ArrayList<>();
            List<Event> deliveries = new ArrayList<>();
            Map<Integer, Long> highest = new HashMap<>();
            int lastDelivered = -1;
            for (int off = 0; off < part.size(); off++) {
                Msg m = part.get(off);
                acks.add(new Event(true, m, off));
                if (random.nextInt(10) == 0) {
                    continue; // skipped by the consumer
                }
                deliveries.add(new Event(false, m, off));
                delivered.add(m);
                lastDelivered = off;
                Long before = highest.get(m.lane());
                if (before != null && before > m.laneSeq()) {
                    reordered++;
                } else {
                    highest.put(m.lane(), m.laneSeq());
                }
                if (random.nextInt(15) == 0) {
                    // delivered again a little later (a redelivery), in the stream of its partition
                    deliveries.add(new Event(false, m, off));
                    duplicates++;
                }
            }
            for (int off = 0; off < lastDelivered; off++) {
                if (!delivered.contains(part.get(off))) {
                    lost.add(part.get(off));
                }
            }
            streams.add(acks);
            streams.add(deliveries);
        }
        int[] at = new int[streams.size()];
        int left = streams.stream().mapToInt(List::size).sum();
        while (left > 0) {
            int k = random.nextInt(streams.size());
            if (at[k] == streams.get(k).size()) {
                continue;
            }
            Event e = streams.get(k).get(at[k]++);
            left--;
            Msg m = e.msg();
            if (e.ack()) {
                ledger.acked(m.lane(), m.sent(), m.partition(), e.offset(), null);
            } else {
                byte[] env = new Envelope(TOKEN, m.lane(), m.laneSeq(), 0, 0).bytes();
                ledger.consumed(0, m.partition(), e.offset(), env, 1);
            }
        }
        // a message of another run, and bytes that are no envelope
        ledger.consumed(0, 0, 10_000, new Envelope(TOKEN + 1, 0, 0, 0, 0).bytes(), 1);
        ledger.consumed(0, 0, 10_001, new byte[] {1, 2, 3}, 1);

        String where = "trial " + trial;
        Tally t = ledger.tally();
        assertThat(t.duplicated.sum()).as(where).isEqualTo(duplicates);
        assertThat(t.outOfOrder.sum()).as(where).isEqualTo(reordered);
        assertThat(t.foreign.sum()).as(where).isEqualTo(2);
        for (List<Msg> part : appended) {
            for (Msg m : part) {
                FakeLane f = fakes[m.lane()];
                assertThat(f.consumed.contains(m.laneSeq())).as(where).isEqualTo(delivered.contains(m));
                assertThat(f.lost.contains(m.laneSeq()))
                        .as(where + " lost " + m)
                        .isEqualTo(lost.contains(m));
            }
        }
        int ends = 0;
        for (FakeLane f : fakes) {
            ends += f.ends;
        }
        assertThat(ends).as(where + ": each message ends at most once").isEqualTo(delivered.size() + lost.size());
    }
}
