/**
 * What every messaging target shares (kafka, rabbitmq): a message per operation, sent from perf's event loops
 * ({@code MessageLane}) through a {@code Broker} and consumed back in the same process, timed from its intended
 * send to its consumption, with the broker's acknowledgement and the consumer's lag as parts; the {@code Ledger}
 * matches every consumed message to its send by the {@code Envelope} it carries and counts what was lost,
 * duplicated or reordered. May import {@code result}, {@code suite}, {@code load.template}, {@code load.drive},
 * {@code load.record} and the {@code Workload} API.
 */
package dev.perf.load.message;
