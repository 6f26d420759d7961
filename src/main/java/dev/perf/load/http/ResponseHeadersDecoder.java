package dev.perf.load.http;

import dev.perf.result.Printable;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersDecoder;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;

/**
 * The headers decoder of perf's HTTP/2 client, in Netty's frame reader: every field of a response's header block
 * is decoded ({@link HpackReader}) and checked, but the headers handed on hold only what perf reads — {@code
 * :status} and the headers the stream's exchange keeps — with the content length as a number. Netty's own
 * decoder made a headers object, an entry and a string per field (Huffman-decoded dates and server names a
 * load test never reads): 40 % of what the HTTP/2 path allocated a request. One per connection, loop thread only;
 * the headers it returns are one object, valid until the next block.
 *
 * <p>A response is malformed (a stream error, RFC 9113 §8.1.1) when a pseudo-header other than one {@code :status}
 * of three digits appears, or one after a regular header; a name holds an upper-case letter; a connection-specific
 * header appears ({@code connection}, {@code keep-alive}, {@code proxy-connection}, {@code transfer-encoding},
 * {@code upgrade}, a {@code te} other than {@code trailers}); {@code content-length} is not a number or repeated
 * with another; or the header list is larger than allowed ({@code SETTINGS_MAX_HEADER_LIST_SIZE}; a quarter more
 * is a connection error, as Netty's decoder does).
 */
final class ResponseHeadersDecoder
        implements Http2HeadersDecoder, Http2HeadersDecoder.Configuration, HpackReader.Fields {
    /** The names (lower case) of the headers whose values the exchange on a stream keeps. */
    interface Kept {
        String[] names(int streamId);
    }

    /** What a response's header block holds for perf: {@code :status}, the kept headers, the content length. */
    static final class Head extends DefaultHttp2Headers {
        /** The {@code content-length}, or -1 when the block has none. */
        long contentLength = -1;
        /** {@code :status}, held apart from the entries (none is made for it: size and iteration leave it out). */
        private CharSequence status;

        Head() {
            super(false);
        }

        @Override
        public CharSequence status() {
            return status;
        }

        @Override
        public Http2Headers status(CharSequence value) {
            status = value;
            return this;
        }

        @Override
        public Head clear() {
            super.clear();
            status = null;
            contentLength = -1;
            return this;
        }
    }

    private static final byte[] STATUS = bytes(":status");
    private static final byte[] CONTENT_LENGTH = bytes("content-length");
    private static final byte[] TE = bytes("te");
    private static final byte[] TRAILERS = bytes("trailers");
    private static final byte[][] CONNECTION_SPECIFIC = {
        bytes("connection"),
        bytes("keep-alive"),
        bytes("proxy-connection"),
        bytes("transfer-encoding"),
        bytes("upgrade")
    };
    /** Netty's default, which perf's client announces in its settings. */
    static final long DEFAULT_LIST_SIZE = 8192;

    private static final long DEFAULT_TABLE_SIZE = 4096;

    private final Kept kept;
    private final HpackReader hpack = new HpackReader(DEFAULT_TABLE_SIZE);
    private final Head head = new Head();
    private long maxListSize = DEFAULT_LIST_SIZE;
    private long maxListSizeGoAway = DEFAULT_LIST_SIZE + DEFAULT_LIST_SIZE / 4;

    // the block being decoded
    private String[] names;
    private long listSize;
    private boolean regular;
    private String malformed;

    ResponseHeadersDecoder(Kept kept) {
        this.kept = kept;
    }

    @Override
    public Http2Headers decodeHeaders(int streamId, ByteBuf block) throws Http2Exception {
        head.clear();
        names = kept.names(streamId);
        listSize = 0;
        regular = false;
        malformed = null;
        hpack.read(block, this);
        if (listSize > maxListSize) {
            malformed = "a header list of " + listSize + " bytes, above the " + maxListSize + " allowed";
        }
        if (malformed != null) {
            throw Http2Exception.streamError(
                    streamId, Http2Error.PROTOCOL_ERROR, "malformed response headers: %s", malformed);
        }
        return head;
    }

    @Override
    public void field(byte[] name, int nameLength, byte[] value, int valueLength) throws Http2Exception {
        listSize += nameLength + valueLength + 32L;
        if (listSize > maxListSizeGoAway) {
            throw Http2Exception.connectionError(
                    Http2Error.PROTOCOL_ERROR,
                    "a response header list above %d bytes (the limit is %d)",
                    maxListSizeGoAway,
                    maxListSize);
        }
        if (malformed != null) {
            return; // the rest is decoded for the table only
        }
        if (nameLength > 0 && name[0] == ':') {
            pseudo(name, nameLength, value, valueLength);
            return;
        }
        regular = true;
        for (int i = 0; i < nameLength; i++) {
            if (name[i] >= 'A' && name[i] <= 'Z') {
                malformed = "the upper-case header name " + text(name, nameLength);
                return;
            }
        }
        for (byte[] c : CONNECTION_SPECIFIC) {
            if (same(name, nameLength, c)) {
                malformed = "the connection-specific header " + text(name, nameLength);
                return;
            }
        }
        if (same(name, nameLength, TE) && !same(value, valueLength, TRAILERS)) {
            malformed = "te: " + text(value, valueLength);
            return;
        }
        if (same(name, nameLength, CONTENT_LENGTH)) {
            long length = number(value, valueLength);
            if (length < 0 || (head.contentLength >= 0 && head.contentLength != length)) {
                malformed = length < 0
                        ? "content-length: " + text(value, valueLength)
                        : "content-length " + head.contentLength + " and " + length;
                return;
            }
            head.contentLength = length;
        }
        for (String n : names) {
            if (named(n, name, nameLength)) {
                head.add(n, new AsciiString(value, 0, valueLength, true));
            }
        }
    }

    private void pseudo(byte[] name, int nameLength, byte[] value, int valueLength) {
        if (!same(name, nameLength, STATUS)) {
            malformed = "the pseudo-header " + text(name, nameLength) + " in a response";
        } else if (regular) {
            malformed = ":status after a regular header";
        } else if (head.status() != null) {
            malformed = "two :status";
        } else {
            long code = valueLength == 3 ? number(value, valueLength) : -1;
            if (code < 100) {
                malformed = ":status " + text(value, valueLength);
            } else {
                head.status(HttpResponseStatus.valueOf((int) code).codeAsText());
            }
        }
    }

    /** The decimal number {@code b} holds, or -1 when it is not one (or above 18 digits). */
    private static long number(byte[] b, int length) {
        if (length == 0 || length > 18) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < length; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return -1;
            }
            n = n * 10 + (b[i] - '0');
        }
        return n;
    }

    private static boolean same(byte[] b, int length, byte[] expected) {
        if (length != expected.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (b[i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean named(String n, byte[] b, int length) {
        if (n.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (n.charAt(i) != (b[i] & 0xff)) {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] b, int length) {
        return Printable.of(new String(b, 0, Math.min(length, 100), StandardCharsets.ISO_8859_1));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public Configuration configuration() {
        return this;
    }

    @Override
    public void maxHeaderTableSize(long max) {
        hpack.max(max);
    }

    @Override
    public long maxHeaderTableSize() {
        return hpack.max();
    }

    @Override
    public void maxHeaderListSize(long max, long goAwayMax) {
        maxListSize = max;
        maxListSizeGoAway = goAwayMax;
    }

    @Override
    public long maxHeaderListSize() {
        return maxListSize;
    }

    @Override
    public long maxHeaderListSizeGoAway() {
        return maxListSizeGoAway;
    }
}
