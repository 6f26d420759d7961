package dev.perf.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perf.result.Observed;
import dev.perf.result.PerfException;
import dev.perf.result.Printable;
import dev.perf.suite.ObserveSpec;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Reads a loop's {@code observe:} series while it is measured: the scraped endpoint once a second on a thread
 * of its own (aligned to the measurement's seconds, never on the loop's threads), PromQL at the end as a range
 * query over the window at a one-second step. What cannot be read becomes a warning and missing seconds, never
 * a failure of the run.
 */
public final class Observer {
    private static final Duration TIMEOUT = Duration.ofMillis(900);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObserveSpec spec;
    private final long baseNanos;
    private final HttpClient client;
    private final Thread thread;
    /** One scrape per second from the base: the series' readings by name (null entries where none). */
    private final List<Map<String, Reading>> scrapes = new ArrayList<>();

    private volatile boolean stopping;
    private String scrapeWarning;
    /** Told the first scrape warning at once (the progress line), besides the result's note. */
    private final Consumer<String> warn;

    private Observer(ObserveSpec spec, long baseNanos, Consumer<String> warn) {
        this.spec = spec;
        this.baseNanos = baseNanos;
        this.warn = warn;
        this.client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        boolean scraping = spec.series().values().stream().anyMatch(s -> s.metric() != null);
        this.thread = scraping ? new Thread(this::scrapeLoop, "perf-observe") : null;
        if (thread != null) {
            thread.setDaemon(true);
            thread.start();
        }
    }

