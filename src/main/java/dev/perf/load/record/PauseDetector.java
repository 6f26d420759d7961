package dev.perf.load.record;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Notices when the whole JVM stalls, from two witnesses. GC pauses come from the collectors' own notifications,
 * exact to the millisecond, whatever their length. Every other stall (a starved or frozen machine, a stopped
 * process, a non-GC safepoint) from a thread that sleeps 100 ms at a time and records how much longer than that
 * each sleep took, as jHiccup does: a stall of {@code p} ms shows as {@code p - 100} to {@code p}, so one
 * above the engine's pause limit (100 ms) plus a sleep is always seen above the limit, one between 100 and 200 ms
 * may be seen shorter. A 20 ms sleeper saw those too, but its 50 wake-ups a second cost 2-4 ms of CPU a second —
 * a tenth of everything perf spent at 1 000 requests/s; starvation itself is measured apart, from the loop
 * threads' run-queue delay and the cgroup's throttling. Thread-safe.
 */
public final class PauseDetector {
    private static final long SLEEP_NANOS = 100_000_000;
    private final AtomicLong maxPause = new AtomicLong();
    private final NotificationListener onGc = this::gc;
    private final List<NotificationEmitter> watched = new ArrayList<>();
    private volatile boolean running;
    private Thread thread;

    public void start() {
        running = true;
        thread = new Thread(
                () -> {
                    while (running && sleepOnce()) {
                        // each turn is a call, not a loop body: a method called 10 times a second is compiled
                        // within minutes; a loop entered once stays interpreted until its on-stack replacement
                    }
                },
                "perf-pause-detector");
        thread.setDaemon(true);
        thread.start();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter && pauses(gc.getName())) {
                emitter.addNotificationListener(onGc, null, null);
                watched.add(emitter);
            }
        }
    }

    /**
     * Whether the collector named {@code name} stops the application: G1's and the other generational ones'
     * young and old collectors do; the beans of concurrent cycles ("G1 Concurrent GC", "ZGC Cycles",
     * "Shenandoah Cycles") time work done beside it, which is no stall.
     */
    static boolean pauses(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return !n.contains("concurrent") && !n.contains("cycles");
    }

    private void gc(Notification n, Object handback) {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())
                && n.getUserData() instanceof CompositeData data) {
            note(GarbageCollectionNotificationInfo.from(data).getGcInfo().getDuration() * 1_000_000);
        }
    }

    /** Sleeps once and notes how much longer than asked it took; false when interrupted (stopped). */
    private boolean sleepOnce() {
        long before = System.nanoTime();
        try {
            Thread.sleep(SLEEP_NANOS / 1_000_000);
        } catch (InterruptedException e) {
            return false;
        }
        note(System.nanoTime() - before - SLEEP_NANOS);
        return true;
    }

    private void note(long pauseNanos) {
        if (pauseNanos > maxPause.get()) {
            maxPause.accumulateAndGet(pauseNanos, Math::max);
        }
    }

    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
        for (NotificationEmitter emitter : watched) {
            try {
                emitter.removeNotificationListener(onGc);
            } catch (ListenerNotFoundException e) {
                // not there: nothing to remove
            }
        }
        watched.clear();
    }

    /** Forgets the stalls seen so far: the longest is then the longest from now. */
    public void reset() {
        maxPause.set(0);
    }

    /** The longest stall seen, ns. */
    public long maxPauseNanos() {
        return maxPause.get();
    }
}
