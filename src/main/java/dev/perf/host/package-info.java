/**
 * The machine: an environment probe (CPU, memory, JVM, git) and per-second samplers of the host and of a
 * process, through OSHI; the JDK HTTP server as perf starts it on this machine. May import {@code result}.
 */
package dev.perf.host;
