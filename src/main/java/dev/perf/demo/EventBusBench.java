package dev.perf.demo;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/** Publishing an event through an in-memory bus with four subscribers; throughput in events per µs. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EventBusBench {

    /** An event as a service would publish it. */
    public record OrderEvent(long orderId, String type, long amountCents) {}

    /** A minimal synchronous publish/subscribe bus. */
    public static final class EventBus {
        private final List<Consumer<OrderEvent>> subscribers = new CopyOnWriteArrayList<>();

        public void subscribe(Consumer<OrderEvent> subscriber) {
            subscribers.add(subscriber);
        }

        public void publish(OrderEvent event) {
            for (Consumer<OrderEvent> s : subscribers) {
                s.accept(event);
            }
        }
    }

    private final EventBus bus = new EventBus();
    private long sequence;
    private long totalCents;
    private long shipped;

    @Setup
    public void subscribe(Blackhole blackhole) {
        bus.subscribe(e -> totalCents += e.amountCents());
        bus.subscribe(e -> {
            if ("shipped".equals(e.type())) {
                shipped++;
            }
        });
        bus.subscribe(blackhole::consume);
        bus.subscribe(e -> blackhole.consume(e.orderId()));
    }

    @Benchmark
    public long publish() {
        long id = ++sequence;
        bus.publish(new OrderEvent(id, (id & 1) == 0 ? "created" : "shipped", id % 10_000));
        return totalCents + shipped;
    }
}
