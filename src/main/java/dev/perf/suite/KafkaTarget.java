package dev.perf.suite;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Messages produced to a Kafka topic and, unless {@code consume: false}, consumed back by a consumer group in the
 * same process: one operation is one message, timed from its intended send to its consumption (or to the
 * broker's acknowledgement when nothing consumes). Keys and payloads are drawn like an http request.
 *
 * @param bootstrap the brokers, {@code host:port[,host:port...]}, or {@code ${env.NAME}} that holds them
 * @param topic the topic; created when absent
 * @param partitions the partitions of a topic perf creates; default the consumers, at least 1
 * @param replication the replication factor of a topic perf creates; default 1
 * @param acks the producer's {@code acks}: 0, 1 or all (default all)
 * @param lingerMs the producer's {@code linger.ms}
 * @param batchSize the producer's {@code batch.size}, a size ({@code 16KiB})
 * @param compression the producer's {@code compression.type}: none, gzip, snappy, lz4 or zstd
 * @param idempotence the producer's {@code enable.idempotence}
 * @param properties any other producer setting, by Kafka's name ({@code max.in.flight.requests.per.connection})
 * @param consumerProperties any setting of the group's consumers, by Kafka's name ({@code max.poll.records},
 *     {@code group.protocol})
 * @param consumers the consumers of the group that reads the topic back; default 1
 * @param consume false to produce only (no consumer; an operation ends at the acknowledgement)
 * @param key each message's key, with placeholders; none by default (Kafka spreads the messages)
 * @param payload each message's value, with placeholders (or {@code size})
 * @param size each message's value as that many seeded random bytes (default 1 KiB)
 */
public record KafkaTarget(
        String bootstrap,
        String topic,
        Integer partitions,
        Integer replication,
        String acks,
        Integer lingerMs,
        String batchSize,
        String compression,
        Boolean idempotence,
        Map<String, String> properties,
        Map<String, String> consumerProperties,
        Integer consumers,
        Boolean consume,
        String key,
        String payload,
        String size) {

    private static final Pattern BOOTSTRAP = Pattern.compile(
            "(\\[[0-9a-fA-F:.]+\\]|[A-Za-z0-9.-]+):\\d{1,5}(,(\\[[0-9a-fA-F:.]+\\]|[A-Za-z0-9.-]+):\\d{1,5})*");
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");
    private static final List<String> ACKS = List.of("0", "1", "all", "-1");
    private static final List<String> COMPRESSION = List.of("none", "gzip", "snappy", "lz4", "zstd");

    public KafkaTarget {
        if (bootstrap == null
                || !(bootstrap.startsWith("${env.")
                        || BOOTSTRAP.matcher(bootstrap.replace(" ", "")).matches())) {
            throw new IllegalArgumentException("kafka.bootstrap must be host:port[,host:port...], e.g. 127.0.0.1:9092"
                    + (bootstrap == null ? "" : " (got '" + bootstrap + "')"));
        }
        bootstrap = bootstrap.replace(" ", "");
        if (topic == null || !TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
            throw new IllegalArgumentException("kafka.topic must be a topic name Kafka accepts: 1 to 249 letters,"
                    + " digits, '.', '_' or '-', not '.' or '..'" + (topic == null ? "" : " (got '" + topic + "')"));
        }
        if (partitions != null && (partitions < 1 || partitions > 10_000)) {
            throw new IllegalArgumentException("kafka.partitions must be between 1 and 10000 (got " + partitions + ")");
        }
        if (replication != null && (replication < 1 || replication > 32)) {
            throw new IllegalArgumentException("kafka.replication must be between 1 and 32 (got " + replication + ")");
        }
        if (acks != null && !ACKS.contains(acks)) {
            throw new IllegalArgumentException("kafka.acks must be 0, 1 or all (got '" + acks + "')");
        }
        if (lingerMs != null && (lingerMs < 0 || lingerMs > 60_000)) {
            throw new IllegalArgumentException("kafka.lingerMs must be between 0 and 60000 (got " + lingerMs + ")");
        }
        if (batchSize != null) {
            MessageBody.check("kafka.batchSize", null, batchSize); // a size of at most 64 MiB
        }
        if (compression != null && !COMPRESSION.contains(compression)) {
            throw new IllegalArgumentException("kafka.compression must be one of " + String.join(", ", COMPRESSION)
                    + " (got '" + compression + "')");
        }
        properties = properties == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        consumerProperties = consumerProperties == null
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(consumerProperties));
        if (Boolean.FALSE.equals(consume) && !consumerProperties.isEmpty()) {
            throw new IllegalArgumentException("kafka: consumerProperties with consume: false; nothing consumes");
        }
        MessageBody.consumers("kafka", consumers, consume, "the broker's acknowledgement");
        if (key != null) {
            MessageBody.noVariables("kafka.key", key);
        }
        MessageBody.check("kafka", payload, size);
    }

    /** Whether a consumer group reads the messages back. */
    public boolean consuming() {
        return !Boolean.FALSE.equals(consume);
    }

    /** The consumers of the group (0 when producing only). */
    public int consumerCount() {
        return MessageBody.consumers("kafka", consumers, consume, "");
    }

    /** The partitions of a topic perf creates. */
    public int partitionCount() {
        return partitions != null ? partitions : Math.max(1, consumerCount());
    }

    /** {@code kafka:TOPIC@BOOTSTRAP}. */
    public String describe() {
        return "kafka:" + topic + "@" + bootstrap;
    }
}
