/**
 * When operations are due: rate profiles (constant, ramp, spike, burst, stages), the schedule of one shard or
 * event loop (every fire time a pure function of the profile, the index and the slice) and {@code Slice}, the
 * one rule for a shard's, a loop's or a user's share. Pure: imports nothing of perf.
 */
package dev.perf.load.schedule;
