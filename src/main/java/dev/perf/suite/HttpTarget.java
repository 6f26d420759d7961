package dev.perf.suite;

import dev.perf.result.Redaction;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An HTTP/1.1 endpoint called over keep-alive connections (as many as {@code maxInFlight}).
 *
 * @param url {@code http://host:port/path?query}; {@code {demo-server}} stands for perf's demo server
 * @param method request method, default GET
 * @param headers extra request headers
 * @param body request body (UTF-8), sent with Content-Length
 * @param expectStatus statuses that count as success; default any 2xx
 * @param connectTimeout connect timeout, default 5s
 */
public record HttpTarget(
        String url,
        String method,
        Map<String, String> headers,
        String body,
        List<Integer> expectStatus,
        Duration connectTimeout) {
    public HttpTarget {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("http.url is required, e.g. http://127.0.0.1:8080/health");
        }
        String shown = Redaction.url(url);
        String probe = url.replace("{demo-server}", "127.0.0.1:1");
        URI uri;
        try {
            uri = new URI(probe);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    "invalid URL '" + shown + "': " + e.getReason().replace(url, shown));
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "invalid URL '" + shown + "': use http://host:port/path (https is not supported)");
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
