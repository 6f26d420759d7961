/**
 * The {@code profile} capability: async-profiler and JFR on a JMH benchmark or a running JVM, flame graphs,
 * hot methods, GC and timelines. May import {@code result}, {@code suite}, {@code bench}, {@code host} and
 * the escaping helpers of {@code report}.
 */
package dev.perf.profile;
