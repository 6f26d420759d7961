package dev.perf.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load threads' run-queue wait, from a fake /proc/self/task, and the rule that makes a run bound by it. */
class RunQueueDelayTest {
    @TempDir
    Path root;

    private void thread(long tid, String name, long cpu, long wait, long runs) throws IOException {
        Path task = root.resolve("proc/self/task/" + tid);
        Files.createDirectories(task);
        Files.writeString(task.resolve("comm"), name + "\n");
        Files.writeString(task.resolve("schedstat"), cpu + " " + wait + " " + runs + "\n");
    }

    @Test
    void onlyLoadThreads_countTheirIncrease_andNewOnesAllTheyHave() throws IOException {
        thread(10, "perf-loop-0", 5_000, 1_000_000, 100);
        thread(11, "perf-load-worke", 5_000, 2_000_000, 50); // the kernel keeps 15 characters of a name
        thread(12, "GC Thread#0", 5_000, 900_000_000, 10);
        Map<Long, long[]> before = RunQueueDelay.threads(root);
        assertThat(before).containsOnlyKeys(10L, 11L);
        thread(10, "perf-loop-0", 9_000, 5_000_000, 300);
        thread(11, "perf-load-worke", 9_000, 2_000_000, 50);
        thread(13, "perf-loop-1", 9_000, 3_000_000, 100);
        thread(12, "GC Thread#0", 9_000, 990_000_000, 20);
        RunQueueDelay d = RunQueueDelay.since(before, root);
        assertThat(d.readable()).isTrue();
        assertThat(d.waitNanos()).isEqualTo(4_000_000 + 3_000_000);
        assertThat(d.runs()).isEqualTo(200 + 100);
        assertThat(d.meanWaitNanos()).isEqualTo(7_000_000 / 300.0);
    }

    @Test
    void noProcfs_isUnreadable_andNeverBound() {
        RunQueueDelay d = RunQueueDelay.since(Map.of(), root.resolve("nothing"));
        assertThat(d).isEqualTo(RunQueueDelay.NONE);
        assertThat(d.boundReason(1_000)).isNull();
    }

    @Test
    void boundWhenTheMeanWaitIsAMaterialShareOfTheMedian_andAboveTheFloor() {
        // 2 000 runs waiting 0.5 ms each against a 1 ms median: every response read half a median late
        RunQueueDelay starved = new RunQueueDelay(1_000_000_000L, 2_000, true);
        assertThat(starved.boundReason(1_000_000))
                .isEqualTo("perf's load threads waited 1000 ms for a CPU (500 us per wake-up on average, against a"
                        + " response time p50 of 1000 us): the machine's CPUs are taken by other work, give perf a"
                        + " CPU of its own");
        // the same wait against a 50 ms service is under a tenth of its median
        assertThat(starved.boundReason(50_000_000)).isNull();
        // an idle machine's few microseconds per wake-up never bind, even against a fast server
        assertThat(new RunQueueDelay(20_000_000L, 5_000, true).boundReason(50_000))
                .isNull();
    }
}
