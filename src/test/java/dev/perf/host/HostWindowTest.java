package dev.perf.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.result.LoadDetails;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Measurements at the same time share one sampler of the machine; one alone, or one after, has its own. */
@Tag("slow") // samples once a second of the wall clock
class HostWindowTest {
    private static final List<MonitorTarget> NONE = List.of();

    @Test
    void measurementsAtTheSameTime_shareOneSampler_eachNumberedFromItsOwnStart() throws Exception {
        HostWindow.Shared shared = new HostWindow.Shared();
        HostWindow a = shared.open(NONE);
        HostWindow b = shared.open(NONE);
        a.beginAt(System.nanoTime());
        Thread.sleep(1_300);
        b.beginAt(System.nanoTime()); // joins after the sampler's first second
        Thread.sleep(2_300);
        // one sampler: the very same latest reading, not two readings of the same moment (read again when a
        // second's sample came in between)
        LoadDetails.HostSample seenByA;
        LoadDetails.HostSample seenByB;
        do {
            seenByA = a.latest();
            seenByB = b.latest();
        } while (seenByA != a.latest());
        assertThat(seenByA).isNotNull().isSameAs(seenByB);
        HostSampler.Taken first = a.stop(); // not the last: whole seconds only, the sampler goes on
        Thread.sleep(300);
        HostSampler.Taken second = b.stop(); // the last: it stops the sampler with a final partial second
        assertThat(first.host()).extracting(LoadDetails.HostSample::second).startsWith(1L, 2L);
        assertThat(second.host()).extracting(LoadDetails.HostSample::second).startsWith(1L);
        // b's second 1 is the sampler's second 2, as a's: the same reading
        assertThat(second.host().get(0).memoryUsedBytes())
                .isEqualTo(first.host().get(1).memoryUsedBytes());
        assertThat(second.host().get(0).cpuPercent())
                .isEqualTo(first.host().get(1).cpuPercent());
        // b lacks the sampler's first second but has the final partial one, and what came after a stopped
        assertThat(second.host().size()).isGreaterThanOrEqualTo(first.host().size());
    }

    @Test
    void aMeasurementAfterTheOthersStopped_orWatchingOtherProcesses_hasASamplerOfItsOwn() throws Exception {
        HostWindow.Shared shared = new HostWindow.Shared();
        HostWindow a = shared.open(NONE);
        a.beginAt(System.nanoTime());
        HostWindow other = shared.open(
                List.of(new MonitorTarget("self", ProcessHandle.current().pid(), null, null, null)));
        other.beginAt(System.nanoTime());
        Thread.sleep(1_500);
        assertThat(a.latest()).isNotNull().isNotSameAs(other.latest());
        a.stop();
        other.stop();
        LoadDetails.HostSample last = a.latest();
        HostWindow later = shared.open(NONE);
        later.beginAt(System.nanoTime());
        Thread.sleep(1_500);
        // a fresh sampler, reading on: not a's, stopped on its last sample
        assertThat(later.latest()).isNotNull().isNotSameAs(last);
        HostSampler.Taken taken = later.stop();
        assertThat(taken.host()).extracting(LoadDetails.HostSample::second).startsWith(1L);
        later.close(); // after stop: nothing more to release
    }
}
