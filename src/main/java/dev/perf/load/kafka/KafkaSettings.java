package dev.perf.load.kafka;

import dev.perf.load.message.MessagePlan;
import dev.perf.load.template.Template;
import dev.perf.load.template.Templates;
import dev.perf.result.PerfException;
import dev.perf.suite.KafkaTarget;
import dev.perf.suite.Quantity;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A kafka target's client settings, made and checked by Kafka's own configuration classes before anything runs:
 * a producer property Kafka does not know, or a value it refuses, is bad input naming the loop, the key and the
 * value.
 *
 * @param where the loop, for messages
 * @param target the suite's entry
 * @param bootstrap the brokers, {@code ${env.NAME}} read
 * @param producer the producer's properties
 * @param consumer the consumers' own settings from the suite (perf adds the group and the deserializers)
 * @param timeoutNanos the loop's timeout: how long a send may block and the broker may take to answer at start
 */
public record KafkaSettings(
        String where,
        KafkaTarget target,
        String bootstrap,
        Properties producer,
        Map<String, String> consumer,
        long timeoutNanos) {
    /** Producer settings perf sets itself: a message is always bytes. */
    private static final Set<String> OWN = Set.of(
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);

    /** Consumer settings perf sets itself: a group of its own per run, read from the end, bytes. */
    private static final Set<String> OWN_CONSUMER = Set.of(
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            ConsumerConfig.GROUP_ID_CONFIG,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG);

    /** The longest a send may block the event loop waiting for metadata or buffer space. */
    private static final long MAX_BLOCK_MS = 5_000;

    /** The plan of a kafka target: its settings checked, its messages compiled. */
    public static MessagePlan plan(KafkaTarget target, MessagePlan.Inputs in, long timeoutNanos) {
        KafkaSettings settings = of(in.where(), target, in.env(), timeoutNanos);
        return MessagePlan.of(
                in,
                "kafka",
                "kafka:" + target.topic() + "@" + settings.bootstrap(),
                target.key(),
                target.payload(),
                target.size(),
                target.consuming(),
                () -> new KafkaBroker(settings));
    }

    static KafkaSettings of(String where, KafkaTarget target, UnaryOperator<String> env, long timeoutNanos) {
        String bootstrap = new Templates(where, Map.of(), env, List.of(), 0)
                .compile("kafka.bootstrap", target.bootstrap(), Template.Place.URL)
                .render(0);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "perf");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(Math.min(MAX_BLOCK_MS, timeoutNanos / 1_000_000)));
        put(p, ProducerConfig.ACKS_CONFIG, target.acks());
        put(p, ProducerConfig.LINGER_MS_CONFIG, target.lingerMs());
        put(
                p,
                ProducerConfig.BATCH_SIZE_CONFIG,
                target.batchSize() == null ? null : Quantity.bytes(target.batchSize()));
        put(p, ProducerConfig.COMPRESSION_TYPE_CONFIG, target.compression());
        put(p, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, target.idempotence());
        given(where, "properties", "producer", target.properties(), ProducerConfig.configNames(), OWN, p);
        try {
            new ProducerConfig(p);
        } catch (ConfigException e) {
            throw PerfException.badInput(where + ": kafka: " + oneLine(e.getMessage()));
        }
        KafkaSettings settings =
                new KafkaSettings(where, target, bootstrap, p, target.consumerProperties(), timeoutNanos);
        try {
            new ConsumerConfig(settings.consumer("perf", 0));
        } catch (ConfigException e) {
            throw PerfException.badInput(where + ": kafka.consumerProperties: " + oneLine(e.getMessage()));
        }
        return settings;
    }

    /** Adds the suite's {@code given} settings to {@code p}: Kafka must know each, and none may be perf's own. */
    private static void given(
            String where,
            String key,
            String client,
            Map<String, String> given,
            Set<String> known,
            Set<String> own,
            Properties p) {
        given.forEach((k, v) -> {
            if (!known.contains(k)) {
                throw PerfException.badInput(where + ": kafka." + key + "." + k + " is not a Kafka " + client
                        + " setting (see Kafka's " + client + " configs, e.g. "
                        + (client.equals("producer")
                                ? "max.in.flight.requests.per.connection, buffer.memory)"
                                : "max.poll.records, fetch.min.bytes, group.protocol)"));
            }
            if (own.contains(k)) {
                throw PerfException.badInput(where + ": kafka." + key + "." + k + " is perf's own (bootstrap: sets"
                        + " the servers; messages are always bytes; each run reads from the end in a group of its"
                        + " own)");
            }
            p.put(k, v);
        });
    }

    private static void put(Properties p, String key, Object value) {
        if (value != null) {
            p.put(key, value.toString());
        }
    }

    /** The properties of the group's consumers: bytes, from the end of each partition at the first assignment. */
    Properties consumer(String group, int index) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, group + "-" + index);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        given(where, "consumerProperties", "consumer", consumer, ConsumerConfig.configNames(), OWN_CONSUMER, c);
        return c;
    }

    /** The admin client's: the bootstrap servers, and answers within the start's bound. */
    Properties admin() {
        Properties a = new Properties();
        a.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        a.put("request.timeout.ms", "5000");
        a.put("default.api.timeout.ms", "5000");
        return a;
    }

    static String oneLine(String m) {
        return m == null ? "" : m.replaceAll("[\\r\\n]+", " ");
    }
}
