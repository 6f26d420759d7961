package dev.perf.load.http;

import dev.perf.load.schedule.Draw;
import dev.perf.result.PerfException;
import dev.perf.suite.HttpTarget;
import dev.perf.suite.Placeholders;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
    /** A scenario variable: the session's value in slot {@code column}. */
    private static final int VAR = 5;

    /** Where a variable's value goes: the body as it is, the URL percent-encoded, a header on one line. */
    private static final int IN_BODY = 0;

    private static final int IN_URL = 1;
    private static final int IN_HEADER = 2;

    /** One compiled piece: a literal, or what a placeholder draws (its ordinal keeps two draws apart). */
    private static final class Seg {
        final int kind;
        final byte[] bytes;
        final long lo;
        final long hi;
        final int ordinal;
        final DataTable table;
        final int column;
        /** For a variable: where it goes ({@link #IN_URL}, {@link #IN_HEADER}, {@link #IN_BODY}). */
        final int place;

        Seg(int kind, byte[] bytes, long lo, long hi, int ordinal, DataTable table, int column, int place) {
            this.kind = kind;
            this.bytes = bytes;
            this.lo = lo;
            this.hi = hi;
            this.ordinal = ordinal;
            this.table = table;
            this.column = column;
            this.place = place;
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
    /** Whether the body reads a session variable: its length is then known only once it is written. */
    private final boolean bodyReadsVars;

    /**
     * Compiles {@code http}'s request to {@code uri} (its {@code {demo-server}} resolved); {@code where} names
     * the loop in bad input, {@code env} gives {@code ${env.NAME}}'s value (null: not set), {@code vars} are a
     * scenario session's variables by slot (empty for a single request).
     */
    RequestTemplate(
            String where,
            HttpTarget http,
            URI uri,
            Map<String, DataTable> data,
            UnaryOperator<String> env,
            long seed,
            List<String> vars) {
        Compiler c = new Compiler(where, data, env, vars);
        this.method = http.method();
        this.authority = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        String url = http.url();
        int slash = url.indexOf('/', url.indexOf("//") + 2);
        String rest = slash < 0 ? "/" : url.substring(slash);
        int hash = rest.indexOf('#');
        this.path = c.compile("http.url", hash < 0 ? rest : rest.substring(0, hash), IN_URL);
        Map<String, String> headers = new LinkedHashMap<>(http.headers());
        this.headerNames = headers.keySet().toArray(new String[0]);
        this.headerValues = new Seg[headerNames.length][];
        for (int i = 0; i < headerNames.length; i++) {
            headerValues[i] = c.compile("http.headers." + headerNames[i], headers.get(headerNames[i]), IN_HEADER);
        }
        this.body = c.compile("http.body", http.body(), IN_BODY);
        this.close = !http.keepAlive();
        this.seed = seed;
        this.fixed = c.draws == 0;
        this.bodyReadsVars = Arrays.stream(body).anyMatch(seg -> seg.kind == VAR);
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
        writeHttp1(seq, null, null, out);
    }

    /**
     * Writes the HTTP/1.1 request of operation {@code seq} into {@code out}, its variables read from {@code vars}
     * (by slot; null when it has none) and with a {@code Cookie} header of {@code cookies} when that is not
     * empty. A variable that is not set, or whose value cannot stand in a header, is an {@link
     * IllegalArgumentException} naming it.
     */
    void writeHttp1(long seq, String[] vars, String cookies, ByteBuf out) {
        ascii(out, method);
        out.writeByte(' ');
        write(path, seq, vars, out);
        ascii(out, " HTTP/1.1\r\nHost: ");
        ascii(out, authority);
        ascii(out, "\r\n");
        for (int i = 0; i < headerNames.length; i++) {
            ascii(out, headerNames[i]);
            ascii(out, ": ");
            write(headerValues[i], seq, vars, out);
            ascii(out, "\r\n");
        }
        if (cookies != null && !cookies.isEmpty()) {
            ascii(out, "Cookie: ");
            ascii(out, cookies);
            ascii(out, "\r\n");
        }
        if (close) {
            ascii(out, "Connection: close\r\n");
        }
        ByteBuf scratch = null;
        long length;
        if (vars == null || !bodyReadsVars) {
            length = length(body, seq);
        } else {
            // a variable's length is known once it is encoded: the body is written first, then its length
            scratch = Unpooled.buffer(256);
            write(body, seq, vars, scratch);
            length = scratch.readableBytes();
        }
        if (length > 0 || !(method.equals("GET") || method.equals("HEAD"))) {
            ascii(out, "Content-Length: ");
            digits(out, length);
            ascii(out, "\r\n");
        }
        ascii(out, "\r\n");
        if (scratch == null) {
            write(body, seq, vars, out);
        } else {
            out.writeBytes(scratch);
        }
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
        write(body, seq, null, out);
    }

    private String render(Seg[] segs, long seq) {
        if (segs.length == 1 && segs[0].kind == LITERAL) {
            return new String(segs[0].bytes, StandardCharsets.UTF_8);
        }
        ByteBuf scratch = Unpooled.buffer((int) Math.min(1 << 16, length(segs, seq)));
        write(segs, seq, null, scratch);
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
                case VAR -> throw new IllegalStateException("a variable's length is known when it is written");
                default -> s.table.cell(seq, s.column).length;
            };
        }
        return n;
    }

    private void write(Seg[] segs, long seq, String[] vars, ByteBuf out) {
        for (Seg s : segs) {
            switch (s.kind) {
                case LITERAL -> out.writeBytes(s.bytes);
                case SEQ -> digits(out, seq);
                case RANDOM -> digits(out, random(s, seq));
                case UUID -> uuid(out, mix(seed, seq, s.ordinal), mix(seed, seq, s.ordinal + 0x10000));
                case VAR -> variable(s, vars, out);
                default -> out.writeBytes(s.table.cell(seq, s.column));
            }
        }
    }

    /** A variable segment's name, for a message (its bytes hold it). */
    private static String variableName(Seg s) {
        return new String(s.bytes, StandardCharsets.UTF_8);
    }

    /** Writes a session variable where {@code s} places it: encoded in the URL, checked in a header. */
    private static void variable(Seg s, String[] vars, ByteBuf out) {
        String value = vars == null ? null : vars[s.column];
        if (value == null) {
            throw new IllegalArgumentException("${" + variableName(s) + "} is not set in this session");
        }
        switch (s.place) {
            case IN_URL -> out.writeCharSequence(UrlText.encode(value), StandardCharsets.US_ASCII);
            case IN_HEADER -> {
                for (int i = 0; i < value.length(); i++) {
                    char c = value.charAt(i);
                    if ((c < 0x20 && c != '\t') || c >= 0x7f) {
                        throw new IllegalArgumentException("${" + variableName(s) + "} holds "
                                + (c == '\r' || c == '\n' ? "a line break" : "a character that is not ASCII text")
                                + " and cannot go in a header");
                    }
                }
                ascii(out, value);
            }
            default -> out.writeCharSequence(value, StandardCharsets.UTF_8);
        }
    }

    private long random(Seg s, long seq) {
        long span = s.hi - s.lo + 1;
        return s.lo + (span <= 0 ? mix(seed, seq, s.ordinal) : Long.remainderUnsigned(mix(seed, seq, s.ordinal), span));
    }

    /** A 64-bit draw from the seed, the index and the placeholder's ordinal. */
    static long mix(long seed, long seq, int ordinal) {
        return Draw.mix(seed, seq, ordinal);
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
        private final List<String> vars;
        private int draws;

        Compiler(String where, Map<String, DataTable> data, UnaryOperator<String> env, List<String> vars) {
            this.where = where;
            this.data = data;
            this.env = env;
            this.vars = vars;
        }

        Seg[] compile(String key, String text, int place) {
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
                    out.add(new Seg(SEQ, null, 0, 0, 0, null, 0, place));
                } else if (p instanceof Placeholders.Random r) {
                    out.add(new Seg(RANDOM, null, r.lo(), r.hi(), draws, null, 0, place));
                } else if (p instanceof Placeholders.Uuid) {
                    out.add(new Seg(UUID, null, 0, 0, draws, null, 0, place));
                } else if (p instanceof Placeholders.Var v) {
                    out.add(variable(key, v, place));
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
            return new Seg(DATA, null, 0, 0, 0, table, table.column(where + ": " + key, d.column()), 0);
        }

        private Seg variable(String key, Placeholders.Var v, int place) {
            int slot = vars.indexOf(v.name());
            if (slot < 0) {
                throw PerfException.badInput(where + ": " + key + ": ${" + v.name() + "} is not a value an earlier"
                        + " scenario step extracts; use ${seq}, ${random(1,1000)}, ${uuid}, ${data.NAME.COLUMN} or"
                        + " ${env.NAME}");
            }
            return new Seg(VAR, v.name().getBytes(StandardCharsets.UTF_8), 0, 0, 0, null, slot, place);
        }

        private static Seg lit(String text) {
            return new Seg(LITERAL, text.getBytes(StandardCharsets.UTF_8), 0, 0, 0, null, 0, 0);
        }
    }
}
