/**
 * The load generator: arrival schedules, the event loops that own them, workloads (in-process Java, HTTP over Netty,
 * commands), HdrHistogram recorders and the SLO judge. May import {@code result}, {@code suite} and {@code
 * host}.
 */
package dev.perf.load;
