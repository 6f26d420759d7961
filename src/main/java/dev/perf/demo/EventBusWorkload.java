package dev.perf.demo;

import dev.perf.load.Workload;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The demo's load-loop target: publishing order events through the in-memory {@link EventBusBench.EventBus}
 * with a number of subscribers (parameter {@code subscribers}, default 4), from many threads at once.
 */
public final class EventBusWorkload implements Workload {
    private final EventBusBench.EventBus bus = new EventBusBench.EventBus();
    private final AtomicLong sequence = new AtomicLong();
    private final LongAdder delivered = new LongAdder();

    @Override
    public void setUp(Map<String, String> params) {
        int subscribers = Integer.parseInt(params.getOrDefault("subscribers", "4"));
        for (int i = 0; i < subscribers; i++) {
            bus.subscribe(event -> delivered.increment());
        }
    }

    @Override
    public void call() {
        long id = sequence.incrementAndGet();
        bus.publish(new EventBusBench.OrderEvent(id, (id & 1) == 0 ? "created" : "shipped", id % 10_000));
    }
}
