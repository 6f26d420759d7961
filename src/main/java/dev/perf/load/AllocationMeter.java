package dev.perf.load;

import dev.perf.load.drive.Driver;
import dev.perf.load.drive.ThreadAllocation;
import java.util.HashSet;
import java.util.Set;

/**
 * What one measurement allocated. Alone, the JVM's whole allocation while it ran: everything perf did for it
 * (its event loops or workers, the client libraries' own threads, the recorders, the samplers). While another
 * loop of this JVM ran too ({@code parallel:}) — measuring or setting up — whose allocation that total would
 * hold as well, only its driver's own threads' ({@link Driver#allocatedBytes}). −1 where the JVM does not tell.
 */
final class AllocationMeter {
    /** The measurements being metered now. Guards each one's {@link #beside} and {@link #loops}. */
    private static final Set<AllocationMeter> RUNNING = new HashSet<>();

    /** How many loops run now, from their set-up to their last result. */
    private static int loops;

    private final Driver driver;
    private final long jvmBefore;
    private final long driverBefore;
    /** Whether another loop ran at any time beside this measurement. */
    private boolean beside;

    private AllocationMeter(Driver driver) {
        this.driver = driver;
        this.jvmBefore = ThreadAllocation.total();
        this.driverBefore = driver.allocatedBytes();
    }

    /** A loop starts (its set-up first): the measurements running now have another beside them. */
    static void loopStarted() {
        synchronized (RUNNING) {
            loops++;
            if (loops > 1) {
                RUNNING.forEach(r -> r.beside = true);
            }
        }
    }

    /** A loop has ended. */
    static void loopEnded() {
        synchronized (RUNNING) {
            loops--;
        }
    }

    /** Starts metering a measurement on {@code driver}, of a loop that {@link #loopStarted}. */
    static AllocationMeter start(Driver driver) {
        AllocationMeter m = new AllocationMeter(driver);
        synchronized (RUNNING) {
            RUNNING.add(m);
            m.beside = loops > 1;
        }
        return m;
    }

    /** Stops metering: the bytes the measurement allocated, or −1 when unknown. */
    long stop() {
        boolean shared;
        synchronized (RUNNING) {
            RUNNING.remove(this);
            shared = beside;
        }
        long before = shared ? driverBefore : jvmBefore;
        long after = shared ? driver.allocatedBytes() : ThreadAllocation.total();
        return before < 0 || after < 0 ? -1 : after - before;
    }
}
