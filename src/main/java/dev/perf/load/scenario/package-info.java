/**
 * The scenario target: user journeys of http steps and pauses, each iteration with a session of its own
 * (variables extracted from answers, cookies), run on perf's event loops with a recorder per step. May import
 * {@code load.http}, {@code load.drive}, {@code load.record}, {@code load.schedule}, {@code result}, {@code
 * suite} and the {@code Workload} API.
 */
package dev.perf.load.scenario;
