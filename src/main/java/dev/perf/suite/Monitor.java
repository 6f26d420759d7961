package dev.perf.suite;

import java.util.regex.PatternSyntaxException;

/**
 * A process a load loop samples once a second besides perf (an entry of {@code monitor:}), found when the loop
 * starts by exactly one of: its pid, a regex on its name (the first match), a file holding its pid (relative to
 * the suite's directory), or the TCP port it listens on. Immutable.
 *
 * @param pid its process id
 * @param process a regex on its name
 * @param pidFile a file holding its pid, e.g. {@code /run/nginx.pid}
 * @param port the TCP port it listens on (1–65535)
 * @param name how results name it; by default how it was found, e.g. {@code port 8080}
 */
public record Monitor(Long pid, String process, String pidFile, Integer port, String name) {

    /** A process found by pid or by name. */
    public Monitor(Long pid, String process) {
        this(pid, process, null, null, null);
    }

    public Monitor {
        int given =
                (pid == null ? 0 : 1) + (process == null ? 0 : 1) + (pidFile == null ? 0 : 1) + (port == null ? 0 : 1);
        if (given != 1) {
            throw new IllegalArgumentException("a monitor entry needs exactly one of pid: N, process: NAME, pidFile:"
                    + " FILE or port: N" + (given == 0 ? "" : " (it has " + given + ")"));
        }
        if (pid != null && pid < 1) {
            throw new IllegalArgumentException("monitor pid must be a process id of 1 or more, was " + pid);
        }
        if (port != null && (port < 1 || port > 65_535)) {
            throw new IllegalArgumentException("monitor port must be 1-65535, was " + port);
        }
        if (process != null) {
            if (process.isBlank()) {
                throw new IllegalArgumentException("monitor process is empty: give a regex on the process name");
            }
            try {
                java.util.regex.Pattern.compile(process);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(
                        "monitor process '" + process + "' is not a valid regex: " + e.getDescription());
            }
        }
        if (pidFile != null && pidFile.isBlank()) {
            throw new IllegalArgumentException("monitor pidFile is empty: give the file that holds the pid");
        }
        if (name != null && name.isBlank()) {
            throw new IllegalArgumentException("monitor name is empty: drop it or give a name");
        }
    }

    /** How results name the process: {@link #name}, or how it is found. */
    public String label() {
        if (name != null) {
            return name;
        }
        if (pid != null) {
            return "pid " + pid;
        }
        if (process != null) {
            return "process " + process;
        }
        return pidFile != null ? "pidFile " + pidFile : "port " + port;
    }
}
