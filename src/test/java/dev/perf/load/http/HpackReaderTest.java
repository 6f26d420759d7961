package dev.perf.load.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link HpackReader} against Netty's HPACK encoder and decoder as the truth: seeded sequences of header blocks
 * (static-table names and values, new names, arbitrary octets, Huffman-coded or not, never-indexed fields, table
 * size updates down to 0 and evictions) decode to exactly what Netty's decoder reads, block after block on one
 * connection's table; mutated blocks are rejected exactly when Netty rejects them; and RFC 7541's own examples.
 */
class HpackReaderTest {
    @Test
    void readsEveryBlockAsNettysDecoderDoesOnOneConnection() throws Http2Exception {
        int blocks = 0;
        int fields = 0;
        for (int seed = 0; seed < 300; seed++) {
            Random r = new Random(seed);
            DefaultHttp2HeadersEncoder encoder = encoder(r);
            DefaultHttp2HeadersDecoder truth = new DefaultHttp2HeadersDecoder(false);
            HpackReader reader = new HpackReader(4096);
            List<String[]> recent = new ArrayList<>();
            for (int b = 0; b < 25; b++) {
                if (r.nextInt(10) == 0) {
                    encoder.configuration().maxHeaderTableSize(r.nextInt(5) == 0 ? 0 : r.nextInt(4097));
                }
                ByteBuf block = Unpooled.buffer();
                encoder.encodeHeaders(1, headers(r, recent), block);
                String hex = ByteBufUtil.hexDump(block);
                List<String> expected = list(truth.decodeHeaders(1, block.duplicate()));
                assertThat(read(reader, block))
                        .as("seed %d block %d: %s", seed, b, hex)
                        .isEqualTo(expected);
                blocks++;
                fields += expected.size();
            }
        }
        assertThat(blocks).isEqualTo(7500);
        assertThat(fields).isGreaterThan(30_000);
    }

    @Test
    void rejectsAMutatedBlockExactlyWhenNettyDoes() throws Http2Exception {
        int rejected = 0;
        int accepted = 0;
        for (int seed = 0; seed < 3000; seed++) {
            Random r = new Random(seed);
            ByteBuf block = Unpooled.buffer();
            encoder(r).encodeHeaders(1, headers(r, new ArrayList<>()), block);
            byte[] b = ByteBufUtil.getBytes(block);
            if (b.length == 0) {
                continue;
            }
            byte[] m = mutate(r, b);
            String truth;
            try {
                truth = list(new DefaultHttp2HeadersDecoder(false).decodeHeaders(1, Unpooled.wrappedBuffer(m)))
                        .toString();
            } catch (Http2Exception e) {
                truth = "rejected";
            }
            String ours;
            try {
                ours = pseudoFirst(read(new HpackReader(4096), Unpooled.wrappedBuffer(m)))
                        .toString();
            } catch (Http2Exception e) {
                ours = "rejected";
            }
            assertThat(ours).as("seed %d: %s", seed, ByteBufUtil.hexDump(m)).isEqualTo(truth);
            if (truth.equals("rejected")) {
                rejected++;
            } else {
                accepted++;
            }
        }
        assertThat(rejected).isGreaterThan(300);
        assertThat(accepted).isGreaterThan(300);
    }

    @Test
    void decodesTheRfcsHuffmanExamples() throws Http2Exception {
        // RFC 7541 C.4.1 and C.4.2: "www.example.com" and "no-cache"
        assertThat(huffman("f1e3c2e5f23a6ba0ab90f4ff")).isEqualTo("www.example.com");
        assertThat(huffman("a8eb10649cbf")).isEqualTo("no-cache");
        assertThat(huffman("25a849e95ba97d7f")).isEqualTo("custom-key");
    }

    @Test
    void refusesBadHuffmanPadding() {
        // "no-cache" padded with 8 more ones, then with a zero bit in its padding
        assertThatThrownBy(() -> huffman("a8eb10649cbfff")).hasMessageContaining("padding");
        assertThatThrownBy(() -> huffman("a8eb10649cbe")).hasMessageContaining("padding");
        // EOS itself (30 ones) followed by padding
        assertThatThrownBy(() -> huffman("ffffffff")).hasMessageContaining("EOS");
    }

    @Test
    void refusesWhatNoEncoderWrites() {
        // index 0; a dynamic index beyond the table; an integer over 2^31; a size update above the allowed,
        // and one after a field; a string longer than its block
        assertRejected("80", "index of 0");
        assertRejected("be", "beyond the 0 dynamic table entries");
        assertRejected("ffffffffff0f", "an integer above");
        assertRejected("3fe21f", "above the 4096 allowed");
        assertRejected("8820", "after a header field");
        assertRejected("400a" + "6162", "bytes in the");
        assertRejected("ff", "ends inside an integer");
    }

