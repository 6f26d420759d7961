package dev.perf.load.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpResponseParserTest {
    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }

    @Test
    void contentLength_bodyIsSkippedAndTheNextResponseStaysInTheBuffer() {
        HttpResponseParser p = new HttpResponseParser();
        ByteBuf in = bytes(
                "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloHTTP/1.1 503 Busy\r\ncontent-length: 0\r\n\r\n");
        assertThat(p.feed(in)).isTrue();
        assertThat(p.status()).isEqualTo(200);
        assertThat(p.feed(in)).isTrue();
        assertThat(p.status()).isEqualTo(503);
        assertThat(in.isReadable()).isFalse();
    }

    @Test
    void everySplitPoint_givesTheSameResult() {
        String response = "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + "4;ext=1\r\nWiki\r\n5\r\npedia\r\n0\r\nX-Trailer: t\r\n\r\n";
        for (int split = 1; split < response.length(); split++) {
            HttpResponseParser p = new HttpResponseParser();
            ByteBuf first = bytes(response.substring(0, split));
            boolean done = p.feed(first);
            ByteBuf rest = Unpooled.buffer().writeBytes(first).writeBytes(bytes(response.substring(split)));
            done = done || p.feed(rest);
            assertThat(done).as("split at %d", split).isTrue();
            assertThat(p.status()).isEqualTo(201);
            assertThat(p.connectionClose()).isTrue();
        }
    }

    @Test
    void noContentAndUntilClose() {
        HttpResponseParser p = new HttpResponseParser();
        assertThat(p.feed(bytes("HTTP/1.1 204 No Content\r\n\r\n"))).isTrue();
        HttpResponseParser q = new HttpResponseParser();
        assertThat(q.feed(bytes("HTTP/1.0 200 OK\r\n\r\nbody without length"))).isFalse();
        assertThat(q.closed()).isTrue();
        assertThat(q.status()).isEqualTo(200);
    }

    @Test
    void persistence_followsTheVersionAndTheConnectionHeader() {
        // RFC 9112 §9.3: close when said; else HTTP/1.1 persists, HTTP/1.0 persists only when it says keep-alive
        String[][] cases = {
            {"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", "false"},
            {"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", "true"},
            {"HTTP/1.1 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n", "false"},
            {"HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", "true"},
            {"HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n", "false"},
            {"HTTP/1.0 200 OK\r\nconnection: Keep-Alive, close\r\nContent-Length: 0\r\n\r\n", "true"},
            {"HTTP/1.0 204 No Content\r\n\r\n", "true"},
            {"HTTP/1.1 204 No Content\r\n\r\n", "false"},
        };
        for (String[] c : cases) {
            HttpResponseParser p = new HttpResponseParser();
            assertThat(p.feed(bytes(c[0]))).as(c[0]).isTrue();
            assertThat(p.connectionClose()).as(c[0]).isEqualTo(Boolean.parseBoolean(c[1]));
        }
        // a keep-alive HTTP/1.0 answer followed by a plain one on the same parser: each judged on its own
        HttpResponseParser p = new HttpResponseParser();
        ByteBuf two = bytes("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n"
                + "HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n");
        assertThat(p.feed(two)).isTrue();
        assertThat(p.connectionClose()).isFalse();
        assertThat(p.feed(two)).isTrue();
        assertThat(p.connectionClose()).isTrue();
    }

    @Test
    void garbage_isRejected() {
        assertThatThrownBy(() -> new HttpResponseParser().feed(bytes("SSH-2.0-OpenSSH\r\n")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void requestEncoding_addsHostAndContentLength() {
        dev.perf.suite.HttpTarget target = new dev.perf.suite.HttpTarget(
                "http://127.0.0.1:8080/a/b?q=1", "POST", java.util.Map.of("X-Test", "1"), "{}", null, null);
        io.netty.buffer.ByteBuf out = io.netty.buffer.Unpooled.buffer();
        HttpSetup.of(target).template().writeHttp1(0, out);
        String req = out.toString(StandardCharsets.US_ASCII);
        assertThat(req)
                .isEqualTo(
                        "POST /a/b?q=1 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nX-Test: 1\r\nContent-Length: 2\r\n\r\n{}");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {
                "HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\n|invalid Content-Length 'abc'",
                "HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\n|invalid Content-Length '-5'",
                "HTTP/1.1 200 OK\r\nContent-Length: 12abc\r\n\r\n|invalid Content-Length '12abc'",
                "HTTP/1.1 200 OK\r\nContent-Length: \r\n\r\n|invalid Content-Length ''",
                "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n|invalid Content-Length",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n|invalid chunk size 'zz'",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5x\r\nhello\r\n0\r\n\r\n|invalid chunk size '5x'",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\r\n|invalid chunk size ''",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhello\r\n0\r\n\r\n|chunk data longer",
            })
    void malformedLengthsAndChunks_areRejectedWithTheReason(String responseAndMessage) {
        String[] parts = responseAndMessage.split("\\|");
        assertThatThrownBy(() -> new HttpResponseParser().feed(bytes(parts[0])))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(parts[1]);
    }

    @Test
    void wellFormedChunks_withExtensionsAndSpaces_areAccepted() {
        HttpResponseParser p = new HttpResponseParser();
        assertThat(p.feed(bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 10 \r\n\r\n"
                        + "5;name=v\r\nhello\r\n0\r\n\r\n")))
                .isTrue();
    }
}
