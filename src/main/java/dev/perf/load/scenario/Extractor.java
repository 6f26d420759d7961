package dev.perf.load.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perf.load.http.HttpLink;
import dev.perf.load.record.CheckFailure;
import dev.perf.suite.JsonPath;
import dev.perf.suite.Scenario;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code extract:} of a step, compiled: it takes a value from the step's answer into a session variable,
 * or names what it could not find as the check {@code extract.NAME}. Immutable, thread-safe.
 */
final class Extractor {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final Scenario.Extract spec;
    private final JsonPath json;
    private final Pattern regex;
    /** Where the header this extract reads sits among the answer's kept headers (-1: none). */
    private final int header;
    /** The variable's slot in the session. */
    final int slot;

    Extractor(String name, Scenario.Extract spec, int slot, int header) {
        this.name = name;
        this.spec = spec;
        this.slot = slot;
        this.json = spec.json() == null ? null : JsonPath.parse(spec.json());
        this.regex = spec.regex() == null ? null : Pattern.compile(spec.regex());
        this.header = header;
    }

    /**
     * Loads what the first JSON extract would load (Jackson's parser classes), so that it happens while the plan
     * is made, not on an event loop in the first iteration, where it would delay the operations due then.
     */
    static void warm() {
        new Parsed().json("{\"a\":[1,{\"b\":\"c\"}]}");
    }

    /** Whether it reads the body. */
    boolean readsBody() {
        return json != null || regex != null;
    }

    /**
     * The value from {@code answer} (whose parsed JSON body {@code parsed} holds, computed once per answer), or
     * a {@link CheckFailure} named {@code extract.NAME} saying what is missing. {@code jar} answers a cookie:
     * what the session holds for the request's origin once the answer's own cookies are stored.
     */
    Object extract(HttpLink.Answer answer, Parsed parsed, CookieLookup jar) {
        String value;
        if (json != null) {
            JsonNode root = parsed.json(answer.body());
            if (root == null) {
                return missing(answer, "the body is not JSON: " + excerpt(answer.body()));
            }
            JsonNode node = json.find(root);
            if (node == null || node.isNull() || node.isMissingNode()) {
                return missing(answer, "nothing at " + spec.json() + " in " + excerpt(answer.body()));
            }
            value = node.isValueNode() ? node.asText() : node.toString();
        } else if (regex != null) {
            String body = answer.body() == null ? "" : answer.body();
            Matcher m = regex.matcher(body);
            if (!m.find() || m.group(spec.group()) == null) {
                return missing(answer, "no match for " + spec.regex() + " in " + excerpt(answer.body()));
            }
            value = m.group(spec.group());
        } else if (spec.header() != null) {
            value = at(answer.headers(), header);
            if (value == null) {
                return missing(answer, "no " + spec.header() + " header in the answer");
            }
        } else {
            // the answer's Set-Cookie lines are in the session's jar by now, by RFC 6265's rules
            value = jar.value(spec.cookie());
            if (value == null) {
                return missing(answer, "no cookie " + spec.cookie() + " in the session after this answer");
            }
        }
        return value;
    }

    private static String at(List<String> headers, int i) {
        return i < 0 || i >= headers.size() ? null : headers.get(i);
    }

    private CheckFailure missing(HttpLink.Answer answer, String detail) {
        return new CheckFailure("extract." + name, spec.describe() + ": " + detail, answer.status());
    }

    private static String excerpt(String body) {
        if (body == null || body.isEmpty()) {
            return "(empty body)";
        }
        return "'" + CheckFailure.truncate(body.substring(0, Math.min(body.length(), CheckFailure.DETAIL_CHARS))) + "'";
    }

    /** A cookie the session holds for the step's request. */
    interface CookieLookup {
        String value(String name);
    }

    /** One answer's body parsed as JSON at most once, however many extracts read it. */
    static final class Parsed {
        private boolean done;
        private JsonNode root;

        JsonNode json(String body) {
            if (!done) {
                done = true;
                try {
                    root = body == null ? null : JSON.readTree(body);
                } catch (JsonProcessingException e) {
                    root = null;
                }
            }
            return root;
        }
    }
}
