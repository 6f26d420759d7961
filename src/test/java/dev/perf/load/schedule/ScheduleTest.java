package dev.perf.load.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perf.load.drive.EventLoops;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Contract tests of the schedules: monotone, faithful to the integral of the rate, shardable. */
class ScheduleTest {
    private static final long SECOND = 1_000_000_000L;

    private static List<RateProfile> profiles() {
        return List.of(
                RateProfile.constant(1000, 2 * SECOND),
                RateProfile.constant(3, 5 * SECOND),
                RateProfile.ramp(100, 2000, 3 * SECOND),
                RateProfile.ramp(2000, 100, 3 * SECOND),
                RateProfile.ramp(0, 500, 2 * SECOND),
                new RateProfile(List.of(
                        new RateProfile.Segment(SECOND, 100, 100),
                        new RateProfile.Segment(SECOND, 100, 800),
                        new RateProfile.Segment(SECOND / 2, 800, 800),
                        new RateProfile.Segment(SECOND, 800, 0))),
                RateProfile.spike(200, 5000, SECOND, SECOND / 4, 3 * SECOND),
                RateProfile.burst(50, 2000, SECOND, SECOND / 10, 4 * SECOND));
    }

    @Test
    void constant_firesAtCeilOfIndexOverRate() {
        RateProfile p = RateProfile.constant(3, SECOND * 2);
        assertThat(p.operations()).isEqualTo(6);
        for (int i = 0; i < 6; i++) {
            assertThat(p.startNanos(i)).isEqualTo((long) Math.ceil(i * 1e9 / 3));
        }
    }

    @Test
    void everyProfile_isStrictlyIncreasingAndWithinItsDuration() {
        for (RateProfile p : profiles()) {
            long previous = -1;
            for (long i = 0; i < p.operations(); i++) {
                long t = p.startNanos(i);
                assertThat(t).as("op %d", i).isGreaterThan(previous).isLessThanOrEqualTo(p.durationNanos());
                previous = t;
            }
        }
    }

    @Test
    void everyProfile_countInAnyWindowEqualsTheIntegralOfTheRatePlusMinusOne() {
        Random random = new Random(11);
        for (RateProfile p : profiles()) {
            long[] times = new long[(int) p.operations()];
            for (int i = 0; i < times.length; i++) {
                times[i] = p.startNanos(i);
            }
            for (int trial = 0; trial < 200; trial++) {
                long a = (long) (random.nextDouble() * p.durationNanos());
                long b = a + (long) (random.nextDouble() * (p.durationNanos() - a));
                long count = java.util.Arrays.stream(times)
                        .filter(t -> t >= a && t < b)
                        .count();
                double integral = p.countBefore(b) - p.countBefore(a);
                assertThat((double) count)
                        .as("window [%d, %d)", a, b)
                        .isBetween(integral - 1.000001, integral + 1.000001);
            }
        }
    }

    @Test
    void ramp_matchesTheClosedFormRoot() {
        RateProfile p = RateProfile.ramp(100, 300, 2 * SECOND); // r(t) = 100 + 100 t, N(t) = 100 t + 50 t²
        assertThat(p.operations()).isEqualTo(400);
        for (int i : new int[] {1, 10, 150, 399}) {
            double t = (-100 + Math.sqrt(100 * 100 + 4 * 50 * i)) / (2 * 50);
            assertThat(p.startNanos(i)).isBetween((long) (t * 1e9) - 1, (long) (t * 1e9) + 2);
        }
    }

    @Test
    void shards_togetherAreExactlyTheGlobalSchedule() {
        for (RateProfile p : profiles()) {
            TreeSet<Long> global = new TreeSet<>();
            List<Long> union = new ArrayList<>();
            for (long i = 0; i < p.operations(); i++) {
                global.add(p.startNanos(i) * 1_000_000 + i); // time and index: unique
            }
            for (int shard = 0; shard < 3; shard++) {
                Schedule s = new Schedule(p, new Slice(shard, 3), null);
                for (long local = 0; local < s.operations(); local++) {
                    union.add(s.startNanos(local) * 1_000_000 + s.globalIndex(local));
                }
            }
            assertThat(new TreeSet<>(union)).isEqualTo(global);
            assertThat(union).hasSize(global.size());
        }
    }

    @Test
    void stripesOfShards_togetherAreExactlyTheGlobalSchedule() {
        // 2 processes with 3 event loops each send exactly what one process with one loop would
        for (RateProfile p : profiles()) {
            List<Long> global = new ArrayList<>();
            Schedule.FireTimes all = new Schedule(p, new Slice(0, 1), null).fireTimes();
            Schedule.Claim c = new Schedule.Claim();
            while (all.next(c)) {
                global.add(c.nanos * 1_000_000 + c.index);
            }
            List<Long> union = new ArrayList<>();
            for (int shard = 0; shard < 2; shard++) {
                for (int stripe = 0; stripe < 3; stripe++) {
                    Schedule.FireTimes t = new Schedule(p, new Slice(shard, 2), null)
                            .stripe(new Slice(stripe, 3))
                            .fireTimes();
                    long previous = Long.MIN_VALUE;
                    while (t.next(c)) {
                        assertThat(c.nanos).isGreaterThanOrEqualTo(previous);
                        previous = c.nanos;
                        union.add(c.nanos * 1_000_000 + c.index);
                    }
                }
            }
            assertThat(union).containsExactlyInAnyOrderElementsOf(global);
        }
    }

