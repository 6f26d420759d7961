package dev.perf.load.http;

import dev.perf.load.record.CheckFailure;
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
    CheckFailure check(int code, String[] headers, long bodyBytes, ByteBuf body) {
        if (!statusOk(code)) {
            return new CheckFailure("status", "HTTP " + code + " (" + code / 100 + "xx)", code);
        }
        if (bodyBytes > maxBodyBytes) {
            return new CheckFailure("maxBodyBytes", "body of " + bodyBytes + " bytes, above " + maxBodyBytes, code);
        }
        for (int i = 0; i < headerNames.length; i++) {
            String v = headers == null ? null : headers[i];
            if (v == null) {
                return new CheckFailure("header." + headerNames[i], "no " + headerNames[i] + " header", code);
            }
            if (!headerValues[i].matcher(v).matches()) {
                return new CheckFailure(
                        "header." + headerNames[i],
                        headerNames[i] + ": '" + CheckFailure.truncate(v) + "' does not match "
                                + headerValues[i].pattern(),
                        code);
            }
        }
        if (contains != null && (body == null || ByteBufUtil.indexOf(contains, body) < 0)) {
            return new CheckFailure(
                    "bodyContains",
                    "body does not contain '" + CheckFailure.truncate(containsText) + "': " + excerpt(body),
                    code);
        }
        if (matches != null) {
            String text = body == null ? "" : body.toString(StandardCharsets.UTF_8);
            if (!matches.matcher(text).find()) {
                return new CheckFailure(
                        "bodyMatches", "body does not match " + matches.pattern() + ": " + excerpt(body), code);
            }
        }
        return null;
    }

    private static String excerpt(ByteBuf body) {
        if (body == null || !body.isReadable()) {
            return "(empty body)";
        }
        int n = Math.min(body.readableBytes(), CheckFailure.DETAIL_CHARS);
        return "'" + CheckFailure.truncate(body.toString(body.readerIndex(), n, StandardCharsets.UTF_8)) + "'";
    }
}
