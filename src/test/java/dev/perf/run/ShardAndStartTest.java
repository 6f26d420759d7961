package dev.perf.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perf.result.PerfException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which shard the environment names (Kubernetes Indexed Jobs), and waiting for --start-at. */
class ShardAndStartTest {
    @Test
    void perfShard_isTakenAsWritten() {
        assertThat(RunRequest.Shard.fromEnvironment(Map.of("PERF_SHARD", "2/3")))
                .isEqualTo(new RunRequest.Shard(2, 3));
    }

    @Test
    void anIndexedJobsZeroBasedIndex_withPerfShards_isShardIndexPlusOne() {
        for (int i = 0; i < 3; i++) {
            assertThat(RunRequest.Shard.fromEnvironment(
                            Map.of("JOB_COMPLETION_INDEX", Integer.toString(i), "PERF_SHARDS", "3")))
                    .isEqualTo(new RunRequest.Shard(i + 1, 3));
        }
    }

    @Test
    void perfShard_winsOverTheJobIndex_andNothingMeansTheWholeSuite() {
        assertThat(RunRequest.Shard.fromEnvironment(
                        Map.of("PERF_SHARD", "1/2", "JOB_COMPLETION_INDEX", "4", "PERF_SHARDS", "5")))
                .isEqualTo(new RunRequest.Shard(1, 2));
        assertThat(RunRequest.Shard.fromEnvironment(Map.of())).isEqualTo(RunRequest.Shard.WHOLE);
    }

    @Test
    void anIndexWithoutACount_orOutOfRange_orNotANumber_isAUsageError() {
        assertThatThrownBy(() -> RunRequest.Shard.fromEnvironment(Map.of("JOB_COMPLETION_INDEX", "0")))
                .isInstanceOf(PerfException.class)
                .hasMessageContaining("PERF_SHARDS is not");
        assertThatThrownBy(
                        () -> RunRequest.Shard.fromEnvironment(Map.of("JOB_COMPLETION_INDEX", "3", "PERF_SHARDS", "3")))
                .hasMessageContaining("1 <= I <= N");
        assertThatThrownBy(
                        () -> RunRequest.Shard.fromEnvironment(Map.of("JOB_COMPLETION_INDEX", "x", "PERF_SHARDS", "3")))
                .hasMessageContaining("whole numbers");
        assertThatThrownBy(() -> RunRequest.Shard.fromEnvironment(Map.of("PERF_SHARD", "two")))
                .hasMessageContaining("invalid PERF_SHARD 'two'");
    }

    @Test
    void startAt_waitsUntilTheInstant() {
        Instant at = Instant.now().plusMillis(300);
        StartAt.await(at, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), true);
        Instant now = Instant.now();
        assertThat(now).isAfterOrEqualTo(at);
        assertThat(Duration.between(at, now).toMillis()).isLessThan(200); // a busy CI machine's wake-up
    }

    @Test
    void startAt_pastStartsAtOnceAndSaysSo_farAheadIsAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        StartAt.await(Instant.now().minusSeconds(5), new PrintStream(err, true, StandardCharsets.UTF_8), true);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("has passed").contains("starting now");
        assertThatThrownBy(() -> StartAt.await(Instant.now().plus(Duration.ofDays(2)), System.err, true))
                .isInstanceOf(PerfException.class)
                .hasMessageContaining("more than 24 h away");
    }
}
