package dev.perf.suite;

import dev.perf.result.Redaction;

/**
 * What one operation does. Exactly one kind is set.
 *
 * @param java an in-process workload implementing {@code dev.perf.load.Workload}
 * @param exec a command run once per operation
 */
public record LoadTarget(JavaTarget java, ExecTarget exec, HttpTarget http) {
    /** Whether this target calls perf's demo server ({@code {demo-server}} in its URL). */
    public boolean needsDemoServer() {
        return http != null && http.url().contains("{demo-server}");
    }

    public LoadTarget {
        int kinds = (java != null ? 1 : 0) + (exec != null ? 1 : 0) + (http != null ? 1 : 0);
        if (kinds != 1) {
            throw new IllegalArgumentException("a load target needs exactly one kind: http: { url: ... },"
                    + " java: { class: ... } or exec: { command: [...] }");
        }
    }

    /** A short description, e.g. {@code java:com.acme.W}, {@code exec:./bin/tool}, {@code http:GET URL}. */
    public String describe() {
        if (java != null) {
            return "java:" + java.className();
        }
        return exec != null
                ? "exec:" + String.join(" ", exec.command())
                : "http:" + http.method() + " " + Redaction.url(http.url());
    }
}
