package dev.perf.suite;

import dev.perf.result.Redaction;

/**
 * What one operation does. Exactly one kind is set.
 *
 * @param java an in-process workload implementing {@code dev.perf.load.Workload}
 * @param exec a command run once per operation
 * @param http one HTTP request per operation
 * @param scenario a user journey per operation (an iteration): requests and pauses in one session
 */
public record LoadTarget(JavaTarget java, ExecTarget exec, HttpTarget http, Scenario scenario) {
    /** A target of one of the first three kinds. */
    public LoadTarget(JavaTarget java, ExecTarget exec, HttpTarget http) {
        this(java, exec, http, null);
    }

    /** Whether this target calls perf's demo server ({@code {demo-server}} in its URL). */
    public boolean needsDemoServer() {
        if (scenario != null) {
            return scenario.requests().stream().anyMatch(s -> s.http().url().contains("{demo-server}"));
        }
        return http != null && http.url().contains("{demo-server}");
    }

    public LoadTarget {
        int kinds =
                (java != null ? 1 : 0) + (exec != null ? 1 : 0) + (http != null ? 1 : 0) + (scenario != null ? 1 : 0);
        if (kinds != 1) {
            throw new IllegalArgumentException("a load target needs exactly one kind: http: { url: ... },"
                    + " java: { class: ... }, exec: { command: [...] } or scenario: { steps: [...] }");
        }
        if (http != null && !http.variables().isEmpty()) {
            throw new IllegalArgumentException(
                    "http: unknown placeholder ${" + http.variables().get(0) + "}; use"
                            + " ${seq}, ${random(1,1000)}, ${uuid}, ${data.NAME.COLUMN} or ${env.NAME} (a value taken from an"
                            + " earlier answer needs a scenario: whose step extracts it)");
        }
    }

    /**
     * A short description, e.g. {@code java:com.acme.W}, {@code exec:./bin/tool}, {@code http:GET URL}, {@code
     * scenario:login,list,checkout}.
     */
    public String describe() {
        if (java != null) {
            return "java:" + java.className();
        }
        if (scenario != null) {
            return "scenario:"
                    + String.join(
                            ",",
                            scenario.requests().stream()
                                    .map(Scenario.Step::name)
                                    .toList());
        }
        return exec != null ? "exec:" + String.join(" ", exec.command()) : describe(http);
    }

    /** {@code http:METHOD URL}, the URL's credentials redacted. */
    public static String describe(HttpTarget http) {
        return "http:" + http.method() + " " + Redaction.url(http.url());
    }
}
