/**
 * The kafka target: messages produced with Kafka's own producer and read back by a consumer group in the same
 * process ({@code KafkaBroker}), its settings checked against Kafka's own configuration before anything runs
 * ({@code KafkaSettings}); sending, matching and accounting are {@code load.message}'s. May import {@code
 * result}, {@code suite}, {@code load.message} and {@code load.template}.
 */
package dev.perf.load.kafka;
