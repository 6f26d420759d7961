package dev.perf.load.record;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closes a one-second window in every recorder of a measured loop each second, then reports progress; when
 * the loop ends, closes the full seconds whose tick had not fired yet.
 */
public final class SecondTicker {
    private final List<LoadRecorder> recorders;
    private final Runnable afterTick;
    private final AtomicLong ticks = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "perf-load-ticker");
        t.setDaemon(true);
        return t;
    });

    /** A ticker of {@code recorders}; {@code afterTick} runs after each timed tick (progress). */
    public SecondTicker(List<LoadRecorder> recorders, Runnable afterTick) {
        this.recorders = List.copyOf(recorders);
        this.afterTick = afterTick;
    }

    /** Starts ticking once a second from now. */
    public void start() {
        // the timer is shut down by stop(); the future would only tell of its cancellation
        var unusedTicks = timer.scheduleAtFixedRate(
                () -> {
                    tick();
                    afterTick.run();
                },
                1,
                1,
                TimeUnit.SECONDS);
    }

    /** Windows closed so far. */
    long ticks() {
        return ticks.get();
    }

    /** Stops the timer and waits for a tick under way, so that it finishes before the catch-up ones. */
    public void stop() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes windows until {@code fullSeconds} are closed: seconds that ran in full before the loop ended. */
    public void catchUp(long fullSeconds) {
        while (ticks.get() < fullSeconds) {
            tick();
        }
    }

    private void tick() {
        recorders.forEach(LoadRecorder::tick);
        ticks.incrementAndGet();
    }
}