    /**
     * Asks {@code spec}'s Prometheus once, before anything runs, whether it accepts each query: a query it
     * refuses as bad data is bad input naming loop {@code loop}'s series with Prometheus's own words. A
     * Prometheus that cannot be reached now is left to the run (its series then warn and stay inconclusive).
     */
    public static void checkQueries(String loop, ObserveSpec spec) {
        if (spec == null || spec.prometheus() == null) {
            return;
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        for (Map.Entry<String, ObserveSpec.Series> e : spec.series().entrySet()) {
            if (e.getValue().query() == null) {
                continue;
            }
            JsonNode body;
            try {
                String url = spec.prometheus().replaceAll("/+$", "") + "/api/v1/query?query="
                        + URLEncoder.encode(e.getValue().query(), StandardCharsets.UTF_8);
                HttpResponse<String> r = client.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                body = JSON.readTree(r.body());
            } catch (IOException | RuntimeException ex) {
                continue; // not reachable now, or not a Prometheus: the run says so for the series
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
            if ("error".equals(body.path("status").asText())
                    && "bad_data".equals(body.path("errorType").asText())) {
                throw PerfException.badInput("load " + Printable.of(loop) + ": observe.series." + e.getKey()
                        + ".query: Prometheus refuses it: "
                        + Printable.of(body.path("error").asText())
                        + "; fix the PromQL");
            }
        }
    }

    /**
     * Starts reading {@code spec}'s series for a measurement that starts at {@code baseNanos}, telling {@code warn}
     * the first time the endpoint cannot be read; null: none.
     */
    public static Observer start(ObserveSpec spec, long baseNanos, Consumer<String> warn) {
        return spec == null ? null : new Observer(spec, baseNanos, warn);
    }

    private void scrapeLoop() {
        for (long k = 0; !stopping; k++) {
            long due = baseNanos + k * 1_000_000_000L;
            long wait;
            while (!stopping && (wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            if (!stopping) {
                scrapeOnce();
            }
        }
    }

    private void scrapeOnce() {
        Map<String, Reading> readings = new LinkedHashMap<>();
        try {
            HttpResponse<String> r = client.send(
                    HttpRequest.newBuilder(URI.create(spec.scrape()))
                            .timeout(TIMEOUT)
                            .header("Accept", "text/plain;version=0.0.4")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IOException("HTTP " + r.statusCode());
            }
            PromText.Page page = PromText.parse(r.body());
            spec.series().forEach((name, s) -> {
                if (s.metric() != null) {
                    readings.put(name, Reading.of(page, s));
                }
            });
        } catch (IOException | RuntimeException e) {
            warnScrape("cannot read " + spec.scrape() + ": " + message(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        synchronized (this) {
            scrapes.add(readings);
        }
    }

    /**
     * Each scraped series over the latest second read so far (between the last two scrapes), by name, for live
     * metrics; empty before two scrapes. Queried series are known only at the end.
     */
    public synchronized Map<String, Double> lastSecond() {
        Map<String, Double> out = new LinkedHashMap<>();
        int n = scrapes.size();
        if (n < 2) {
            return out;
        }
        spec.series().forEach((name, s) -> {
            if (s.metric() != null) {
                double v = Reading.between(
                        scrapes.get(n - 2).get(name), scrapes.get(n - 1).get(name), 1.0, s.quantile());
                if (!Double.isNaN(v)) {
                    out.put(name, v);
                }
            }
        });
        return out;
    }

    private void warnScrape(String w) {
        synchronized (this) {
            if (scrapeWarning != null) {
                return;
            }
            scrapeWarning = Printable.of(w);
        }
        warn.accept("observe: " + scrapeWarning + " (its series stay unread; their targets will be inconclusive)");
    }

    private static String message(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /**
     * Stops reading and returns each series over the {@code seconds} measured seconds that started at {@code
     * startedAt}, in the suite's order.
     */
    public List<Observed> stop(Instant startedAt, int seconds) {
        stopping = true;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (this) {
                if (scrapes.size() <= seconds) {
                    stopping = false;
                    scrapeOnce(); // the reading that closes the last second
                    stopping = true;
                }
            }
        }
        List<Observed> out = new ArrayList<>();
        spec.series()
                .forEach((name, s) ->
                        out.add(s.metric() != null ? scraped(name, s, seconds) : queried(name, s, startedAt, seconds)));
        return out;
    }

    private synchronized Observed scraped(String name, ObserveSpec.Series s, int seconds) {
        List<Double> values = new ArrayList<>();
        for (int k = 0; k < seconds; k++) {
            Reading before = k < scrapes.size() ? scrapes.get(k).get(name) : null;
            Reading after = k + 1 < scrapes.size() ? scrapes.get(k + 1).get(name) : null;
            values.add(Reading.between(before, after, 1.0, s.quantile()));
        }
        String warning = scrapeWarning;
        if (warning == null && values.stream().allMatch(v -> v.isNaN()) && !scrapes.isEmpty()) {
            warning = "no series " + s.metric() + " at " + spec.scrape();
        }
        String source = spec.scrape() + " " + s.metric() + (s.quantile() != null ? " q" + s.quantile() : "");
        return observed(name, s, source, values, warning);
    }

    /**
     * A queried series; asked again once, two seconds later, when its last second is missing: Prometheus may not
     * yet have scraped the service after the loop's end.
     */
    private Observed queried(String name, ObserveSpec.Series s, Instant startedAt, int seconds) {
        Observed first = queryOnce(name, s, startedAt, seconds);
        List<Double> v = first.perSecond();
        if (first.warning() != null || v.isEmpty() || !v.get(v.size() - 1).isNaN()) {
            return first;
        }
        LockSupport.parkNanos(2_000_000_000L);
        Observed again = queryOnce(name, s, startedAt, seconds);
        return again.readSeconds().size() >= first.readSeconds().size() ? again : first;
    }

    private Observed queryOnce(String name, ObserveSpec.Series s, Instant startedAt, int seconds) {
        List<Double> values = new ArrayList<>();
        for (int k = 0; k < seconds; k++) {
            values.add(Double.NaN);
        }
        String warning = null;
        long start = startedAt.getEpochSecond();
        try {
            String url = spec.prometheus().replaceAll("/+$", "") + "/api/v1/query_range?query="
                    + URLEncoder.encode(s.query(), StandardCharsets.UTF_8) + "&start=" + (start + 1) + "&end="
                    + (start + seconds) + "&step=1";
            HttpResponse<String> r = client.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(r.body());
            if (!"success".equals(body.path("status").asText())) {
                warning = "Prometheus refused the query: " + body.path("error").asText("HTTP " + r.statusCode());
            } else {
                JsonNode result = body.path("data").path("result");
                if (result.size() > 1) {
                    warning = "the query returns " + result.size() + " series; aggregate it to one (e.g. sum(...))";
                } else if (result.isEmpty()) {
                    warning = "the query returns no series over the loop's window";
                } else {
                    for (JsonNode point : result.get(0).path("values")) {
                        int k = (int) (Math.round(point.get(0).asDouble()) - start - 1);
                        if (k >= 0 && k < seconds) {
                            values.set(k, PromText.value(point.get(1).asText(), 0));
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            warning = "cannot query " + spec.prometheus() + ": " + message(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            warning = "interrupted";
        }
        return observed(name, s, s.query(), values, warning == null ? null : Printable.of(warning));
    }

    /** The series with its whole-run figure: the mean of the seconds read. */
    private static Observed observed(
            String name, ObserveSpec.Series s, String source, List<Double> values, String warning) {
        double sum = 0;
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v) && !Double.isInfinite(v)) {
                sum += v;
                n++;
            }
        }
        return new Observed(name, source, s.unit(), s.better(), n == 0 ? Double.NaN : sum / n, values, warning);
    }
}
