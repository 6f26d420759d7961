package dev.perf.load.kafka;

import dev.perf.load.message.Broker;
import dev.perf.load.message.Envelope;
import dev.perf.result.PerfException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * A Kafka cluster through Kafka's own clients: the topic made when absent, one producer shared by every lane (it
 * is thread-safe and batches across them), and a consumer group of the target's consumers, each polling on a
 * thread of its own, whose partitions are assigned and positioned at their ends before the first message is
 * sent.
 */
final class KafkaBroker implements Broker {
    /** How long the consumer group may take to share the topic's partitions before the loop fails. */
    private static final long GROUP_NANOS = TimeUnit.SECONDS.toNanos(60);

    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaSettings settings;
    private final String group =
            "perf-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    private final Map<Integer, Set<TopicPartition>> assigned = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<KafkaConsumer<byte[], byte[]>> consumers = new ArrayList<>();
    private volatile boolean running = true;
    private KafkaProducer<byte[], byte[]> producer;
    private String unreachable;
    private int partitions;

    KafkaBroker(KafkaSettings settings) {
        this.settings = settings;
    }

    @Override
    public void start(Sink sink) {
        String where = settings.where();
        String topic = settings.target().topic();
        try (Admin admin = Admin.create(settings.admin())) {
            try {
                admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                unreachable = "kafka: no broker answered at " + settings.bootstrap() + " within 5 s (is it"
                        + " running there?)";
                return;
            }
            partitions = topic(admin, where, topic);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PerfException.badInput(where + ": interrupted while connecting to kafka");
        }
        producer = new KafkaProducer<>(settings.producer());
        for (int i = 0; i < settings.target().consumerCount(); i++) {
            KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(settings.consumer(group, i));
            consumers.add(c);
            int index = i;
            Thread t = new Thread(() -> poll(c, index, sink), "perf-kafka-consumer-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        if (!consumers.isEmpty()) {
            awaitGroup(where);
        }
    }

    /** The topic's partitions, after making it when absent; bad input when Kafka refuses it. */
    private int topic(Admin admin, String where, String topic) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                Map<String, TopicDescription> d =
                        admin.describeTopics(List.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS);
                return d.get(topic).partitions().size();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || attempt > 20) {
                    throw PerfException.badInput(where + ": kafka: cannot describe topic " + topic + ": "
                            + KafkaSettings.oneLine(e.getCause().getMessage()));
                }
            } catch (TimeoutException e) {
                throw PerfException.badInput(where + ": kafka: topic " + topic + " was not described within 5 s");
            }
            create(admin, where, topic);
            Thread.sleep(100);
        }
    }

    private void create(Admin admin, String where, String topic) throws InterruptedException {
        NewTopic t = new NewTopic(topic, settings.target().partitionCount(), (short)
                (settings.target().replication() == null ? 1 : settings.target().replication()));
        try {
            admin.createTopics(List.of(t)).all().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw PerfException.badInput(where + ": kafka refused to create topic " + topic + ": "
                        + KafkaSettings.oneLine(e.getCause().getMessage()));
            }
        } catch (TimeoutException e) {
            throw PerfException.badInput(where + ": kafka: topic " + topic + " was not created within 10 s");
        }
    }

    /** Waits until the group holds every partition, as many consumers as can have one having one. */
    private void awaitGroup(String where) {
        long deadline = System.nanoTime() + GROUP_NANOS;
        int want = Math.min(consumers.size(), partitions);
        int stable = 0;
        while (stable < 3) {
            int held = 0;
            int holders = 0;
            for (Set<TopicPartition> s : assigned.values()) {
                held += s.size();
                holders += s.isEmpty() ? 0 : 1;
            }
            stable = held == partitions && holders == want ? stable + 1 : 0;
            if (System.nanoTime() > deadline) {
                close();
                throw PerfException.badInput(where + ": kafka: the consumer group " + group + " did not share the "
                        + partitions + " partitions of " + settings.target().topic() + " within 60 s (" + held
                        + " held by " + holders + " consumers)");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw PerfException.badInput(where + ": interrupted while the kafka consumers joined");
            }
        }
    }

    private void poll(KafkaConsumer<byte[], byte[]> c, int index, Sink sink) {
        try {
            c.subscribe(List.of(settings.target().topic()), new Rebalance(c, index));
            while (running) {
                ConsumerRecords<byte[], byte[]> records = c.poll(POLL);
                if (records.isEmpty()) {
                    continue;
                }
                long now = System.nanoTime();
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    Header h = r.headers().lastHeader(Envelope.HEADER);
                    sink.consumed(index, r.partition(), r.offset(), h == null ? null : h.value(), now);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (KafkaException e) {
            if (running) {
                System.err.println(settings.where() + ": kafka consumer " + index + " stopped: "
                        + KafkaSettings.oneLine(e.getMessage()));
            }
        } finally {
            assigned.remove(index);
            c.close(CloseOptions.timeout(Duration.ofSeconds(2)));
        }
    }

    /**
     * Keeps the group's assignment for {@link #awaitGroup}, and commits a new partition's position at once: a
     * partition moved to another consumer before the first commit would start there from its end again and skip
     * what was sent in between.
     */
    private final class Rebalance implements ConsumerRebalanceListener {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final int index;

        Rebalance(KafkaConsumer<byte[], byte[]> consumer, int index) {
            this.consumer = consumer;
            this.index = index;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            Set<TopicPartition> s = assigned.computeIfAbsent(index, k -> ConcurrentHashMap.newKeySet());
            s.removeAll(revoked);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> added) {
            Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
            for (TopicPartition tp : added) {
                positions.put(tp, new OffsetAndMetadata(consumer.position(tp)));
            }
            if (!positions.isEmpty()) {
                consumer.commitSync(positions);
            }
            assigned.computeIfAbsent(index, k -> ConcurrentHashMap.newKeySet()).addAll(added);
        }
    }

    @Override
    public String unreachable() {
        return unreachable;
    }

    @Override
    public Publisher publisher() {
        return (key, payload, envelope, acked) -> {
            if (producer == null) {
                acked.acked(-1, -1, new IOException(unreachable));
                return;
            }
            ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(
                    settings.target().topic(),
                    null,
                    key,
                    payload,
                    List.of(new RecordHeader(Envelope.HEADER, envelope)));
            try {
                var unused = producer.send(
                        r,
                        (meta, e) -> acked.acked(
                                meta == null ? -1 : meta.partition(),
                                meta == null || !meta.hasOffset() ? -1 : meta.offset(),
                                e));
            } catch (KafkaException e) {
                acked.acked(-1, -1, e);
            }
        };
    }

    @Override
    public boolean partitioned() {
        return true;
    }

    @Override
    public String note() {
        int n = consumers.size();
        return " (" + partitions + (partitions == 1 ? " partition" : " partitions")
                + (n == 0 ? ", produce only)" : ", " + n + (n == 1 ? " consumer)" : " consumers in one group)"));
    }

    @Override
    public void close() {
        running = false;
        for (KafkaConsumer<byte[], byte[]> c : consumers) {
            c.wakeup();
        }
        for (Thread t : threads) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
