package dev.perf.suite;

import dev.perf.result.PerfException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A user journey: steps run in order, each an http request or a pause, in one session — one virtual user's
 * (closed model) or one iteration's (open model) variables and cookies. A step reads with {@code ${NAME}} what
 * an earlier step extracted; the iteration's latency runs from its intended start to its last step's end.
 * Immutable.
 *
 * @param steps the steps, in order
 * @param data how {@code ${data.NAME.COLUMN}} rows are bound: {@code perIteration} (default: every step of an
 *     iteration reads the row of the iteration's index) or {@code perUser} (closed model: every draw of a
 *     user's steps — data rows, {@code ${seq}}, {@code ${random}}, {@code ${uuid}} — is made from the user's index, so a user
 *     keeps its row)
 */
public record Scenario(List<Step> steps, String data) {
    public Scenario {
        if (steps == null || steps.isEmpty()) {
            throw new IllegalArgumentException(
                    "scenario.steps is empty: list at least one step, e.g. - { name: home, http: { url: ... } }");
        }
        steps = List.copyOf(steps);
        data = data == null ? "perIteration" : data;
        if (!data.equals("perIteration") && !data.equals("perUser")) {
            throw new IllegalArgumentException(
                    "scenario.data '" + data + "' is not a binding: use perIteration (the default) or perUser");
        }
        Set<String> names = new HashSet<>();
        Set<String> extracted = new HashSet<>();
        boolean anyRequest = false;
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (s == null) {
                throw new IllegalArgumentException("scenario.steps[" + (i + 1) + "] is empty: give http: or think:");
            }
            String where = "scenario step '" + s.label(i) + "'";
            if (s.name() != null && !names.add(s.name())) {
                throw new IllegalArgumentException(where + ": another step has this name; give each a distinct name");
            }
            if (s.http() != null) {
                anyRequest = true;
                for (String v : s.http().variables()) {
                    if (!extracted.contains(v)) {
                        throw new IllegalArgumentException(where + ": ${" + v + "} is not extracted by an earlier"
                                + " step; add extract: { " + v + ": { json: /PATH } } to a step before it"
                                + (s.extract().containsKey(v) ? " (this step extracts it from its own answer)" : ""));
                    }
                }
            }
            extracted.addAll(s.extract().keySet());
        }
        if (!anyRequest) {
            throw new IllegalArgumentException("scenario has no http step: a journey needs at least one request");
        }
    }

    /** The requests' steps, in order (pauses left out): what results list as {@code loop/step}. */
    public List<Step> requests() {
        return steps.stream().filter(s -> s.http() != null).toList();
    }

    /** Whether every step of a user's iterations reads the user's data row rather than the iteration's. */
    public boolean dataPerUser() {
        return data.equals("perUser");
    }

    /**
     * One step: an {@code http} request (with what it extracts from the answer) or a {@code think} pause.
     *
     * @param name the step's name (required for a request; results list it as {@code loop/name})
     * @param http the request, as an http target
     * @param think a pause: {@code 1s}, {@code random(1s,3s)} (uniform) or {@code exponential(2s)} (its mean)
     * @param extract values the step takes from its answer, by variable name
     * @param onFailure {@code stop} (default: the iteration ends, failed) or {@code continue} (the next steps
     *     run; the iteration still counts as failed)
     */
    public record Step(String name, HttpTarget http, String think, Map<String, Extract> extract, String onFailure) {
        private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

        public Step {
            if ((http == null) == (think == null)) {
                throw new IllegalArgumentException("a scenario step is either a request or a pause: give http: {"
                        + " url: ... } or think: 1s, one of them");
            }
            if (name != null && !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("scenario step name '" + name
                        + "' may hold letters, digits, '_' and '-' only (it names results, as loop/" + name
                        + ")");
            }
            if (http != null && name == null) {
                throw new IllegalArgumentException(
                        "a scenario step with http: needs a name: (results list it as loop/NAME), e.g. name: login");
            }
            if (think != null) {
                Think.parse(think);
            }
            extract = extract == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extract));
            if (think != null && !extract.isEmpty()) {
                throw new IllegalArgumentException(
                        "a think step has no answer to extract from: move extract: to a" + " step with http:");
            }
            for (Map.Entry<String, Extract> e : extract.entrySet()) {
                if (!Placeholders.VAR.matcher(e.getKey()).matches()
                        || List.of("seq", "uuid", "random", "data", "env").contains(e.getKey())) {
                    throw new IllegalArgumentException("extract." + e.getKey() + ": not a variable name: use letters,"
                            + " digits and '_', not starting with a digit, and none of seq, uuid, random, data, env");
                }
                if (e.getValue() == null) {
                    throw new IllegalArgumentException("extract." + e.getKey()
                            + " is empty: give { json: /PATH }, { regex: RE }, { header: NAME } or { cookie: NAME }");
                }
            }
            onFailure = onFailure == null ? "stop" : onFailure.strip().toLowerCase(Locale.ROOT);
            if (!onFailure.equals("stop") && !onFailure.equals("continue")) {
                throw new IllegalArgumentException(
                        "onFailure '" + onFailure + "' is not a choice: use stop (the default) or continue");
            }
        }

        /** The step's name, or its position for an unnamed pause. */
        public String label(int index) {
            return name != null ? name : "#" + (index + 1) + (think != null ? " (think " + think + ")" : "");
        }

        /** Whether a failure of this step ends the iteration. */
        public boolean stops() {
            return onFailure.equals("stop");
        }
    }

    /**
     * Where one extracted value comes from in a step's answer: exactly one of a JSON path of the body, a
     * regular expression over the body, a response header or a cookie the answer sets.
     *
     * @param json a JSON Pointer ({@code /items/0/id}) or a path ({@code $.items[0].id}, {@code items.0.id})
     * @param regex a regular expression searched in the body
     * @param group the regex's group that is the value (default 1 when it has a group, else 0)
     * @param header a response header's name
     * @param cookie the name of a cookie the session holds for the request once the answer's {@code Set-Cookie}
     *     lines are stored (what the answer set, or an earlier answer)
     */
    public record Extract(String json, String regex, Integer group, String header, String cookie) {
        public Extract {
            int kinds = (json != null ? 1 : 0)
                    + (regex != null ? 1 : 0)
                    + (header != null ? 1 : 0)
                    + (cookie != null ? 1 : 0);
            if (kinds != 1) {
                throw new IllegalArgumentException("an extract takes one source: { json: /PATH }, { regex: RE },"
                        + " { header: NAME } or { cookie: NAME }");
            }
            if (json != null) {
                JsonPath.parse(json);
            }
            if (group != null && regex == null) {
                throw new IllegalArgumentException("extract group: applies to regex:");
            }
            if (regex != null) {
                Pattern p;
                try {
                    p = Pattern.compile(regex);
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException("extract regex '" + regex + "' is invalid: " + e.getDescription()
                            + " near position " + (e.getIndex() + 1));
                }
                int groups = p.matcher("").groupCount();
                group = group == null ? Math.min(1, groups) : group;
                if (group < 0 || group > groups) {
                    throw new IllegalArgumentException("extract regex '" + regex + "' has " + groups
                            + " group(s); group " + group + " is not one of them");
                }
            }
        }

        /** What this extract reads, as messages name it, e.g. {@code json /token}. */
        public String describe() {
            if (json != null) {
                return "json " + json;
            }
            if (regex != null) {
                return "regex " + regex;
            }
            return header != null ? "header " + header : "cookie " + cookie;
        }
    }

    /**
     * A pause's length: fixed, uniform between two lengths, or exponential around a mean (capped at ten
     * means), in ns.
     *
     * @param kind {@code fixed}, {@code random} or {@code exponential}
     * @param aNanos the fixed length, the uniform's lower bound or the exponential's mean
     * @param bNanos the uniform's upper bound (else equal to {@code aNanos})
     */
    public record Think(String kind, long aNanos, long bNanos) {
        private static final Pattern RANDOM = Pattern.compile("random\\(\\s*([^,\\s]+)\\s*,\\s*([^)\\s]+)\\s*\\)");
        private static final Pattern EXPONENTIAL = Pattern.compile("exponential\\(\\s*([^)\\s]+)\\s*\\)");

        /** {@code text} parsed: {@code 1s}, {@code random(1s,3s)} or {@code exponential(2s)}. */
        public static Think parse(String text) {
            String t = text.strip();
            try {
                var m = RANDOM.matcher(t);
                if (m.matches()) {
                    long a = nanos(m.group(1));
                    long b = nanos(m.group(2));
                    if (b < a) {
                        throw new IllegalArgumentException("think " + t + ": the upper bound is below the lower");
                    }
                    return new Think("random", a, b);
                }
                m = EXPONENTIAL.matcher(t);
                if (m.matches()) {
                    long mean = nanos(m.group(1));
                    return new Think("exponential", mean, mean);
                }
                long fixed = nanos(t);
                return new Think("fixed", fixed, fixed);
            } catch (PerfException e) {
                throw new IllegalArgumentException(
                        "think '" + t + "': " + e.getMessage() + "; give 1s, random(1s,3s) or exponential(2s)");
            }
        }

        private static long nanos(String text) {
            var d = Quantity.duration(text);
            LoadSpec.checkDuration("think", d, true);
            return d.toNanos();
        }

        /** The pause for a uniform draw {@code u} in [0, 1). */
        public long nanos(double u) {
            return switch (kind) {
                case "random" -> aNanos + (long) (u * (bNanos - aNanos));
                case "exponential" -> (long) Math.min(10.0 * aNanos, -Math.log1p(-u) * aNanos);
                default -> aNanos;
            };
        }
    }

    /** The variables every step extracts, in order: the session's slots. */
    public List<String> variables() {
        List<String> out = new ArrayList<>();
        for (Step s : steps) {
            s.extract().keySet().stream().filter(v -> !out.contains(v)).forEach(out::add);
        }
        return out;
    }
}
