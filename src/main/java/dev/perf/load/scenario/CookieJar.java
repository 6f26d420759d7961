package dev.perf.load.scenario;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One session's cookies, as a browser keeps them (RFC 6265, §5.3–5.4): a {@code Set-Cookie} is stored under its
 * name, domain and path (a host-only cookie when it names no domain), replaced by a later one of the same three,
 * removed by {@code Max-Age=0} or an {@code Expires} in the past; a request carries the cookies whose domain and
 * path match it, {@code Secure} ones only over https, longer paths first. Not thread-safe: one session's.
 */
final class CookieJar {
    /** One stored cookie; {@code expiresAtMillis} is Long.MAX_VALUE for a session cookie. */
    private record Cookie(
            String name,
            String value,
            String domain,
            boolean hostOnly,
            String path,
            boolean secure,
            long expiresAtMillis) {}

    private final List<Cookie> cookies = new ArrayList<>();

    /** Stores what {@code setCookie} (one {@code Set-Cookie} value) says, for a request to {@code host}{@code path}. */
    void store(String setCookie, String host, String requestPath, long nowMillis) {
        String[] parts = setCookie.split(";", -1);
        int eq = parts[0].indexOf('=');
        if (eq <= 0) {
            return; // no name: ignored, as a browser does
        }
        String name = parts[0].substring(0, eq).strip();
        String value = unquote(parts[0].substring(eq + 1).strip());
        String domain = null;
        String path = null;
        boolean secure = false;
        long expires = Long.MAX_VALUE;
        boolean maxAgeSeen = false;
        for (int i = 1; i < parts.length; i++) {
            String attr = parts[i].strip();
            int aeq = attr.indexOf('=');
            String key = (aeq < 0 ? attr : attr.substring(0, aeq)).strip().toLowerCase(Locale.ROOT);
            String val = aeq < 0 ? "" : attr.substring(aeq + 1).strip();
            switch (key) {
                case "domain" -> domain = val.startsWith(".") ? val.substring(1) : val;
                case "path" -> path = val.startsWith("/") ? val : null;
                case "secure" -> secure = true;
                case "max-age" -> {
                    try {
                        long seconds = Long.parseLong(val);
                        expires = seconds <= 0 ? Long.MIN_VALUE : nowMillis + Math.min(seconds, 1L << 40) * 1000;
                        maxAgeSeen = true;
                    } catch (NumberFormatException e) {
                        // an invalid Max-Age is ignored
                    }
                }
                case "expires" -> {
                    if (!maxAgeSeen) {
                        expires = expiry(val, expires);
                    }
                }
                default -> {
                    // HttpOnly, SameSite and others change nothing for a client that runs no scripts
                }
            }
        }
        String lowerHost = host.toLowerCase(Locale.ROOT);
        boolean hostOnly = domain == null || domain.isEmpty();
        String d = hostOnly ? lowerHost : domain.toLowerCase(Locale.ROOT);
        if (!hostOnly && !domainMatches(lowerHost, d)) {
            return; // a server may not set a cookie for another domain
        }
        String p = path != null ? path : defaultPath(requestPath);
        cookies.removeIf(
                c -> c.name().equals(name) && c.domain().equals(d) && c.path().equals(p));
        if (expires > nowMillis) {
            cookies.add(new Cookie(name, value, d, hostOnly, p, secure, expires));
        }
    }

    /** The {@code Cookie} header's value for a request to {@code host}{@code path}, or "" for none. */
    String header(String host, String requestPath, boolean https, long nowMillis) {
        if (cookies.isEmpty()) {
            return "";
        }
        String lowerHost = host.toLowerCase(Locale.ROOT);
        cookies.removeIf(c -> c.expiresAtMillis() <= nowMillis);
        List<Cookie> matching = new ArrayList<>();
        for (Cookie c : cookies) {
            boolean domainOk = c.hostOnly() ? c.domain().equals(lowerHost) : domainMatches(lowerHost, c.domain());
            if (domainOk && pathMatches(pathOnly(requestPath), c.path()) && (!c.secure() || https)) {
                matching.add(c);
            }
        }
        matching.sort((a, b) -> Integer.compare(b.path().length(), a.path().length()));
        StringBuilder out = new StringBuilder();
        for (Cookie c : matching) {
            if (out.length() > 0) {
                out.append("; ");
            }
            out.append(c.name()).append('=').append(c.value());
        }
        return out.toString();
    }

    /** The value of the cookie {@code name} this jar would send to {@code host}{@code path}, or null. */
    String value(String name, String host, String requestPath, boolean https, long nowMillis) {
        String lowerHost = host.toLowerCase(Locale.ROOT);
        for (Cookie c : cookies) {
            boolean domainOk = c.hostOnly() ? c.domain().equals(lowerHost) : domainMatches(lowerHost, c.domain());
            if (c.name().equals(name)
                    && c.expiresAtMillis() > nowMillis
                    && domainOk
                    && pathMatches(pathOnly(requestPath), c.path())
                    && (!c.secure() || https)) {
                return c.value();
            }
        }
        return null;
    }

    private static long expiry(String date, long otherwise) {
        try {
            return ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant()
                    .toEpochMilli();
        } catch (DateTimeParseException e) {
            return otherwise; // an unparsable Expires is ignored: a session cookie
        }
    }

    private static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }

    /** RFC 6265 §5.1.3: the host is the domain or ends with "." and the domain (and is not an IP address). */
    static boolean domainMatches(String host, String domain) {
        if (host.equals(domain)) {
            return true;
        }
        boolean ip = host.chars().allMatch(ch -> Character.isDigit(ch) || ch == '.') || host.contains(":");
        return !ip && host.endsWith("." + domain);
    }

    /** RFC 6265 §5.1.4. */
    static boolean pathMatches(String requestPath, String cookiePath) {
        if (requestPath.equals(cookiePath)) {
            return true;
        }
        return requestPath.startsWith(cookiePath)
                && (cookiePath.endsWith("/") || requestPath.charAt(cookiePath.length()) == '/');
    }

    /** RFC 6265 §5.1.4: the request path up to, not including, its last '/' ("/" when that is the first). */
    static String defaultPath(String requestPath) {
        String p = pathOnly(requestPath);
        int last = p.lastIndexOf('/');
        return last <= 0 ? "/" : p.substring(0, last);
    }

    private static String pathOnly(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        String p = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        return p.startsWith("/") ? p : "/";
    }
}
