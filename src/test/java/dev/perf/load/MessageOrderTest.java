package dev.perf.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.load.message.Broker;
import dev.perf.load.message.MessagePlan;
import dev.perf.load.message.MessageWorkload;
import dev.perf.result.BenchmarkResult;
import dev.perf.result.LoadDetails;
import dev.perf.suite.LoadSpec;
import dev.perf.suite.Profile;
import dev.perf.suite.SuiteLoader;
import dev.perf.suite.SuiteSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The messaging lanes against a broker in this process whose answers come in a chosen order: the consumer's
 * delivery before the broker's confirm (as RabbitMQ and Kafka do on a busy machine), after it, or each message
 * at random; and a broker that fails the confirm of a message its consumer already has. Whatever the order, every
 * message sent ends exactly once — confirmed and consumed, never an error, a timeout or a message left in flight.
 * The real brokers' tests ({@link RabbitTargetTest}, {@link KafkaTargetTest}) cannot choose the order.
 */
@Tag("slow") // load loops against the wall clock
class MessageOrderTest {
    @TempDir
    Path dir;

    /** When the broker answers, relative to the consumer's delivery. */
    enum Order {
        DELIVERED_THEN_CONFIRMED,
        CONFIRMED_THEN_DELIVERED,
        AT_RANDOM,
        DELIVERED_THEN_REFUSED,
        REFUSED_THEN_DELIVERED
    }

    /** A broker in this process: one consumer, deliveries in publish order on one thread, confirms on another. */
    static final class OrderedBroker implements Broker {
        private final Order order;
        private final ScheduledExecutorService deliveries = Executors.newSingleThreadScheduledExecutor();
        private final ScheduledExecutorService confirms = Executors.newSingleThreadScheduledExecutor();
        private final AtomicLong published = new AtomicLong();
        private volatile Sink sink;

        OrderedBroker(Order order) {
            this.order = order;
        }

        @Override
        public void start(Sink sink) {
            this.sink = sink;
        }

        @Override
        public String unreachable() {
            return null;
        }

        @Override
        public Publisher publisher() {
            return (key, payload, envelope, acked) -> {
                published.incrementAndGet();
                Runnable deliver = () -> sink.consumed(0, 0, -1, envelope, System.nanoTime());
                Runnable confirm = order == Order.DELIVERED_THEN_REFUSED || order == Order.REFUSED_THEN_DELIVERED
                        ? () -> acked.acked(-1, -1, new IOException("nack after delivery"))
                        : () -> acked.acked(0, -1, null);
                long late = 2_000;
                long deliverAfter = 0;
                long confirmAfter = 0;
                switch (order) {
                    case CONFIRMED_THEN_DELIVERED, REFUSED_THEN_DELIVERED -> deliverAfter = late;
                    case AT_RANDOM -> {
                        deliverAfter = ThreadLocalRandom.current().nextLong(late);
                        confirmAfter = ThreadLocalRandom.current().nextLong(late);
                    }
                    default -> confirmAfter = late;
                }
                deliveries.schedule(deliver, deliverAfter, TimeUnit.MICROSECONDS);
                confirms.schedule(confirm, confirmAfter, TimeUnit.MICROSECONDS);
            };
        }

        @Override
        public void close() {
            deliveries.shutdown();
            confirms.shutdown();
        }
    }

    @Test
    void whateverOrderTheBrokerAnswersIn_everyMessageEndsOnce_confirmedAndConsumed() throws IOException {
        for (Order order : List.of(Order.DELIVERED_THEN_CONFIRMED, Order.CONFIRMED_THEN_DELIVERED, Order.AT_RANDOM)) {
            OrderedBroker broker = new OrderedBroker(order);
            BenchmarkResult loop = run(broker, "{ rate: 500/s, duration: 2s, warmup: 1s, timeout: 5s }");
            assertThat(loop.status()).as("%s: %s", order, loop.error()).isEqualTo(BenchmarkResult.Status.ok);
            LoadDetails.Counters c = loop.load().counters();
            assertThat(c.sent()).as("%s", order).isEqualTo(1_000);
            assertThat(c.ok()).as("%s: %s", order, c).isEqualTo(1_000);
            assertThat(c.errors()).as("%s: %s", order, c).isZero();
            assertThat(MessagingLoops.figure(loop, "messages.acked"))
                    .as("%s", order)
                    .isEqualTo(1_000);
            assertThat(MessagingLoops.figure(loop, "messages.consumed"))
                    .as("%s", order)
                    .isEqualTo(1_000);
            assertThat(MessagingLoops.figure(loop, "messages.unconsumed"))
                    .as("%s", order)
                    .isZero();
            assertThat(MessagingLoops.figure(loop, "messages.late"))
                    .as("%s", order)
                    .isZero();
            assertThat(MessagingLoops.figure(loop, "messages.duplicated"))
                    .as("%s", order)
                    .isZero();
            assertThat(broker.published.get())
                    .as("%s: warm-up and measurement", order)
                    .isEqualTo(1_500);
        }
    }

    @Test
    void aConfirmRefused_isAnError_whetherOrNotTheConsumerHadTheMessageFirst() throws IOException {
        for (Order order : List.of(Order.DELIVERED_THEN_REFUSED, Order.REFUSED_THEN_DELIVERED)) {
            BenchmarkResult loop = run(new OrderedBroker(order), "{ rate: 200/s, duration: 2s, timeout: 5s }");
            LoadDetails.Counters c = loop.load().counters();
            assertThat(c.sent()).as("%s", order).isEqualTo(400);
            assertThat(c.ioErrors()).as("%s: %s", order, c).isEqualTo(400);
            assertThat(c.firstError()).as("%s", order).isEqualTo("nack after delivery");
            assertThat(c.timeouts() + c.inFlightAtEnd()).as("%s: %s", order, c).isZero();
            assertThat(MessagingLoops.figure(loop, "messages.acked"))
                    .as("%s", order)
                    .isZero();
            assertThat(MessagingLoops.figure(loop, "lossRate"))
                    .as("%s: of no confirmed message", order)
                    .isZero();
        }
    }

    /** One loop of {@code load} whose messages go to {@code broker}, consumed. */
    private BenchmarkResult run(Broker broker, String load) throws IOException {
        Path file = dir.resolve("perf.yaml");
        Files.writeString(
                file, MessagingLoops.suite("rabbitmq", "uri: amqp://127.0.0.1:1\nqueue: q\nsize: 64B\n", load, "{}"));
        SuiteSource source = SuiteLoader.load(file);
        LoadSpec spec = source.suite().benchmarks().get(0).load();
        LoadPlan plan = LoadPlan.of(spec, new Profile.LoadDefaults(null, null), source);
        MessagePlan messages = MessagePlan.of(
                new MessagePlan.Inputs("load mq", Map.of(), dir, 1, name -> null),
                "rabbitmq",
                "in-process broker",
                null,
                null,
                "64B",
                true,
                () -> broker);
        LoadPlan.Operation op = plan.operations().get(0);
        LoadPlan inProcess = new LoadPlan(
                spec,
                List.of(new LoadPlan.Operation(
                        op.name(), op.weight(), op.target(), () -> new MessageWorkload(messages))),
                plan.baseDir(),
                plan.profile(),
                plan.search(),
                plan.durationNanos(),
                plan.warmupNanos(),
                plan.trace());
        List<BenchmarkResult> results = new LoadEngine().runAll(inProcess, LoadListener.NONE);
        return results.stream().filter(r -> r.name().equals("mq")).findFirst().orElseThrow();
    }
}
