package dev.perf.suite;

import dev.perf.result.Redaction;
import java.util.ArrayList;
import java.util.List;

/**
 * What one operation does. Exactly one kind is set.
 *
 * @param java an in-process workload implementing {@code dev.perf.load.Workload}
 * @param exec a command run once per operation
 * @param http one HTTP request per operation
 * @param scenario a user journey per operation (an iteration): requests and pauses in one session
 * @param sql a statement (or a transaction) per operation on a pooled JDBC connection
 * @param grpc a gRPC call per operation
 * @param kafka a message per operation, produced to a Kafka topic and consumed back
 * @param rabbitmq a message per operation, published over AMQP 0-9-1 and consumed back
 */
public record LoadTarget(
        JavaTarget java,
        ExecTarget exec,
        HttpTarget http,
        Scenario scenario,
        SqlTarget sql,
        GrpcTarget grpc,
        KafkaTarget kafka,
        RabbitTarget rabbitmq) {
    /** The part of a consumed message from its intended send to the broker's acknowledgement. */
    public static final String SEND = "send";

    /** The part of a consumed message from the broker's acknowledgement to its consumption. */
    public static final String CONSUME_LAG = "consumeLag";

    /** A target of one of the first three kinds. */
    public LoadTarget(JavaTarget java, ExecTarget exec, HttpTarget http) {
        this(java, exec, http, null, null, null, null, null);
    }

    /**
     * A part of an operation that is recorded on its own: a scenario's request step, or a statement of sql.
     *
     * @param name its name in results and in {@code steps.NAME.METRIC} targets
     * @param description what it does, for its result's target line
     */
    public record Part(String name, String description) {}

    /** The parts each operation records on its own, in order; none for a target of one request or call. */
    public List<Part> parts() {
        if (scenario != null) {
            return scenario.requests().stream()
                    .map(s -> new Part(s.name(), describe(s.http())))
                    .toList();
        }
        if (sql != null) {
            List<Part> out = new ArrayList<>();
            out.add(new Part(SqlTarget.ACQUIRE, "sql:acquire a pooled connection"));
            sql.statements().forEach(s -> out.add(new Part(s.name(), SqlTarget.describe(s))));
            if (sql.statement() == null) {
                out.add(new Part(SqlTarget.COMMIT, "sql:commit"));
            }
            return out;
        }
        if ((kafka != null && kafka.consuming()) || (rabbitmq != null && rabbitmq.consuming())) {
            return List.of(
                    new Part(SEND, "send: from the intended send to the broker's acknowledgement"),
                    new Part(CONSUME_LAG, "consumeLag: from the broker's acknowledgement to the consumer"));
        }
        if (grpc != null) {
            // a server-streaming method's; a unary one records none (its plan knows which it is)
            return List.of(new Part("firstMessage", "grpc:first message of " + grpc.method()));
        }
        return List.of();
    }

    /** Whether this target calls perf's demo server ({@code {demo-server}} in its URL). */
    public boolean needsDemoServer() {
        if (scenario != null) {
            return scenario.requests().stream().anyMatch(s -> s.http().url().contains("{demo-server}"));
        }
        return http != null && http.url().contains("{demo-server}");
    }

    public LoadTarget {
        int kinds = (java != null ? 1 : 0)
                + (exec != null ? 1 : 0)
                + (http != null ? 1 : 0)
                + (scenario != null ? 1 : 0)
                + (sql != null ? 1 : 0)
                + (grpc != null ? 1 : 0)
                + (kafka != null ? 1 : 0)
                + (rabbitmq != null ? 1 : 0);
        if (kinds != 1) {
            throw new IllegalArgumentException("a load target needs exactly one kind: http: { url: ... },"
                    + " java: { class: ... }, exec: { command: [...] }, scenario: { steps: [...] } or"
                    + " sql: { url: jdbc:..., statement: ... }, grpc: { target: host:port, method: ... }, kafka: {"
                    + " bootstrap: host:port, topic: ... } or rabbitmq: { uri: amqp://..., queue: ... }");
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
        if (sql != null) {
            return sql.describe();
        }
        if (grpc != null) {
            return grpc.describe();
        }
        if (kafka != null) {
            return kafka.describe();
        }
        if (rabbitmq != null) {
            return rabbitmq.describe();
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
