package dev.perf.load.http;

import dev.perf.result.PerfException;
import dev.perf.suite.HttpTarget;
import dev.perf.suite.Placeholders;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * An http target's request with its placeholders compiled: literals (and {@code ${env.X}}, read once here)
 * as bytes, the rest drawn from the operation's global index and the suite's seed, so that every run and
 * every shard sends the same request for the same index. Writing a request allocates nothing: digits, UUIDs
 * and data cells go straight into the buffer. Immutable, thread-safe.
 */
final class RequestTemplate {
    private static final int LITERAL = 0;
    private static final int SEQ = 1;
    private static final int RANDOM = 2;
    private static final int UUID = 3;
    private static final int DATA = 4;

    /** One compiled piece: a literal, or what a placeholder draws (its ordinal keeps two draws apart). */
    private static final class Seg {
        final int kind;
        final byte[] bytes;
        final long lo;
        final long hi;
        final int ordinal;
        final DataTable table;
        final int column;

        Seg(int kind, byte[] bytes, long lo, long hi, int ordinal, DataTable table, int column) {
            this.kind = kind;
            this.bytes = bytes;
            this.lo = lo;
            this.hi = hi;
            this.ordinal = ordinal;
            this.table = table;
            this.column = column;
        }
    }

    private final String method;
    private final String authority;
    private final Seg[] path;
    private final String[] headerNames;
    private final Seg[][] headerValues;
    private final Seg[] body;
    private final boolean close;
    private final long seed;
    private final boolean fixed;

    /**
     * Compiles {@code http}'s request to {@code uri} (its {@code {demo-server}} resolved); {@code where} names
     * the loop in bad input, {@code env} gives {@code ${env.NAME}}'s value (null: not set).
     */
    RequestTemplate(
            String where, HttpTarget http, URI uri, Map<String, DataTable> data, UnaryOperator<String> env, long seed) {
        Compiler c = new Compiler(where, data, env);
        this.method = http.method();
        this.authority = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        String url = http.url();
        int slash = url.indexOf('/', url.indexOf("//") + 2);
        String rest = slash < 0 ? "/" : url.substring(slash);
        int hash = rest.indexOf('#');
        this.path = c.compile("http.url", hash < 0 ? rest : rest.substring(0, hash));
        Map<String, String> headers = new LinkedHashMap<>(http.headers());
        this.headerNames = headers.keySet().toArray(new String[0]);
        this.headerValues = new Seg[headerNames.length][];
        for (int i = 0; i < headerNames.length; i++) {
            headerValues[i] = c.compile("http.headers." + headerNames[i], headers.get(headerNames[i]));
        }
        this.body = c.compile("http.body", http.body());
        this.close = !http.keepAlive();
        this.seed = seed;
        this.fixed = c.draws == 0;
    }

    /** Whether every request is the same (no placeholder but {@code ${env}}): it can be encoded once. */
    boolean fixed() {
        return fixed;
    }

    String method() {
        return method;
    }

    /** {@code host[:port]} as the URL gives it: the Host header and HTTP/2's {@code :authority}. */
    String authority() {
        return authority;
    }

    /** Writes the HTTP/1.1 request of operation {@code seq} into {@code out}. */
    void writeHttp1(long seq, ByteBuf out) {
        ascii(out, method);
        out.writeByte(' ');
        write(path, seq, out);
        ascii(out, " HTTP/1.1\r\nHost: ");
        ascii(out, authority);
        ascii(out, "\r\n");
        for (int i = 0; i < headerNames.length; i++) {
            ascii(out, headerNames[i]);
            ascii(out, ": ");
            write(headerValues[i], seq, out);
            ascii(out, "\r\n");
        }
        if (close) {
            ascii(out, "Connection: close\r\n");
        }
        long length = length(body, seq);
        if (length > 0 || !(method.equals("GET") || method.equals("HEAD"))) {
            ascii(out, "Content-Length: ");
            digits(out, length);
            ascii(out, "\r\n");
        }
        ascii(out, "\r\n");
        write(body, seq, out);
    }

    /** The path and query of operation {@code seq} (HTTP/2's {@code :path}). */
    String path(long seq) {
        return render(path, seq);
    }

    int headers() {
        return headerNames.length;
    }

    String headerName(int i) {
        return headerNames[i];
    }

    String headerValue(int i, long seq) {
        return render(headerValues[i], seq);
    }

    /** The body's length for operation {@code seq}, bytes. */
    long bodyLength(long seq) {
        return length(body, seq);
    }

    /** Writes the body of operation {@code seq}. */
    void writeBody(long seq, ByteBuf out) {
        write(body, seq, out);
    }

    private String render(Seg[] segs, long seq) {
        if (segs.length == 1 && segs[0].kind == LITERAL) {
            return new String(segs[0].bytes, StandardCharsets.UTF_8);
        }
        ByteBuf scratch = Unpooled.buffer((int) Math.min(1 << 16, length(segs, seq)));
        write(segs, seq, scratch);
        return scratch.toString(StandardCharsets.UTF_8);
    }

    private long length(Seg[] segs, long seq) {
        long n = 0;
        for (Seg s : segs) {
            n += switch (s.kind) {
                case LITERAL -> s.bytes.length;
                case SEQ -> digitCount(seq);
                case RANDOM -> digitCount(random(s, seq));
                case UUID -> 36;
                default -> s.table.cell(seq, s.column).length;
            };
        }
        return n;
    }

