package dev.perf.load.http;

import dev.perf.load.template.DataTable;
import dev.perf.load.template.Templates;
import dev.perf.load.template.TraceContext;
import dev.perf.result.PerfException;
import dev.perf.suite.DataFile;
import dev.perf.suite.HttpTarget;
import io.netty.handler.ssl.SslContext;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * An http target resolved before anything runs — its request compiled, its checks, its TLS context — so that
 * bad input (a data file, a placeholder, a certificate) is reported before the first request. Immutable.
 *
 * @param target the suite's entry
 * @param uri its URL with {@code {demo-server}} resolved (placeholders stand as they are written)
 * @param host the host to connect to
 * @param port the port, the scheme's default when the URL has none
 * @param template the requests
 * @param checks what a response must be
 * @param ssl the TLS context of an {@code https://} URL, null for plain http
 * @param serverName the name sent in SNI and checked against the certificate
 */
public record HttpSetup(
        HttpTarget target,
        URI uri,
        String host,
        int port,
        RequestTemplate template,
        HttpChecks checks,
        SslContext ssl,
        String serverName) {

    /**
     * Resolves {@code target}; {@code where} names the loop in bad input; {@code url} is the target's URL with
     * {@code {demo-server}} resolved; data files are read from {@code baseDir}, drawn with {@code seed}; {@code
     * vars} are a scenario session's variables (by slot) its request may read with {@code ${NAME}}, empty for a
     * single request.
     */
    public static HttpSetup of(
            String where,
            HttpTarget target,
            String url,
            Map<String, DataFile> data,
            Path baseDir,
            long seed,
            UnaryOperator<String> env,
            List<String> vars) {
        int slash = url.indexOf('/', url.indexOf("//") + 2);
        URI uri = URI.create((slash < 0 ? url : url.substring(0, slash)) + "/");
        Map<String, DataTable> tables = Templates.read(where, data, baseDir, seed);
        HttpTarget resolved = url.equals(target.url()) ? target : withUrl(target, url);
        RequestTemplate template = new RequestTemplate(where, resolved, uri, tables, env, seed, vars);
        String serverName = target.tls().serverName() != null ? target.tls().serverName() : uri.getHost();
        SslContext ssl = target.https() ? TlsSetup.context(where, target.tls(), target.http2(), baseDir) : null;
        int port = uri.getPort() > 0 ? uri.getPort() : target.https() ? 443 : 80;
        return new HttpSetup(
                resolved, uri, uri.getHost(), port, template, new HttpChecks(target.check()), ssl, serverName);
    }

    /** This target with every request carrying {@code trace}'s context as span {@code span} of its trace. */
    public HttpSetup traced(TraceContext trace, int span) {
        return trace == null
                ? this
                : new HttpSetup(target, uri, host, port, template.traced(trace, span), checks, ssl, serverName);
    }

    /** A target without data files or environment placeholders, e.g. in tests. */
    public static HttpSetup of(HttpTarget target) {
        return of(
                "load",
                target,
                target.url(),
                Map.of(),
                Path.of(""),
                1,
                name -> {
                    throw PerfException.badInput("no environment here");
                },
                List.of());
    }

    private static HttpTarget withUrl(HttpTarget t, String url) {
        return new HttpTarget(
                url,
                t.method(),
                t.headers(),
                t.body(),
                null,
                t.connectTimeout(),
                t.version(),
                t.https() ? t.tls() : null,
                t.check(),
                t.keepAlive(),
                t.http2() ? t.maxConcurrentStreams() : null);
    }

    long connectTimeoutMillis() {
        return target.connectTimeout() == null ? 5000 : target.connectTimeout().toMillis();
    }
}
