package dev.perf.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.result.BenchmarkResult;
import dev.perf.result.LoadDetails;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** What an interrupt keeps of the load loops: those done, the running one marked, none started after. */
class LoadsDoneTest {
    private static BenchmarkResult loop(String name, long sent) {
        LoadDetails.Counters counters = new LoadDetails.Counters(sent, sent, 0, sent, 0, 0, 0, 0, 0, Map.of(), null);
        LoadDetails d = LoadDetails.builder("open", counters)
                .target("java:X")
                .timeSeries(List.of(second(0), second(1), second(2)))
                .build();
        return new BenchmarkResult(name, "load", null, Map.of(), BenchmarkResult.Status.ok, null, List.of(), d);
    }

    private static LoadDetails.Second second(long s) {
        return new LoadDetails.Second(s, 200, 50, 90, 0, null);
    }

    @Test
    void theRunningLoopIsKeptMarkedInterrupted_andNoStepStartsAfterTheInterrupt() throws Exception {
        LoadsDone loads = new LoadsDone();
        assertThat(loads.run(() -> List.of(loop("first", 100)))).hasSize(1);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch cut = new CountDownLatch(1);
        Thread main = new Thread(() -> loads.run(() -> {
            started.countDown();
            try {
                cut.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of(loop("second", 680), loop("second/step", 0)); // a part that measured nothing
        }));
        main.start();
        started.await();
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            cut.countDown(); // the engine's stop ends the loop a little later
        });
        stopper.start();
        List<BenchmarkResult> kept = loads.stopAndWait(Duration.ofSeconds(10));
        assertThat(kept).extracting(BenchmarkResult::name).containsExactly("first", "second");
        assertThat(kept.get(0).load().aborted()).isNull();
        assertThat(kept.get(1).load().aborted()).startsWith("interrupted after 3 s");
        assertThat(loads.stopping()).isTrue();
        AtomicBoolean ran = new AtomicBoolean();
        assertThat(loads.run(() -> {
                    ran.set(true);
                    return List.of(loop("third", 1));
                }))
                .isEmpty();
        assertThat(ran).isFalse();
        main.join();
    }

    @Test
    void aLoopThatDoesNotEndInTime_isLeftOut_andTheWaitIsBounded() throws Exception {
        LoadsDone loads = new LoadsDone();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        Thread main = new Thread(() -> loads.run(() -> {
            started.countDown();
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of(loop("stuck", 5));
        }));
        main.start();
        started.await();
        long t0 = System.nanoTime();
        assertThat(loads.stopAndWait(Duration.ofMillis(200))).isEmpty();
        assertThat((System.nanoTime() - t0) / 1e6).isLessThan(5_000);
        never.countDown();
        main.join();
    }
}