    @Test
    void poissonShards_drawTheirOwnGaps() {
        RateProfile p = RateProfile.constant(1000, SECOND);
        long a = new Schedule(p, new Slice(0, 2), 7L).fireTimes().next();
        long b = new Schedule(p, new Slice(1, 2), 7L).fireTimes().next();
        assertThat(a).isNotEqualTo(b); // one seed for all shards made their arrivals coincide
    }

    @Test
    void eventLoops_oneBelowTheRatePerLoop_atMostHalfTheCpusAndTheConnections() {
        assertThat(EventLoops.count(49_000, 32, 2)).isEqualTo(1);
        assertThat(EventLoops.count(200_000, 32, 2)).isEqualTo(1);
        assertThat(EventLoops.count(49_000, 32, 16)).isEqualTo(1);
        assertThat(EventLoops.count(120_000, 32, 16)).isEqualTo(3);
        assertThat(EventLoops.count(1_000_000, 32, 16)).isEqualTo(8);
        assertThat(EventLoops.count(1_000_000, 2, 16)).isEqualTo(2);
        assertThat(EventLoops.count(Double.NaN, 4, 16)).isEqualTo(4); // closed: one per user
        assertThat(EventLoops.count(Double.NaN, 64, 16)).isEqualTo(8);
        assertThat(EventLoops.count(Double.NaN, 64, 1)).isEqualTo(1);
    }

    @Test
    void spikeAndBurst_scheduleTheRightCounts() {
        assertThat(RateProfile.spike(200, 5000, SECOND, SECOND / 4, 3 * SECOND).operations())
                .isEqualTo(200 + 5000 / 4 + 350); // 1 s base, 0.25 s peak, 1.75 s base
        assertThat(RateProfile.burst(50, 2000, SECOND, SECOND / 10, 4 * SECOND).operations())
                .isEqualTo(4 * (200 + 45));
    }

    @Test
    void poisson_isSeededAndFollowsTheRate() {
        RateProfile p = RateProfile.constant(1000, 10 * SECOND);
        long count = 0;
        long previous = -1;
        Schedule.FireTimes times = new Schedule(p, new Slice(0, 1), 7L).fireTimes();
        List<Long> first = new ArrayList<>();
        for (long t = times.next(); t >= 0; t = times.next()) {
            assertThat(t).isGreaterThanOrEqualTo(previous);
            previous = t;
            if (first.size() < 5) {
                first.add(t);
            }
            count++;
        }
        assertThat(count).isBetween(9700L, 10300L); // 10 000 ± 3σ
        Schedule.FireTimes again = new Schedule(p, new Slice(0, 1), 7L).fireTimes();
        for (long t : first) {
            assertThat(again.next()).isEqualTo(t);
        }
    }

    @Test
    void invalidShapesAreRejected() {
        assertThatThrownBy(() -> RateProfile.constant(-1, SECOND)).hasMessageContaining("not negative");
        assertThatThrownBy(() -> RateProfile.burst(1, 2, SECOND, SECOND, 3 * SECOND))
                .hasMessageContaining("shorter");
        assertThatThrownBy(() -> new Schedule(RateProfile.constant(1, SECOND), new Slice(3, 3), null))
                .hasMessageContaining("slice 3 of 3");
    }

    @Test
    void claims_carryTheGlobalIndex_andTheShardsTogetherClaimEveryIndexOnce() {
        RateProfile profile = RateProfile.ramp(100, 900, 2_000_000_000L);
        for (Long seed : new Long[] {null, 7L}) {
            java.util.Set<Long> seen = new java.util.HashSet<>();
            for (int shard = 0; shard < 3; shard++) {
                Schedule.FireTimes times = new Schedule(profile, new Slice(shard, 3), seed).fireTimes();
                Schedule.Claim c = new Schedule.Claim();
                long previous = -1;
                while (times.next(c)) {
                    assertThat(c.index % 3).isEqualTo(shard);
                    assertThat(c.nanos).isGreaterThanOrEqualTo(previous);
                    if (seed == null) {
                        assertThat(c.nanos).isEqualTo(profile.startNanos(c.index));
                    }
                    previous = c.nanos;
                    assertThat(seen.add(c.index)).isTrue();
                }
            }
            if (seed == null) {
                assertThat(seen).hasSize((int) profile.operations());
            }
        }
    }
}
