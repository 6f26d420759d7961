/**
 * What is recorded of a loop's operations: HdrHistogram recorders (response time from the intended start,
 * service time, lag) and counters per outcome, per-second windows and their ticker, failed checks by name,
 * connection set-up times and the JVM pause detector. May import {@code result}.
 */
package dev.perf.load.record;
