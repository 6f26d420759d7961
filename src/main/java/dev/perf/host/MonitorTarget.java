package dev.perf.host;

import java.nio.file.Path;

/**
 * How to find a process to watch: exactly one of a pid, a regex on the process name (the first match that is
 * not perf), a file holding the pid, or a TCP port the process listens on.
 *
 * @param label how results name it
 * @param pid its process id, or null
 * @param process a regex on its name, or null
 * @param pidFile a file holding its pid, or null
 * @param port a TCP port it listens on, or null
 */
public record MonitorTarget(String label, Long pid, String process, Path pidFile, Integer port) {}
