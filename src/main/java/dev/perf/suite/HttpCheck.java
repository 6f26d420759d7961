package dev.perf.suite;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What a response must be to count as a success. A failed check is an error counted under its name ({@code
 * status}, {@code bodyContains}, {@code bodyMatches}, {@code header.NAME}, {@code maxBodyBytes}); the body is
 * kept only when a check reads it.
 *
 * @param status statuses that count as success; default any 2xx
 * @param bodyContains text the body must contain (UTF-8)
 * @param bodyMatches a regular expression the body must match somewhere (UTF-8)
 * @param header response headers by name, each a regular expression its value must match in full
 * @param maxBodyBytes the most body bytes a response may have
 */
public record HttpCheck(
        List<Integer> status, String bodyContains, String bodyMatches, Map<String, String> header, Long maxBodyBytes) {
    public HttpCheck {
        status = status == null ? List.of() : List.copyOf(status);
        for (Integer s : status) {
            if (s == null || s < 100 || s > 599) {
                throw new IllegalArgumentException("check.status: " + s + " is not an HTTP status (100 to 599)");
            }
        }
        if (bodyContains != null && bodyContains.isEmpty()) {
            throw new IllegalArgumentException("check.bodyContains is empty: give the text the body must contain");
        }
        compile("check.bodyMatches", bodyMatches);
        header = header == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(header));
        header.forEach((name, regex) -> compile("check.header." + name, regex));
        if (maxBodyBytes != null && maxBodyBytes < 0) {
            throw new IllegalArgumentException("check.maxBodyBytes must be 0 or more, was " + maxBodyBytes);
        }
    }

    /** No check but the default status one (any 2xx). */
    public static final HttpCheck DEFAULT = new HttpCheck(null, null, null, null, null);

    /** Whether a check reads the body (so that it must be kept until the response ends). */
    public boolean readsBody() {
        return bodyContains != null || bodyMatches != null;
    }

    /** {@code regex} compiled; bad input naming {@code key} and the value when it is not a regex. */
    public static Pattern compile(String key, String regex) {
        if (regex == null) {
            return null;
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(key + ": '" + regex + "' is not a valid regular expression: "
                    + e.getDescription() + " near position " + Math.max(0, e.getIndex()));
        }
    }
}
