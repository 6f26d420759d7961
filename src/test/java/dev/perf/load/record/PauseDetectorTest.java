package dev.perf.load.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The pause detector against real stalls: this JVM stopped by a signal, and real collections. */
class PauseDetectorTest {
    @Test
    void aStoppedProcess_isSeenAsAStallOfAtLeastItsLengthLessOneSleep() throws Exception {
        PauseDetector detector = new PauseDetector();
        detector.start();
        try {
            Thread.sleep(150);
            detector.reset();
            long pid = ProcessHandle.current().pid();
            // a shell outside this JVM stops it for 350 ms and lets it go on: every thread stands still
            Process stopper =
                    new ProcessBuilder("sh", "-c", "kill -STOP " + pid + "; sleep 0.35; kill -CONT " + pid).start();
            assertThat(stopper.waitFor(10, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(250); // the sleeper wakes within one sleep of the stall's end
            assertThat(detector.maxPauseNanos() / 1e6).isBetween(250.0, 5_000.0);
        } finally {
            detector.stop();
        }
    }

    @Test
    void aCollectionsPause_isNotedFromTheCollectorsNotification() throws Exception {
        List<long[]> live = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            live.add(new long[16_384]); // 50 MB that a full collection has to mark and move
        }
        PauseDetector detector = new PauseDetector();
        detector.start();
        try {
            detector.reset();
            List<GarbageCollectorMXBean> beans = ManagementFactory.getGarbageCollectorMXBeans();
            long[] before = beans.stream()
                    .mapToLong(GarbageCollectorMXBean::getCollectionCount)
                    .toArray();
            System.gc();
            long longest = 0;
            for (int i = 0; i < beans.size(); i++) {
                GcInfo last = ((com.sun.management.GarbageCollectorMXBean) beans.get(i)).getLastGcInfo();
                // only a collector that ran since the detector started: an older last collection was not its
                if (last != null
                        && beans.get(i).getCollectionCount() > before[i]
                        && PauseDetector.pauses(beans.get(i).getName())) {
                    longest = Math.max(longest, last.getDuration());
                }
            }
            assertThat(longest)
                    .as("System.gc() is a stop-the-world collection that takes time")
                    .isPositive();
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (detector.maxPauseNanos() < longest * 1_000_000 && System.nanoTime() < deadline) {
                Thread.sleep(10); // notifications arrive on the JVM's notification thread
            }
            assertThat(detector.maxPauseNanos()).isGreaterThanOrEqualTo(longest * 1_000_000);
        } finally {
            detector.stop();
        }
        assertThat(live).hasSize(400);
    }

    @Test
    void stopped_itNotesNothingMore() throws Exception {
        PauseDetector detector = new PauseDetector();
        detector.start();
        detector.stop();
        Thread.sleep(50);
        detector.reset();
        System.gc();
        Thread.sleep(200);
        assertThat(detector.maxPauseNanos()).isZero();
    }

    @Test
    void theBeansOfConcurrentCycles_areNoPauses() {
        assertThat(List.of(
                        "G1 Young Generation",
                        "G1 Old Generation",
                        "ZGC Pauses",
                        "Shenandoah Pauses",
                        "PS Scavenge",
                        "PS MarkSweep",
                        "Copy",
                        "MarkSweepCompact",
                        "ParNew"))
                .allMatch(PauseDetector::pauses);
        assertThat(List.of(
                        "G1 Concurrent GC", "ZGC Cycles", "ZGC Minor Cycles", "ZGC Major Cycles", "Shenandoah Cycles"))
                .noneMatch(PauseDetector::pauses);
    }
}