    @Test
    void evictsAsTheTableFills() throws Http2Exception {
        HpackReader reader = new HpackReader(4096);
        // a table of 64 bytes holds one entry of name 10 + value 10 (+32), not two
        ByteBuf block = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(
                "3f21" // size update to 64
                        + "400a" + hex("custom-ke1") + "0a" + hex("custom-va1")
                        + "400a" + hex("custom-ke2") + "0a" + hex("custom-va2")
                        + "be"));
        assertThat(read(reader, block))
                .containsExactly("custom-ke1: custom-va1", "custom-ke2: custom-va2", "custom-ke2: custom-va2");
        assertThatThrownBy(() -> read(reader, Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump("bf"))))
                .hasMessageContaining("beyond the 1 dynamic table entries");
    }

    private static void assertRejected(String hex, String message) {
        assertThatThrownBy(() -> read(new HpackReader(4096), Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex))))
                .isInstanceOf(Http2Exception.class)
                .hasMessageContaining(message);
    }

    private static String huffman(String hex) throws Http2Exception {
        byte[] in = ByteBufUtil.decodeHexDump(hex);
        byte[] out = new byte[in.length * 8 / 5 + 1];
        int n = HpackReader.huffman(Unpooled.wrappedBuffer(in), 0, in.length, out);
        return new String(out, 0, n, StandardCharsets.ISO_8859_1);
    }

    private static String hex(String s) {
        return ByteBufUtil.hexDump(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static DefaultHttp2HeadersEncoder encoder(Random r) {
        boolean sensitive = r.nextInt(4) == 0;
        return new DefaultHttp2HeadersEncoder(
                (name, value) -> sensitive && value.length() % 2 == 0, true, 16, r.nextBoolean() ? 0 : r.nextInt(40));
    }

    /** A response's headers: sometimes a :status first, then names old and new with values of any octets. */
    private static Http2Headers headers(Random r, List<String[]> recent) {
        Http2Headers h = new DefaultHttp2Headers(false);
        if (r.nextBoolean()) {
            h.status(String.valueOf(new int[] {200, 204, 304, 404, 500, 201, 302}[r.nextInt(7)]));
        }
        int n = r.nextInt(12);
        for (int i = 0; i < n; i++) {
            String[] field;
            int kind = r.nextInt(6);
            if (kind == 0 && !recent.isEmpty()) {
                field = recent.get(r.nextInt(recent.size())); // again: from the dynamic table
            } else if (kind == 1) {
                field = new String[] {"accept-encoding", "gzip, deflate"};
            } else {
                String name =
                        kind == 2 ? "x-" + word(r, 1 + r.nextInt(20)) : HpackReader.staticName(15 + r.nextInt(47));
                field = new String[] {name, value(r)};
            }
            recent.add(field);
            if (recent.size() > 40) {
                recent.remove(0);
            }
            h.add(new AsciiString(field[0]), new AsciiString(field[1].getBytes(StandardCharsets.ISO_8859_1)));
        }
        return h;
    }

    private static String value(Random r) {
        int kind = r.nextInt(5);
        int length = kind == 0 ? 0 : kind == 1 ? 100 + r.nextInt(300) : r.nextInt(40);
        if (r.nextInt(4) == 0) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < length; i++) {
                s.append((char) r.nextInt(256)); // any octet
            }
            return s.toString();
        }
        return word(r, length);
    }

    private static String word(Random r, int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-_.:/;=, ABCXYZ\"'%~";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(r.nextInt(i == 0 ? 26 : alphabet.length())));
        }
        return s.toString();
    }

    private static byte[] mutate(Random r, byte[] b) {
        byte[] m;
        switch (r.nextInt(4)) {
            case 0 -> m = java.util.Arrays.copyOf(b, r.nextInt(b.length)); // cut
            case 1 -> {
                m = b.clone();
                m[r.nextInt(m.length)] ^= (byte) (1 << r.nextInt(8)); // one bit flipped
            }
            case 2 -> {
                m = b.clone();
                m[r.nextInt(m.length)] = (byte) r.nextInt(256); // one octet replaced
            }
            default -> {
                m = java.util.Arrays.copyOf(b, b.length + 1 + r.nextInt(3)); // octets appended
                for (int i = b.length; i < m.length; i++) {
                    m[i] = (byte) r.nextInt(256);
                }
            }
        }
        return m;
    }

    private static List<String> read(HpackReader reader, ByteBuf block) throws Http2Exception {
        List<String> out = new ArrayList<>();
        reader.read(
                block,
                (name, nameLength, value, valueLength) ->
                        out.add(new String(name, 0, nameLength, StandardCharsets.ISO_8859_1) + ": "
                                + new String(value, 0, valueLength, StandardCharsets.ISO_8859_1)));
        return out;
    }

    /** The fields as Netty's headers object holds them: pseudo-headers first, each part in block order. */
    private static List<String> pseudoFirst(List<String> fields) {
        List<String> out =
                new ArrayList<>(fields.stream().filter(f -> f.startsWith(":")).toList());
        out.addAll(fields.stream().filter(f -> !f.startsWith(":")).toList());
        return out;
    }

    private static List<String> list(Http2Headers headers) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<CharSequence, CharSequence> e : headers) {
            out.add(e.getKey() + ": " + e.getValue());
        }
        return out;
    }
}
