package dev.perf.suite;

import dev.perf.result.Redaction;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An HTTP endpoint called over {@code connections} connections: HTTP/1.1 (one request at a time on each,
 * kept alive unless {@code keepAlive: false}) or HTTP/2 (streams multiplexed on each), plain or over TLS. The
 * url's path and query, the header values and the body may hold {@link Placeholders}.
 *
 * @param url {@code http://} or {@code https://host:port/path?query}; {@code {demo-server}} stands for perf's
 *     demo server
 * @param method request method, default GET
 * @param headers extra request headers
 * @param body request body (UTF-8), sent with Content-Length
 * @param expectStatus statuses that count as success (the same as {@code check.status}); default any 2xx
 * @param connectTimeout connect timeout (TCP and TLS handshake), default 5s
 * @param version {@code "1.1"} (default) or {@code "2"}: over TLS by ALPN, over {@code http://} with prior
 *     knowledge (h2c)
 * @param tls how an {@code https://} server's certificate is checked, and a client certificate
 * @param check what a response must be to count as a success
 * @param keepAlive false: a new connection for every request (to measure handshakes); default true
 * @param maxConcurrentStreams HTTP/2: the most streams in flight on one connection (lowered to the server's
 *     limit); default 100
 */
public record HttpTarget(
        String url,
        String method,
        Map<String, String> headers,
        String body,
        List<Integer> expectStatus,
        Duration connectTimeout,
        String version,
        TlsOptions tls,
        HttpCheck check,
        Boolean keepAlive,
        Integer maxConcurrentStreams) {

    /** A plain HTTP/1.1 target with the default check, connection and TLS options. */
    public HttpTarget(
            String url,
            String method,
            Map<String, String> headers,
            String body,
            List<Integer> expectStatus,
            Duration connectTimeout) {
        this(url, method, headers, body, expectStatus, connectTimeout, null, null, null, null, null);
    }

    public HttpTarget {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("http.url is required, e.g. http://127.0.0.1:8080/health");
        }
        String shown = Redaction.url(url);
        int authorityEnd = url.indexOf('/', url.indexOf("//") < 0 ? 0 : url.indexOf("//") + 2);
        String authority = authorityEnd < 0 ? url : url.substring(0, authorityEnd);
        if (authority.contains("${")) {
            throw new IllegalArgumentException("invalid URL '" + shown
                    + "': placeholders go in the path and query, not in the scheme, host or port");
        }
        // placeholders stand for what they will be: the URL must be valid whatever they hold
        StringBuilder probeText = new StringBuilder();
        for (Placeholders.Part part : Placeholders.parse(url, "http.url")) {
            probeText.append(part instanceof Placeholders.Literal l ? l.text() : "0");
        }
        String probe = probeText.toString().replace("{demo-server}", "127.0.0.1:1");
        URI uri;
        try {
            uri = new URI(probe);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    "invalid URL '" + shown + "': " + e.getReason().replace(url, shown));
        }
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        if (!(https || "http".equalsIgnoreCase(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "invalid URL '" + shown + "': use http://host:port/path or https://host:port/path");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new IllegalArgumentException(
                    "invalid URL '" + shown + "': port " + uri.getPort() + " is not a port (use 1 to 65535)");
        }
        method = method == null ? "GET" : method.toUpperCase(Locale.ROOT);
        if (!TOKEN.matcher(method).matches()) {
            throw new IllegalArgumentException("http.method '" + printable(method)
                    + "' is not an HTTP method (letters, digits and !#$%&'*+.^_`|~- only)");
        }
        headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (!TOKEN.matcher(h.getKey()).matches()) {
                throw new IllegalArgumentException("http.headers: '" + printable(h.getKey())
                        + "' is not a header name (letters, digits and !#$%&'*+.^_`|~- only)");
            }
            String v = h.getValue() == null ? "" : h.getValue();
            Placeholders.parse(v, "http.headers." + h.getKey());
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if ((c < 0x20 && c != '\t') || c >= 0x7f) {
                    throw new IllegalArgumentException("http.headers." + h.getKey() + ": the value has "
                            + (c == '\r' || c == '\n'
                                    ? "a line break"
                                    : "the character U+" + String.format(Locale.ROOT, "%04X", (int) c))
                            + " at position " + (i + 1)
                            + "; header values are ASCII text on one line");
                }
            }
        }
        expectStatus = expectStatus == null ? List.of() : List.copyOf(expectStatus);
        Placeholders.parse(body, "http.body");
        version = version == null ? "1.1" : version.strip();
        if (version.equals("2.0")) {
            version = "2";
        }
        if (!version.equals("1.1") && !version.equals("2")) {
            throw new IllegalArgumentException("http.version '" + version + "' is not supported: use \"1.1\" (the"
                    + " default) or \"2\" (HTTP/2: by ALPN over https, prior knowledge over http)");
        }
        if (tls != null && !https) {
            throw new IllegalArgumentException("http.tls applies to https:// URLs; '" + shown + "' is plain http");
        }
        tls = tls == null ? TlsOptions.DEFAULT : tls;
        if (check != null && !check.status().isEmpty() && !expectStatus.isEmpty()) {
            throw new IllegalArgumentException(
                    "http: give the expected statuses once, as check.status (expectStatus is its older name)");
        }
        if (check == null) {
            check = new HttpCheck(expectStatus, null, null, null, null);
        } else if (check.status().isEmpty() && !expectStatus.isEmpty()) {
            check = new HttpCheck(
                    expectStatus, check.bodyContains(), check.bodyMatches(), check.header(), check.maxBodyBytes());
        }
        expectStatus = check.status();
        keepAlive = keepAlive == null || keepAlive;
        if (maxConcurrentStreams != null && maxConcurrentStreams < 1) {
            throw new IllegalArgumentException(
                    "http.maxConcurrentStreams must be at least 1, was " + maxConcurrentStreams);
        }
        if (maxConcurrentStreams != null && !version.equals("2")) {
            throw new IllegalArgumentException("http.maxConcurrentStreams applies to version: \"2\"");
        }
        maxConcurrentStreams = maxConcurrentStreams == null ? 100 : maxConcurrentStreams;
    }

    /** The scenario variables ({@code ${NAME}}) its url, header values and body read, in order. */
    public List<String> variables() {
        List<String> out = new ArrayList<>(Placeholders.variables(url, "http.url"));
        headers.forEach((name, value) -> Placeholders.variables(value, "http.headers." + name).stream()
                .filter(v -> !out.contains(v))
                .forEach(out::add));
        Placeholders.variables(body, "http.body").stream()
                .filter(v -> !out.contains(v))
                .forEach(out::add);
        return out;
    }

    /** Whether the URL is {@code https://}. */
    public boolean https() {
        return url.regionMatches(true, 0, "https:", 0, 6);
    }

    /** Whether this is HTTP/2. */
    public boolean http2() {
        return version.equals("2");
    }

    /** An HTTP token (RFC 9110): what a method and a header name may consist of. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints()
                .forEach(c -> sb.append(
                        Character.isISOControl(c)
                                ? "\\u" + String.format(Locale.ROOT, "%04x", c)
                                : Character.toString(c)));
        return sb.toString();
    }
}
