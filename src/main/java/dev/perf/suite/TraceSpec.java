package dev.perf.suite;

import dev.perf.result.Printable;
import java.util.regex.Pattern;

/**
 * A load loop's {@code trace:} block: W3C trace context on every request (http, grpc and scenario steps), its
 * trace id drawn from the suite's seed, the loop's name and the operation's index — never random, so a second
 * run with the same seed, every shard and every repeat send the same ids — and the slowest sampled requests
 * kept in the result as exemplars that link into a tracing UI. Immutable.
 *
 * @param propagate how the context travels: {@code w3c} ({@code traceparent}, and {@code tracestate} when
 *     given), the only one and the default
 * @param sampleRate share of operations marked sampled in their {@code traceparent} (flag {@code 01}), 0 to 1;
 *     default 1; drawn from the index, so the same operations are sampled in every run
 * @param tracestate a {@code tracestate} header sent with every request (W3C list-members), or null
 * @param url the tracing UI's page of one trace, with {@code {traceId}} where the id goes, e.g. {@code
 *     http://localhost:16686/trace/{traceId}}; null: exemplars are listed without links
 * @param exemplars how many of the slowest sampled requests the result keeps (1 to 1000, default 10); one more
 *     per latency bucket above p90
 * @param export {@code otlp}: one client span per sampled measured request is exported over OTLP/HTTP
 *     (protobuf); null: none
 * @param endpoint with {@code export}: the collector's traces URL, e.g. {@code http://127.0.0.1:4318/v1/traces}
 */
public record TraceSpec(
        String propagate,
        Double sampleRate,
        String tracestate,
        String url,
        Integer exemplars,
        String export,
        String endpoint) {
    /** A W3C tracestate list-member: a key (simple or tenant@system) and a value of printable ASCII. */
    private static final Pattern MEMBER = Pattern.compile(
            "[a-z0-9][a-z0-9_\\-*/]{0,240}(@[a-z][a-z0-9_\\-*/]{0,13})?=[\\x20-\\x2b\\x2d-\\x3c\\x3e-\\x7e]{0,255}[\\x21-\\x2b\\x2d-\\x3c\\x3e-\\x7e]");

    /** The placeholder of a trace's id in {@link #url}. */
    public static final String TRACE_ID = "{traceId}";

    public TraceSpec {
        propagate = propagate == null ? "w3c" : propagate;
        if (!propagate.equals("w3c")) {
            throw new IllegalArgumentException("trace.propagate '" + Printable.of(propagate)
                    + "' is not a propagation perf knows: give w3c (traceparent and tracestate)");
        }
        sampleRate = sampleRate == null ? 1.0 : sampleRate;
        if (!(sampleRate >= 0 && sampleRate <= 1)) {
            throw new IllegalArgumentException(
                    "trace.sampleRate " + sampleRate + " is not a share: give 0 to 1, e.g. sampleRate: 0.1");
        }
        if (tracestate != null) {
            checkTracestate(tracestate);
        }
        if (url != null && !url.contains(TRACE_ID)) {
            throw new IllegalArgumentException("trace.url '" + Printable.of(url) + "' has no " + TRACE_ID
                    + ": write where the id goes, e.g. http://localhost:16686/trace/" + TRACE_ID);
        }
        if (url != null && !(url.startsWith("http://") || url.startsWith("https://"))) {
            throw new IllegalArgumentException(
                    "trace.url '" + Printable.of(url) + "' is not an http:// or https:// address of a tracing UI");
        }
        checkExport(export, endpoint);
        exemplars = exemplars == null ? 10 : exemplars;
        if (exemplars < 1 || exemplars > 1000) {
            throw new IllegalArgumentException(
                    "trace.exemplars " + exemplars + " is out of range: keep 1 to 1000 slowest requests");
        }
    }

    /** Trace context without span export. */
    public TraceSpec(String propagate, Double sampleRate, String tracestate, String url, Integer exemplars) {
        this(propagate, sampleRate, tracestate, url, exemplars, null, null);
    }

    private static void checkExport(String export, String endpoint) {
        if (export != null && !export.equals("otlp")) {
            throw new IllegalArgumentException("trace.export '" + Printable.of(export)
                    + "' is not an exporter perf has: give otlp (OTLP/HTTP, protobuf)");
        }
        if (export != null && endpoint == null) {
            throw new IllegalArgumentException("trace.export: otlp needs trace.endpoint: the collector's traces URL,"
                    + " e.g. http://127.0.0.1:4318/v1/traces");
        }
        if (endpoint != null && export == null) {
            throw new IllegalArgumentException("trace.endpoint is given without trace.export: add export: otlp");
        }
        if (endpoint != null && !(endpoint.startsWith("http://") || endpoint.startsWith("https://"))) {
            throw new IllegalArgumentException("trace.endpoint '" + Printable.of(endpoint)
                    + "' is not an http:// or https:// address (OTLP/HTTP, e.g. http://127.0.0.1:4318/v1/traces)");
        }
    }

    private static void checkTracestate(String tracestate) {
        String[] members = tracestate.split(",", -1);
        if (members.length > 32 || tracestate.length() > 512) {
            throw new IllegalArgumentException(
                    "trace.tracestate is too long: at most 32 members and 512 characters" + " (W3C trace context)");
        }
        for (String m : members) {
            String member = m.strip();
            if (!MEMBER.matcher(member).matches()) {
                throw new IllegalArgumentException("trace.tracestate member '" + Printable.of(member)
                        + "' is not key=value (a lower-case key, a value of printable ASCII without , and =), e.g."
                        + " tracestate: \"perf=load,vendor@acme=1\"");
            }
        }
    }

    /** The UI link of trace {@code traceId}, or null without a {@link #url}. */
    public String link(String traceId) {
        return url == null ? null : url.replace(TRACE_ID, traceId);
    }
}
