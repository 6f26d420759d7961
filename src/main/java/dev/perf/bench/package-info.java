/**
 * JMH microbenchmarks: the catalogue of benchmarks in the jar, the job (flags), the child JVM that runs JMH,
 * its output parser and the lock that keeps two JMH runs apart. May import {@code result}, {@code suite} and
 * {@code host}.
 */
package dev.perf.bench;
