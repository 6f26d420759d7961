package dev.perf.load.http;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A minimal incremental HTTP/1.1 response parser: status line, headers (Content-Length,
 * Transfer-Encoding: chunked, Connection: close), and a body it skips without copying — by length, by
 * chunks, or until the connection closes. It allocates nothing per response, unlike Netty's stock codec
 * (~2 KB per request), unless a check needs them: then it keeps the values of the headers named in {@link
 * #capture} and, with a body buffer, the body's first bytes. Not thread-safe: one per connection, used on its
 * event loop.
 */
final class HttpResponseParser {
    private enum State {
        STATUS,
        HEADERS,
        BODY,
        CHUNK_SIZE,
        CHUNK_DATA,
        CHUNK_CRLF,
        TRAILERS,
        UNTIL_CLOSE
    }

    /** The most bytes of status line and headers accepted in one response (64 KiB, as common servers allow). */
    static final int MAX_HEADER_BYTES = 64 * 1024;

    private State state = State.STATUS;
    private long headerBytes;
    private int status;
    private long remaining;
    private long contentLength;
    private boolean chunked;
    private boolean close;
    /** Whether the response being parsed is HTTP/1.0: its connection persists only when it says keep-alive. */
    private boolean http10;

    private long bodyBytes;

    /** Header names (lower case) whose values are kept, and their values in the current response. */
    private String[] captureNames = new String[0];

    private String[] captured = new String[0];
    /** The body's first bytes (up to {@link #bodyLimit}), when a check reads it; null otherwise. */
    private ByteBuf body;

    private int bodyLimit;

    /** Keeps the values of {@code headerNames} (lower case) and, with {@code body}, up to {@code limit} body bytes. */
    void capture(String[] headerNames, ByteBuf body, int limit) {
        this.captureNames = headerNames;
        this.captured = new String[headerNames.length];
        this.body = body;
        this.bodyLimit = limit;
    }

    /**
     * The kept header values of the last response, in {@link #capture}'s order (null: absent); a repeated header's
     * values are joined by ", ", but {@code set-cookie}'s by a line break.
     */
    String[] headers() {
        return captured;
    }

    /** The kept body of the last response, or null when none is kept. */
    ByteBuf body() {
        return body;
    }

    /** Bytes of the last response's body (however many were kept). */
    long bodyBytes() {
        return bodyBytes;
    }

    /** Consumes {@code n} body bytes of {@code in}, keeping what fits when the body is kept. */
    private void bodyBytes(ByteBuf in, int n) {
        bodyBytes += n;
        if (body != null && body.writerIndex() < bodyLimit) {
            body.writeBytes(in, in.readerIndex(), Math.min(n, bodyLimit - body.writerIndex()));
        }
        in.skipBytes(n);
    }

    /** The status code of the last complete response. */
    int status() {
        return status;
    }

    /**
     * Whether the connection closes after this response: the server said {@code Connection: close}, or it
     * spoke HTTP/1.0 without {@code Connection: keep-alive}, or the body runs until the close (RFC 9112 §9.3).
     */
    boolean connectionClose() {
        return close;
    }

    /**
     * Consumes what {@code in} holds; returns true when a whole response has been read (bytes after it stay
     * in {@code in}). A malformed response throws {@link IllegalStateException}.
     */
    boolean feed(ByteBuf in) {
        while (true) {
            switch (state) {
                case STATUS -> {
                    int eol = in.forEachByte(ByteProcessor.FIND_LF);
                    if (eol < 0) {
                        return withinHeaderLimit(in.readableBytes());
                    }
                    statusLine(in, eol);
                }
                case HEADERS -> {
                    int eol = in.forEachByte(ByteProcessor.FIND_LF);
                    if (eol < 0) {
                        return withinHeaderLimit(headerBytes + in.readableBytes());
                    }
                    headerBytes += (long) eol + 1 - in.readerIndex();
                    withinHeaderLimit(headerBytes);
                    int start = in.readerIndex();
                    int end = eol > start && in.getByte(eol - 1) == '\r' ? eol - 1 : eol;
                    in.readerIndex(eol + 1);
                    if (end == start) {
                        if (headersEnded()) {
                            return done();
                        }
                    } else {
                        header(in, start, end);
                    }
                }
                case BODY -> {
                    int skip = (int) Math.min(remaining, in.readableBytes());
                    bodyBytes(in, skip);
                    remaining -= skip;
                    if (remaining > 0) {
                        return false;
                    }
                    return done();
                }
                case CHUNK_SIZE -> {
                    int eol = in.forEachByte(ByteProcessor.FIND_LF);
                    if (eol < 0) {
                        return false;
                    }
                    long size = chunkSize(in, in.readerIndex(), eol);
                    in.readerIndex(eol + 1);
                    remaining = size;
                    state = size == 0 ? State.TRAILERS : State.CHUNK_DATA;
                }
                case CHUNK_DATA -> {
                    int skip = (int) Math.min(remaining, in.readableBytes());
                    bodyBytes(in, skip);
                    remaining -= skip;
                    if (remaining > 0) {
                        return false;
                    }
                    state = State.CHUNK_CRLF;
                }
                case CHUNK_CRLF -> {
                    int eol = in.forEachByte(ByteProcessor.FIND_LF);
                    if (eol < 0) {
                        return false;
                    }
                    int extra = eol - in.readerIndex();
                    if (extra > 1 || (extra == 1 && in.getByte(in.readerIndex()) != '\r')) {
                        throw new IllegalStateException("chunk data longer than its chunk size");
                    }
                    in.readerIndex(eol + 1);
                    state = State.CHUNK_SIZE;
                }
                case TRAILERS -> {
                    int eol = in.forEachByte(ByteProcessor.FIND_LF);
                    if (eol < 0) {
                        return false;
                    }
                    boolean empty = eol == in.readerIndex()
                            || (eol == in.readerIndex() + 1 && in.getByte(in.readerIndex()) == '\r');
                    in.readerIndex(eol + 1);
                    if (empty) {
                        return done();
                    }
                }
                case UNTIL_CLOSE -> {
                    bodyBytes(in, in.readableBytes());
                    return false;
                }
            }
        }
    }

    /** Reads the status line ending at {@code eol} and starts a new response. */
    private void statusLine(ByteBuf in, int eol) {
        headerBytes = (long) eol + 1 - in.readerIndex();
        status = parseStatus(in, in.readerIndex(), eol);
        http10 = isHttp10(in, in.readerIndex(), eol);
        in.readerIndex(eol + 1);
        contentLength = -1;
        chunked = false;
        // an HTTP/1.0 connection closes after the response unless the server says keep-alive
        close = http10;
        bodyBytes = 0;
        if (body != null) {
            body.clear();
        }
        Arrays.fill(captured, null);
        state = State.HEADERS;
    }

    /**
     * Chooses how the body is framed once the headers have ended (RFC 9112 §6.3); true when the response has
     * no body at all (1xx, 204, 304).
     */
    private boolean headersEnded() {
        if (status / 100 == 1 || status == 204 || status == 304) {
            return true;
        }
        if (chunked) {
            state = State.CHUNK_SIZE;
        } else if (contentLength >= 0) {
            remaining = contentLength;
            state = State.BODY;
        } else {
            state = State.UNTIL_CLOSE;
            close = true;
        }
        return false;
    }

    /**
     * The size of a chunk from its size line (hex digits, then optionally {@code ;extensions}, spaces and CR);
     * a line without hex digits, with other characters after them, or over 15 digits is malformed.
     */
    private static long chunkSize(ByteBuf in, int from, int eol) {
        long size = 0;
        int i = from;
        while (i < eol) {
            int d = Character.digit((char) in.getByte(i), 16);
            if (d < 0) {
                break;
            }
            size = size * 16 + d;
            i++;
        }
        int digits = i - from;
        while (i < eol && (in.getByte(i) == ' ' || in.getByte(i) == '\t')) {
            i++;
        }
        boolean rest = i == eol || in.getByte(i) == ';' || (in.getByte(i) == '\r' && i == eol - 1);
        if (digits == 0 || digits > 15 || !rest) {
            throw new IllegalStateException("invalid chunk size '"
                    + in.toString(from, eol - from, StandardCharsets.ISO_8859_1).strip() + "'");
        }
        return size;
    }

    /** Ends a body that runs until the connection closes. */
    boolean closed() {
        if (state == State.UNTIL_CLOSE) {
            done();
            return true;
        }
        return false;
    }

    /**
     * False (more bytes are needed) while the status line and headers so far fit in {@link
     * #MAX_HEADER_BYTES}; beyond it the response is malformed: a client must not buffer without bound.
     */
    private static boolean withinHeaderLimit(long bytes) {
        if (bytes > MAX_HEADER_BYTES) {
            throw new IllegalStateException("response headers longer than " + MAX_HEADER_BYTES + " bytes");
        }
        return false;
    }

    /** Forgets a response cut short (its connection failed): the next exchange starts at a status line. */
    void reset() {
        state = State.STATUS;
        remaining = 0;
        headerBytes = 0;
    }

    private boolean done() {
        state = State.STATUS;
        return true;
    }

    /** Whether the status line from {@code start} speaks HTTP/1.0 (or older: 0.9 has no status line). */
    private static boolean isHttp10(ByteBuf in, int start, int eol) {
        return eol - start >= 8
                && in.getByte(start + 5) == '1'
                && in.getByte(start + 6) == '.'
                && in.getByte(start + 7) == '0';
    }

    private static int parseStatus(ByteBuf in, int start, int eol) {
        // "HTTP/1.1 200 OK": the three digits after the first space
        int space = -1;
        for (int i = start; i < eol; i++) {
            if (in.getByte(i) == ' ') {
                space = i;
                break;
            }
        }
        if (space < 0 || space + 3 >= eol + 1 || in.getByte(start) != 'H') {
            throw new IllegalStateException("not an HTTP response");
        }
        int code = 0;
        for (int i = space + 1; i < space + 4; i++) {
            int d = in.getByte(i) - '0';
            if (d < 0 || d > 9) {
                throw new IllegalStateException("malformed HTTP status line");
            }
            code = code * 10 + d;
        }
        return code;
    }

    private void header(ByteBuf in, int start, int end) {
        int colon = -1;
        for (int i = start; i < end; i++) {
            if (in.getByte(i) == ':') {
                colon = i;
                break;
            }
        }
        if (colon < 0) {
            return;
        }
        int valueStart = colon + 1;
        while (valueStart < end && in.getByte(valueStart) == ' ') {
            valueStart++;
        }
        if (nameIs(in, start, colon, "content-length")) {
            int valueEnd = end;
            while (valueEnd > valueStart && (in.getByte(valueEnd - 1) == ' ' || in.getByte(valueEnd - 1) == '\t')) {
                valueEnd--;
            }
            long v = 0;
            boolean valid = valueEnd > valueStart && valueEnd - valueStart <= 18;
            for (int i = valueStart; valid && i < valueEnd; i++) {
                int d = in.getByte(i) - '0';
                valid = d >= 0 && d <= 9;
                v = v * 10 + d;
            }
            if (!valid) {
                throw new IllegalStateException("invalid Content-Length '"
                        + in.toString(valueStart, valueEnd - valueStart, StandardCharsets.ISO_8859_1)
                        + "'");
            }
            contentLength = v;
        } else if (nameIs(in, start, colon, "transfer-encoding")) {
            chunked = valueContains(in, valueStart, end, "chunked");
        } else if (nameIs(in, start, colon, "connection")) {
            if (valueContains(in, valueStart, end, "close")) {
                close = true;
            } else if (http10 && valueContains(in, valueStart, end, "keep-alive")) {
                close = false;
            }
        }
        for (int i = 0; i < captureNames.length; i++) {
            if (nameIs(in, start, colon, captureNames[i])) {
                int valueEnd = end;
                while (valueEnd > valueStart && (in.getByte(valueEnd - 1) == ' ' || in.getByte(valueEnd - 1) == '\t')) {
                    valueEnd--;
                }
                String value = in.toString(valueStart, valueEnd - valueStart, StandardCharsets.ISO_8859_1);
                captured[i] = repeated(captureNames[i], captured[i], value);
            }
        }
    }

    /**
     * Header {@code lowerName}'s kept value once {@code value} follows {@code kept} (null: none before): a
     * repeated header is one list (RFC 9110 §5.3), but Set-Cookie's values hold commas: one a line.
     */
    static String repeated(String lowerName, String kept, String value) {
        return kept == null ? value : kept + (lowerName.equals("set-cookie") ? "\n" : ", ") + value;
    }

    private static boolean nameIs(ByteBuf in, int start, int end, String lowerName) {
        if (end - start != lowerName.length()) {
            return false;
        }
        for (int i = 0; i < lowerName.length(); i++) {
            if (lower(in.getByte(start + i)) != lowerName.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean valueContains(ByteBuf in, int start, int end, String lowerWord) {
        outer:
        for (int i = start; i + lowerWord.length() <= end; i++) {
            for (int k = 0; k < lowerWord.length(); k++) {
                if (lower(in.getByte(i + k)) != lowerWord.charAt(k)) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** ASCII lower case of one byte: header names and these values are ASCII, and this is a hot loop. */
    private static char lower(byte b) {
        return (char) (b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b & 0xff);
    }
}
