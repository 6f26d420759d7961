/**
 * Merging results measured apart: shards of one run measured at once on several machines (exact histogram
 * merges) and repeats of one loop measured one after another. May import {@code result}, {@code load} and
 * {@code stats}; nothing in {@code report} merges.
 */
package dev.perf.merge;
