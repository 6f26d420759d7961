package dev.perf.load.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The one share rule: what shards, loops, users and schedules are dealt, checked against counting. */
class SliceTest {

    @Property
    void theSlicesOfAWhole_holdEveryElementOnce(
            @ForAll @LongRange(min = 0, max = 5_000) long total, @ForAll @IntRange(min = 1, max = 40) int of) {
        long sum = 0;
        for (int k = 0; k < of; k++) {
            Slice s = new Slice(k, of);
            long counted = 0;
            for (long i = 0; i < total; i++) {
                if (s.owns(i)) {
                    counted++;
                }
            }
            assertThat(s.count(total)).as("slice %d of %d of %d", k, of, total).isEqualTo(counted);
            for (long local = 0; local < s.count(total); local++) {
                assertThat(s.owns(s.global(local))).isTrue();
                assertThat(s.global(local)).isLessThan(total);
            }
            sum += counted;
        }
        assertThat(sum).isEqualTo(total);
    }

    @Property
    void partsOfASlice_holdExactlyItsElements(
            @ForAll @IntRange(min = 1, max = 7) int shards,
            @ForAll @IntRange(min = 1, max = 5) int loops,
            @ForAll @LongRange(min = 0, max = 700) long total) {
        for (int k = 0; k < shards; k++) {
            Slice shard = new Slice(k, shards);
            List<Long> mine = new ArrayList<>();
            for (long local = 0; local < shard.count(total); local++) {
                mine.add(shard.global(local));
            }
            List<Long> fromParts = new ArrayList<>();
            long counted = 0;
            for (int j = 0; j < loops; j++) {
                Slice part = shard.within(new Slice(j, loops));
                for (long local = 0; local < part.count(total); local++) {
                    fromParts.add(part.global(local));
                }
                // a part's share of the shard's count is the part's share of the whole
                assertThat(part.count(total)).isEqualTo(new Slice(j, loops).count(shard.count(total)));
                counted += part.count(total);
            }
            assertThat(fromParts).containsExactlyInAnyOrderElementsOf(mine);
            assertThat(counted).isEqualTo(shard.count(total));
        }
    }

    @Test
    void usersAreDealtOutLikeOperations_theFirstSlicesTakeTheRemainder() {
        assertThat(new Slice(0, 3).count(7)).isEqualTo(3);
        assertThat(new Slice(1, 3).count(7)).isEqualTo(2);
        assertThat(new Slice(2, 3).count(7)).isEqualTo(2);
        assertThat(new Slice(2, 3).count(2)).isZero();
        assertThat(Slice.WHOLE.count(7)).isEqualTo(7);
        assertThat(new Slice(1, 4).rate(1000)).isEqualTo(250);
    }

    @Test
    void aSliceOutsideItsWhole_isRefused() {
        assertThatThrownBy(() -> new Slice(3, 3)).hasMessageContaining("slice 3 of 3");
        assertThatThrownBy(() -> new Slice(-1, 3)).hasMessageContaining("slice -1 of 3");
        assertThatThrownBy(() -> new Slice(0, 0)).hasMessageContaining("slice 0 of 0");
    }
}
