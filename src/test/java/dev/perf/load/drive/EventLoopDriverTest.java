package dev.perf.load.drive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.load.NoopWorkload;
import org.junit.jupiter.api.RepeatedTest;

/**
 * A driver's loop threads are known as soon as it is made: a measurement that starts at once (no warm-up, a
 * loaded machine whose loop thread has not run yet) reads their allocation and CPU time, not "unknown" — which
 * once made a parallel loop's allocBytesPerOp NaN in CI.
 */
class EventLoopDriverTest {
    @RepeatedTest(20)
    void theLoopsThreads_areKnownWhenTheDriverIsMade() {
        Operations ops = Operations.single(new NoopWorkload());
        try (EventLoopDriver driver = new EventLoopDriver(ops, 2, 4, false, 1_000_000_000L)) {
            assertThat(driver.allocatedBytes()).isNotNegative();
        }
    }
}
