package dev.perf.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.load.drive.Driver;
import dev.perf.load.drive.Model;
import dev.perf.load.drive.Operations;
import dev.perf.load.record.LoadRecorder;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A measurement's allocation: the JVM's whole while its loop runs alone, its driver's own threads' while another
 * loop runs beside it — then what other threads allocate is not counted in it.
 */
class AllocationMeterTest {
    /** A driver whose threads have allocated what the test says: the meter's rule apart from any real driver. */
    private static final class Counted implements Driver {
        final AtomicLong bytes = new AtomicLong(1_000);

        @Override
        public Outcome drive(Model model, Operations ops, LoadRecorder rec, BooleanSupplier stop) {
            throw new UnsupportedOperationException("the meter never drives");
        }

        @Override
        public long allocatedBytes() {
            return bytes.get();
        }

        @Override
        public void close() {}
    }

    private int loops;

    private void loop() {
        AllocationMeter.loopStarted();
        loops++;
    }

    @AfterEach
    void end() {
        for (; loops > 0; loops--) {
            AllocationMeter.loopEnded();
        }
    }

    /** Allocates {@code bytes} on a thread of its own, as another loop's threads would. */
    private static void allocateElsewhere(long bytes) throws InterruptedException {
        Thread t = new Thread(() -> {
            long left = bytes;
            Object[] keep = new Object[1];
            while (left > 0) {
                keep[0] = new byte[1 << 16];
                left -= 1 << 16;
            }
        });
        t.start();
        t.join();
    }

    @Test
    void alone_theJvmsWholeAllocationCounts() throws InterruptedException {
        loop();
        Counted driver = new Counted();
        AllocationMeter m = AllocationMeter.start(driver);
        allocateElsewhere(64L << 20);
        driver.bytes.addAndGet(5_000);
        assertThat(m.stop()).isGreaterThanOrEqualTo(64L << 20);
    }

    @Test
    void besideAnotherLoop_onlyItsDriversThreadsCount() throws InterruptedException {
        loop();
        loop(); // a second loop of a parallel: entry, setting up or measuring
        Counted driver = new Counted();
        AllocationMeter m = AllocationMeter.start(driver);
        allocateElsewhere(64L << 20);
        driver.bytes.addAndGet(5_000);
        assertThat(m.stop()).isEqualTo(5_000);
    }

    @Test
    void aLoopThatStartsDuringTheMeasurement_makesItBeside() throws InterruptedException {
        loop();
        Counted driver = new Counted();
        AllocationMeter m = AllocationMeter.start(driver);
        loop(); // its set-up's allocation is not this measurement's
        allocateElsewhere(64L << 20);
        driver.bytes.addAndGet(7_000);
        assertThat(m.stop()).isEqualTo(7_000);
    }

    @Test
    void aDriverThatCannotTell_isUnknown_notZero() {
        loop();
        loop();
        Counted driver = new Counted();
        driver.bytes.set(-1);
        assertThat(AllocationMeter.start(driver).stop()).isEqualTo(-1);
    }
}