    private void write(Seg[] segs, long seq, ByteBuf out) {
        for (Seg s : segs) {
            switch (s.kind) {
                case LITERAL -> out.writeBytes(s.bytes);
                case SEQ -> digits(out, seq);
                case RANDOM -> digits(out, random(s, seq));
                case UUID -> uuid(out, mix(seed, seq, s.ordinal), mix(seed, seq, s.ordinal + 0x10000));
                default -> out.writeBytes(s.table.cell(seq, s.column));
            }
        }
    }

    private long random(Seg s, long seq) {
        long span = s.hi - s.lo + 1;
        return s.lo + (span <= 0 ? mix(seed, seq, s.ordinal) : Long.remainderUnsigned(mix(seed, seq, s.ordinal), span));
    }

    /** A 64-bit draw from the seed, the index and the placeholder's ordinal (SplitMix64's finaliser). */
    static long mix(long seed, long seq, int ordinal) {
        long z = seed + seq * 0x9E3779B97F4A7C15L + (ordinal + 1L) * 0xD1B54A32D192ED03L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /** A version-4 UUID from two draws, in its 8-4-4-4-12 hex form. */
    static void uuid(ByteBuf out, long hi, long lo) {
        hi = (hi & ~0xF000L) | 0x4000L;
        lo = (lo & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        hex(out, hi >>> 32, 8);
        out.writeByte('-');
        hex(out, hi >>> 16, 4);
        out.writeByte('-');
        hex(out, hi, 4);
        out.writeByte('-');
        hex(out, lo >>> 48, 4);
        out.writeByte('-');
        hex(out, lo, 12);
    }

    private static void hex(ByteBuf out, long v, int digits) {
        for (int i = digits - 1; i >= 0; i--) {
            out.writeByte(HEX[(int) (v >>> (4 * i)) & 0xF]);
        }
    }

    static int digitCount(long v) {
        if (v < 0) {
            return v == Long.MIN_VALUE ? 20 : 1 + digitCount(-v);
        }
        int n = 1;
        while (v >= 10) {
            v /= 10;
            n++;
        }
        return n;
    }

    /** Writes {@code v} in decimal without a String. */
    static void digits(ByteBuf out, long v) {
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                ascii(out, "-9223372036854775808");
                return;
            }
            out.writeByte('-');
            v = -v;
        }
        int n = digitCount(v);
        int at = out.writerIndex();
        out.ensureWritable(n);
        for (int i = n - 1; i >= 0; i--) {
            out.setByte(at + i, (int) ('0' + v % 10));
            v /= 10;
        }
        out.writerIndex(at + n);
    }

    private static void ascii(ByteBuf out, String s) {
        out.writeCharSequence(s, StandardCharsets.US_ASCII);
    }

    /** Compiles texts to segments, numbering the draws and checking data names and columns. */
    private static final class Compiler {
        private final String where;
        private final Map<String, DataTable> data;
        private final UnaryOperator<String> env;
        private int draws;

        Compiler(String where, Map<String, DataTable> data, UnaryOperator<String> env) {
            this.where = where;
            this.data = data;
            this.env = env;
        }

        Seg[] compile(String key, String text) {
            List<Seg> out = new ArrayList<>();
            StringBuilder literal = new StringBuilder();
            for (Placeholders.Part p : Placeholders.parse(text, where + ": " + key)) {
                if (p instanceof Placeholders.Literal l) {
                    literal.append(l.text());
                    continue;
                }
                if (p instanceof Placeholders.Env e) {
                    String value = env.apply(e.name());
                    if (value == null) {
                        throw PerfException.badInput(where + ": " + key + ": ${env." + e.name()
                                + "}: the environment variable " + e.name() + " is not set; export it before the run");
                    }
                    literal.append(value);
                    continue;
                }
                if (literal.length() > 0) {
                    out.add(lit(literal.toString()));
                    literal.setLength(0);
                }
                draws++;
                if (p instanceof Placeholders.Seq) {
                    out.add(new Seg(SEQ, null, 0, 0, 0, null, 0));
                } else if (p instanceof Placeholders.Random r) {
                    out.add(new Seg(RANDOM, null, r.lo(), r.hi(), draws, null, 0));
                } else if (p instanceof Placeholders.Uuid) {
                    out.add(new Seg(UUID, null, 0, 0, draws, null, 0));
                } else {
                    out.add(data(key, (Placeholders.Data) p));
                }
            }
            if (literal.length() > 0) {
                out.add(lit(literal.toString()));
            }
            return out.toArray(new Seg[0]);
        }

        private Seg data(String key, Placeholders.Data d) {
            DataTable table = data.get(d.name());
            if (table == null) {
                throw PerfException.badInput(where + ": " + key + ": ${data." + d.name() + "." + d.column()
                        + "}: no data named '" + d.name() + "'"
                        + (data.isEmpty()
                                ? "; define it: data: { " + d.name() + ": { csv: FILE } }"
                                : "; the loop's data: " + String.join(", ", data.keySet())));
            }
            return new Seg(DATA, null, 0, 0, 0, table, table.column(where + ": " + key, d.column()));
        }

        private static Seg lit(String text) {
            return new Seg(LITERAL, text.getBytes(StandardCharsets.UTF_8), 0, 0, 0, null, 0);
        }
    }
}
