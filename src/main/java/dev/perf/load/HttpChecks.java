package dev.perf.load;

import dev.perf.suite.HttpCheck;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An http target's {@code check:} compiled: what a response must be to count as a success. The first check
 * that fails names the failure ({@code status}, {@code maxBodyBytes}, {@code header.NAME}, {@code
 * bodyContains}, {@code bodyMatches}, in that order). Immutable, thread-safe.
 */
final class HttpChecks {
    /** The most body bytes kept for a body check (4 MiB): beyond it a body check sees only the start. */
    static final int MAX_KEPT_BODY_BYTES = 4 << 20;

    /** The most characters of a failure's detail kept. */
    static final int DETAIL_CHARS = 160;

    private final boolean[] status = new boolean[600];
    private final boolean anyTwoHundred;
    private final ByteBuf contains;
    private final String containsText;
    private final Pattern matches;
    private final String[] headerNames;
    private final Pattern[] headerValues;
    private final long maxBodyBytes;

    HttpChecks(HttpCheck check) {
        for (int s : check.status()) {
            status[s] = true;
        }
        anyTwoHundred = check.status().isEmpty();
        containsText = check.bodyContains();
        contains = containsText == null
                ? null
                : Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(containsText.getBytes(StandardCharsets.UTF_8)));
        matches = HttpCheck.compile("check.bodyMatches", check.bodyMatches());
        Map<String, String> header = check.header();
        headerNames = new String[header.size()];
        headerValues = new Pattern[header.size()];
        int i = 0;
        for (Map.Entry<String, String> e : header.entrySet()) {
            headerNames[i] = e.getKey().toLowerCase(Locale.ROOT);
            headerValues[i++] = HttpCheck.compile("check.header." + e.getKey(), e.getValue());
        }
        maxBodyBytes = check.maxBodyBytes() == null ? Long.MAX_VALUE : check.maxBodyBytes();
    }

    /** Whether the body must be kept until the response ends. */
    boolean keepsBody() {
        return contains != null || matches != null;
    }

    /** The response headers a check reads, lower case (their values are kept). */
    String[] headerNames() {
        return headerNames;
    }

    boolean statusOk(int code) {
        return anyTwoHundred ? code / 100 == 2 : code >= 0 && code < 600 && status[code];
    }

    /**
     * The first check a response fails, or null when it passes: {@code headers} are the values of {@link
     * #headerNames} (null: absent), {@code body} the kept body (null when none is kept).
     */
    Failure check(int code, String[] headers, long bodyBytes, ByteBuf body) {
        if (!statusOk(code)) {
            return new Failure("status", "HTTP " + code + " (" + code / 100 + "xx)", code);
        }
        if (bodyBytes > maxBodyBytes) {
            return new Failure("maxBodyBytes", "body of " + bodyBytes + " bytes, above " + maxBodyBytes, code);
        }
        for (int i = 0; i < headerNames.length; i++) {
            String v = headers == null ? null : headers[i];
            if (v == null) {
                return new Failure("header." + headerNames[i], "no " + headerNames[i] + " header", code);
            }
            if (!headerValues[i].matcher(v).matches()) {
                return new Failure(
                        "header." + headerNames[i],
                        headerNames[i] + ": '" + truncate(v) + "' does not match " + headerValues[i].pattern(),
                        code);
            }
        }
        if (contains != null && (body == null || ByteBufUtil.indexOf(contains, body) < 0)) {
            return new Failure(
                    "bodyContains", "body does not contain '" + truncate(containsText) + "': " + excerpt(body), code);
        }
        if (matches != null) {
            String text = body == null ? "" : body.toString(StandardCharsets.UTF_8);
            if (!matches.matcher(text).find()) {
                return new Failure(
                        "bodyMatches", "body does not match " + matches.pattern() + ": " + excerpt(body), code);
            }
        }
        return null;
    }

    private static String excerpt(ByteBuf body) {
        if (body == null || !body.isReadable()) {
            return "(empty body)";
        }
        int n = Math.min(body.readableBytes(), DETAIL_CHARS);
        return "'" + truncate(body.toString(body.readerIndex(), n, StandardCharsets.UTF_8)) + "'";
    }

    static String truncate(String s) {
        String one = s.replaceAll("[\\r\\n\\t]+", " ");
        return one.length() <= DETAIL_CHARS ? one : one.substring(0, DETAIL_CHARS) + "…";
    }

    /**
     * A response that failed a check: counted as an httpError (status) or an error (any other check), under
     * the check's name. Carries no stack trace: it is an outcome, not a fault of perf's.
     */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        final String check;
        final int status;

        Failure(String check, String detail, int status) {
            super(check + " check failed: " + detail, null, false, false);
            this.check = check;
            this.status = status;
        }
    }
}
