/**
 * The {@code run} capability: plans a suite, runs its JMH benchmarks and load loops with progress, handles
 * interruption and writes the result and its summaries. May import every capability below {@code cli}.
 */
package dev.perf.run;
