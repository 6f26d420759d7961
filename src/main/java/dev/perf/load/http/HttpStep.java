package dev.perf.load.http;

import dev.perf.load.template.TraceContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * One request of a journey, prepared once: its setup (request, checks, TLS) and what its answer must keep for
 * the checks and for the values the journey extracts — the headers named (the checks' first, then the
 * others) and, when anything reads it, the body. Immutable.
 */
public final class HttpStep {
    private final HttpSetup setup;
    /** The header names (lower case) whose values are kept. */
    private final String[] capture;
    /** Whether the body is kept (up to 4 MiB). */
    private final boolean keepsBody;
    /** Whether the method may be sent again on a new connection (see {@link HttpConnection}). */
    private final boolean idempotent;

    private HttpStep(HttpSetup setup, String[] capture, boolean keepsBody) {
        this.setup = setup;
        this.capture = capture;
        this.keepsBody = keepsBody;
        this.idempotent = HttpConnection.idempotent(setup);
    }

    /** The request's resolved http target. */
    public HttpSetup setup() {
        return setup;
    }

    String[] capture() {
        return capture;
    }

    boolean keepsBody() {
        return keepsBody;
    }

    boolean idempotent() {
        return idempotent;
    }

    /** {@code setup}, keeping also {@code headers} (any case) and, when {@code body}, the body. */
    public static HttpStep of(HttpSetup setup, Collection<String> headers, boolean body) {
        List<String> names = new ArrayList<>(List.of(setup.checks().headerNames()));
        for (String h : headers) {
            String lower = h.toLowerCase(Locale.ROOT);
            if (!names.contains(lower)) {
                names.add(lower);
            }
        }
        return new HttpStep(
                setup, names.toArray(String[]::new), body || setup.checks().keepsBody());
    }

    /** This step with its request carrying {@code trace}'s context as span {@code span} of its iteration's trace. */
    public HttpStep traced(TraceContext trace, int span) {
        return trace == null ? this : new HttpStep(setup.traced(trace, span), capture, keepsBody);
    }

    /** Where header {@code name} (any case) is among the kept values, or -1. */
    public int header(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (int i = 0; i < capture.length; i++) {
            if (capture[i].equals(lower)) {
                return i;
            }
        }
        return -1;
    }
}
