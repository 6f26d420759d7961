package dev.perf.metrics;

import dev.perf.result.PerfException;
import dev.perf.suite.MetricsConfig;
import dev.perf.suite.Quantity;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where live metrics go: a remote-write URL with its headers (values already resolved; never written to a
 * result), a scrape address, and how long the endpoint lingers after the run. Immutable.
 *
 * @param push the remote-write URL, null for none
 * @param headers headers of every push (authentication), resolved
 * @param listen the scrape address, null for none
 * @param linger how long {@code /metrics} stays up after the run, so that the last scrape sees the end
 */
public record MetricsOptions(URI push, Map<String, String> headers, InetSocketAddress listen, Duration linger) {
    /** No live metrics. */
    public static final MetricsOptions NONE = new MetricsOptions(null, Map.of(), null, Duration.ofSeconds(5));

    public MetricsOptions {
        headers = Map.copyOf(headers == null ? Map.of() : new LinkedHashMap<>(headers));
        linger = linger == null ? Duration.ofSeconds(5) : linger;
    }

    /** Whether anything is asked for. */
    public boolean any() {
        return push != null || listen != null;
    }

    /** An http(s) URL; a usage error naming {@code flag} otherwise. */
    public static URI pushUrl(String text, String flag) {
        try {
            URI uri = new URI(text.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // said below
        }
        throw PerfException.usage(flag + " " + text + ": not an http(s) URL; give the receiver's remote-write URL,"
                + " e.g. http://127.0.0.1:9090/api/v1/write");
    }

    /** {@code HOST:PORT}, {@code :PORT} (every interface) or {@code [::1]:PORT}; a usage error otherwise. */
    public static InetSocketAddress listenAddress(String text, String flag) {
        String t = text.trim();
        int colon = t.lastIndexOf(':');
        String host = colon < 0 ? "" : t.substring(0, colon);
        String port = colon < 0 ? "" : t.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            p = -1;
        }
        if (p < 0 || p > 65535) {
            throw PerfException.usage(
                    flag + " " + text + ": not HOST:PORT; e.g. 127.0.0.1:9464, :9464 (every interface) or [::1]:9464");
        }
        return host.isEmpty() ? new InetSocketAddress(p) : new InetSocketAddress(host, p);
    }

    /**
     * What a run uses: each of {@code flags} (the command line) where given, else the suite's {@code metrics:}
     * block, whose header values have their {@code ${env.NAME}} read from {@code env} now.
     */
    public static MetricsOptions of(MetricsOptions flags, MetricsConfig suite, Map<String, String> env) {
        MetricsOptions cli = flags == null ? NONE : flags;
        if (suite == null) {
            return cli;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        suite.headers().forEach((name, value) -> {
            try {
                headers.put(name, MetricsConfig.resolveEnv(value, "metrics.headers." + name, env));
            } catch (IllegalArgumentException e) {
                throw PerfException.badInput(e.getMessage());
            }
        });
        URI push;
        InetSocketAddress listen;
        Duration linger;
        try {
            push = cli.push() != null
                    ? cli.push()
                    : suite.push() == null ? null : pushUrl(suite.push(), "metrics.push");
            listen = cli.listen() != null
                    ? cli.listen()
                    : suite.listen() == null ? null : listenAddress(suite.listen(), "metrics.listen");
            linger = !cli.linger().equals(NONE.linger()) || suite.linger() == null
                    ? cli.linger()
                    : Quantity.duration(suite.linger());
        } catch (PerfException e) {
            throw PerfException.badInput(e.getMessage()); // in the suite file, not on the command line
        }
        return new MetricsOptions(push, headers, listen, linger);
    }
}
