package dev.perf.load.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.management.ThreadMXBean;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersDecoder;
import io.netty.handler.codec.http2.Http2HeadersEncoder;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The response headers perf's HTTP/2 client hands on: :status, the kept headers and the content length only,
 * every malformed response refused as a stream error (the table still decoded, so the next block reads right),
 * and a block decoded without allocating.
 */
class ResponseHeadersDecoderTest {
    private final Http2HeadersEncoder encoder =
            new DefaultHttp2HeadersEncoder(Http2HeadersEncoder.NEVER_SENSITIVE, true, 16, 0);

    @Test
    void keepsTheStatusTheLengthAndOnlyTheHeadersTheStreamKeeps() throws Http2Exception {
        ResponseHeadersDecoder d =
                new ResponseHeadersDecoder(id -> id == 3 ? new String[] {"etag", "set-cookie"} : new String[0]);
        Http2Headers h = d.decodeHeaders(1, block(nginx().add("set-cookie", "a=1")));
        assertThat(h.status()).hasToString("200");
        assertThat(h.size()).as(":status held apart from the entries").isZero();
        assertThat(((ResponseHeadersDecoder.Head) h).contentLength).isEqualTo(615);

        h = d.decodeHeaders(3, block(nginx().add("set-cookie", "a=1").add("set-cookie", "b=2")));
        assertThat(h.size()).isEqualTo(3);
        assertThat(h.get("etag")).hasToString("\"65d2a1b0-267\"");
        assertThat(h.getAll("set-cookie")).map(Object::toString).containsExactly("a=1", "b=2");

        h = d.decodeHeaders(5, block(new DefaultHttp2Headers().status("404")));
        assertThat(h.status()).hasToString("404");
        assertThat(((ResponseHeadersDecoder.Head) h).contentLength).isEqualTo(-1);
    }

    @Test
    void refusesAMalformedResponseAndStillReadsTheNextBlock() throws Http2Exception {
        List<Object[]> malformed = List.of(
                new Object[] {nginx().add("Server-Timing", "x"), "the upper-case header name Server-Timing"},
                new Object[] {nginx().add("connection", "keep-alive"), "the connection-specific header connection"},
                new Object[] {
                    nginx().add("transfer-encoding", "chunked"), "the connection-specific header transfer-encoding"
                },
                new Object[] {nginx().add("te", "gzip"), "te: gzip"},
                new Object[] {nginx().add("te", "100%"), "te: 100%"},
                new Object[] {nginx().add("content-length", "616"), "content-length 615 and 616"},
                new Object[] {nginx().set("content-length", "6x"), "content-length: 6x"},
                new Object[] {nginx().set("content-length", ""), "content-length: "},
                new Object[] {nginx().add(":path", "/"), "the pseudo-header :path in a response"},
                new Object[] {nginx().status("2000"), ":status 2000"},
                new Object[] {nginx().status("20x"), ":status 20x"},
                new Object[] {nginx().status("099"), ":status 099"},
                new Object[] {
                    nginx().add("x-big", "v".repeat(7_900)), "a header list of 8370 bytes, above the 8192 allowed"
                });
        for (Object[] m : malformed) {
            ResponseHeadersDecoder d = new ResponseHeadersDecoder(id -> new String[0]);
            Http2HeadersEncoder e = new DefaultHttp2HeadersEncoder(Http2HeadersEncoder.NEVER_SENSITIVE, true, 16, 0);
            assertThatThrownBy(() -> d.decodeHeaders(1, block(e, (Http2Headers) m[0])))
                    .as("%s", m[1])
                    .isInstanceOf(Http2Exception.StreamException.class)
                    .hasMessage("malformed response headers: " + m[1]);
            // the server's table holds what the refused block added: the next one refers to it
            Http2Headers next = d.decodeHeaders(3, block(e, nginx()));
            assertThat(next.status()).as("%s", m[1]).hasToString("200");
            assertThat(((ResponseHeadersDecoder.Head) next).contentLength).isEqualTo(615);
        }
        ResponseHeadersDecoder d = new ResponseHeadersDecoder(id -> new String[0]);
        assertThatThrownBy(() -> d.decodeHeaders(1, block(nginx().add("x-big", "v".repeat(11_000)))))
                .isInstanceOf(Http2Exception.class)
                .isNotInstanceOf(Http2Exception.StreamException.class)
                .hasMessageContaining("above 10240 bytes");
    }

    @Test
    void refusesPseudoHeadersInTheWrongPlace() {
        // written by hand: Netty's headers object always puts pseudo-headers first
        ResponseHeadersDecoder d = new ResponseHeadersDecoder(id -> new String[0]);
        // server: (static 54, literal value "x") then :status 200 (static 8); then :status twice
        assertThatThrownBy(
                        () -> d.decodeHeaders(1, Unpooled.wrappedBuffer(new byte[] {0x0f, 0x27, 1, 'x', (byte) 0x88})))
                .hasMessageContaining(":status after a regular header");
        assertThatThrownBy(() -> d.decodeHeaders(1, Unpooled.wrappedBuffer(new byte[] {(byte) 0x88, (byte) 0x8d})))
                .hasMessageContaining("two :status");
    }

    @Test
    void decodesWithoutAllocatingWhatNettysDecoderAllocates() throws Http2Exception {
        ResponseHeadersDecoder ours = new ResponseHeadersDecoder(id -> new String[0]);
        DefaultHttp2HeadersDecoder netty = new DefaultHttp2HeadersDecoder(true);
        ByteBuf first = block(nginx());
        ByteBuf next = block(nginx()); // the second block refers to the table the first filled
        ours.decodeHeaders(1, first.duplicate());
        netty.decodeHeaders(1, first.duplicate());
        long oursBytes = allocated(ours, next);
        long nettyBytes = allocated(netty, next);
        // one entry for :status (about 40 B); Netty's decoder makes a headers object, entries and strings
        assertThat(oursBytes)
                .as("ours %d B a block, Netty's %d", oursBytes, nettyBytes)
                .isLessThan(64);
        assertThat(nettyBytes).isGreaterThan(5 * oursBytes);
    }

    private static long allocated(Http2HeadersDecoder d, ByteBuf block) throws Http2Exception {
        ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            d.decodeHeaders(1, block.readerIndex(0)); // warm
        }
        long before = mx.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < n; i++) {
            d.decodeHeaders(1, block.readerIndex(0));
        }
        return (mx.getCurrentThreadAllocatedBytes() - before) / n;
    }

    /** What nginx answers a GET of its index page. */
    private static Http2Headers nginx() {
        return new DefaultHttp2Headers(false)
                .status("200")
                .add("server", "nginx/1.22.1")
                .add("date", "Tue, 08 Dec 2026 02:40:00 GMT")
                .add("content-type", "text/html")
                .add("content-length", "615")
                .add("last-modified", "Sun, 18 Feb 2024 22:06:40 GMT")
                .add("etag", "\"65d2a1b0-267\"")
                .add("accept-ranges", "bytes");
    }

    private ByteBuf block(Http2Headers h) throws Http2Exception {
        return block(encoder, h);
    }

    private static ByteBuf block(Http2HeadersEncoder e, Http2Headers h) throws Http2Exception {
        ByteBuf b = Unpooled.buffer();
        e.encodeHeaders(1, h, b);
        return b;
    }
}
