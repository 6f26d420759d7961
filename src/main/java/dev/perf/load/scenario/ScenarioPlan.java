package dev.perf.load.scenario;

import dev.perf.load.http.HttpSetup;
import dev.perf.load.http.HttpStep;
import dev.perf.load.template.TraceContext;
import dev.perf.suite.DataFile;
import dev.perf.suite.Scenario;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A scenario resolved before anything runs: every step's request compiled against the session's variables, its
 * extracts, its pause, and the origins (scheme, host, port, TLS, HTTP version) its requests go to — a journey
 * holds one connection to each HTTP/1.1 origin and shares an HTTP/2 origin's connections (as many as the first
 * of its steps' {@code maxConcurrentStreams} needs) with the other journeys. Bad input (a data file, a placeholder, a certificate) is reported here, naming the loop
 * and the step. Immutable.
 *
 * @param scenario the suite's scenario
 * @param steps the steps, in order
 * @param origins one setup per distinct origin: what its connections are opened with
 * @param variables the session's variables, by slot
 * @param seed the suite's seed: think times are drawn from it and the iteration's index
 */
public record ScenarioPlan(
        Scenario scenario, List<Step> steps, List<HttpSetup> origins, List<String> variables, long seed) {

    /**
     * One step resolved.
     *
     * @param spec the step as written
     * @param index its position in the scenario
     * @param http its request (null for a pause)
     * @param part its position among the requests: the recorder of its own results (-1 for a pause)
     * @param origin the origin its connection goes to (-1 for a pause)
     * @param extractors what it takes from its answer
     * @param setCookie where {@code Set-Cookie} sits among the answer's kept headers
     * @param think its pause (null for a request)
     * @param cookiePath the path cookies are matched against (the URL's, placeholders as written)
     */
    public record Step(
            Scenario.Step spec,
            int index,
            HttpStep http,
            int part,
            int origin,
            List<Extractor> extractors,
            int setCookie,
            Scenario.Think think,
            String cookiePath) {}

    /**
     * Resolves {@code scenario}: {@code where} names the loop in bad input, {@code urls} resolves a step's URL
     * ({@code {demo-server}}), the rest is as for one http target.
     */
    public static ScenarioPlan of(
            String where,
            Scenario scenario,
            UnaryOperator<String> urls,
            Map<String, DataFile> data,
            Path baseDir,
            long seed,
            UnaryOperator<String> env) {
        Extractor.warm();
        List<String> vars = scenario.variables();
        List<Step> steps = new ArrayList<>();
        List<HttpSetup> origins = new ArrayList<>();
        int part = 0;
        for (int i = 0; i < scenario.steps().size(); i++) {
            Scenario.Step s = scenario.steps().get(i);
            if (s.http() == null) {
                steps.add(new Step(s, i, null, -1, -1, List.of(), -1, Scenario.Think.parse(s.think()), null));
                continue;
            }
            HttpSetup setup = HttpSetup.of(
                    where + " step " + s.name(), s.http(), urls.apply(s.http().url()), data, baseDir, seed, env, vars);
            List<String> headers = new ArrayList<>(List.of("set-cookie"));
            boolean body = false;
            for (Scenario.Extract e : s.extract().values()) {
                if (e.header() != null) {
                    headers.add(e.header());
                }
                body |= e.json() != null || e.regex() != null;
            }
            HttpStep http = HttpStep.of(setup, headers, body);
            List<Extractor> extractors = new ArrayList<>();
            s.extract()
                    .forEach((name, e) -> extractors.add(new Extractor(
                            name, e, vars.indexOf(name), e.header() == null ? -1 : http.header(e.header()))));
            steps.add(new Step(
                    s,
                    i,
                    http,
                    part++,
                    origin(origins, setup),
                    List.copyOf(extractors),
                    http.header("set-cookie"),
                    null,
                    cookiePath(setup)));
        }
        return new ScenarioPlan(scenario, List.copyOf(steps), List.copyOf(origins), vars, seed);
    }

    /**
     * This journey with every request carrying {@code trace}'s context: an iteration is one trace, each of its
     * steps a span of it (span {@code index + 1}).
     */
    public ScenarioPlan traced(TraceContext trace) {
        if (trace == null) {
            return this;
        }
        List<Step> out = new ArrayList<>();
        for (Step s : steps) {
            out.add(new Step(
                    s.spec(),
                    s.index(),
                    s.http() == null ? null : s.http().traced(trace, s.index() + 1),
                    s.part(),
                    s.origin(),
                    s.extractors(),
                    s.setCookie(),
                    s.think(),
                    s.cookiePath()));
        }
        return new ScenarioPlan(scenario, List.copyOf(out), origins, variables, seed);
    }

    /** The index of {@code setup}'s origin in {@code origins}, added when new. */
    private static int origin(List<HttpSetup> origins, HttpSetup setup) {
        for (int i = 0; i < origins.size(); i++) {
            HttpSetup o = origins.get(i);
            if (o.host().equals(setup.host())
                    && o.port() == setup.port()
                    && o.target().https() == setup.target().https()
                    && o.target().http2() == setup.target().http2()
                    && Objects.equals(o.serverName(), setup.serverName())
                    && o.target().tls().equals(setup.target().tls())) {
                return i;
            }
        }
        origins.add(setup);
        return origins.size() - 1;
    }

    private static String cookiePath(HttpSetup setup) {
        String url = setup.target().url();
        int slash = url.indexOf('/', url.indexOf("//") + 2);
        return slash < 0 ? "/" : url.substring(slash);
    }

    /** The requests' names, in order: the parts each iteration records. */
    public List<String> parts() {
        return steps.stream()
                .filter(s -> s.http() != null)
                .map(s -> s.spec().name())
                .toList();
    }
}
