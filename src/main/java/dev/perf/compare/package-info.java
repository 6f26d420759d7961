/**
 * The {@code compare} capability: pairing the benchmarks of two results, row statistics and the verdict
 * policy that decides regressed, improved, unchanged or inconclusive. May import {@code result} and {@code
 * stats}.
 */
package dev.perf.compare;
