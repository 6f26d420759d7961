/**
 * The machine: an environment probe (CPU, memory, JVM, git) and per-second samplers of the host and of a
 * process, through OSHI. May import {@code result}.
 */
package dev.perf.host;
