/**
 * The rabbitmq target: messages published over AMQP 0-9-1 with RabbitMQ's own client, with publisher confirms,
 * and consumed back from a queue in the same process ({@code RabbitBroker}); its URI and queue settings checked
 * before anything runs ({@code RabbitSettings}); sending, matching and accounting are {@code load.message}'s.
 * May import {@code result}, {@code suite}, {@code load.message} and {@code load.template}.
 */
package dev.perf.load.rabbitmq;
