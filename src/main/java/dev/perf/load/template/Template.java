package dev.perf.load.template;

import dev.perf.load.schedule.Draw;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * One text of a target (a URL, a header, a body, an SQL parameter, a message key) with its placeholders
 * compiled by {@link Templates}: literals (and {@code ${env.X}}, read once) as bytes, the rest drawn from the
 * operation's global index and the suite's seed, so that every run and every shard writes the same text for the
 * same index. Writing allocates nothing: digits, UUIDs and data cells go straight into the buffer. Immutable,
 * thread-safe.
 */
public final class Template {
    /** Where a session variable's value goes: as it is, percent-encoded in a URL, or checked for a header. */
    public enum Place {
        BODY,
        URL,
        HEADER
    }

    static final int LITERAL = 0;
    static final int SEQ = 1;
    static final int RANDOM = 2;
    static final int UUID = 3;
    static final int DATA = 4;
    /** A scenario variable: the session's value in slot {@code column}. */
    static final int VAR = 5;

    /** One compiled piece: a literal, or what a placeholder draws (its ordinal keeps two draws apart). */
    static final class Seg {
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

    private final Seg[] segs;
    private final long seed;
    private final Place place;

    Template(Seg[] segs, long seed, Place place) {
        this.segs = segs;
        this.seed = seed;
        this.place = place;
    }

    /** Whether the text reads a session variable: its length is then known only once it is written. */
    public boolean readsVars() {
        for (Seg s : segs) {
            if (s.kind == VAR) {
                return true;
            }
        }
        return false;
    }

    /** Whether the text is the same for every index and session. */
    public boolean constant() {
        return segs.length == 0 || (segs.length == 1 && segs[0].kind == LITERAL);
    }

    /** The text of operation {@code seq} (a text without session variables). */
    public String render(long seq) {
        return render(seq, null);
    }

    /**
     * The text of operation {@code seq}, its variables read from {@code vars} (by slot; null when it has none);
     * a variable not set, or not fit for where it stands, is an {@link IllegalArgumentException} as in {@link
     * #write}.
     */
    public String render(long seq, String[] vars) {
        if (segs.length == 0) {
            return "";
        }
        if (segs.length == 1 && segs[0].kind == LITERAL) {
            return new String(segs[0].bytes, StandardCharsets.UTF_8);
        }
        ByteBuf scratch = Unpooled.buffer(readsVars() ? 256 : (int) Math.min(1 << 16, length(seq)));
        write(seq, vars, scratch);
        return scratch.toString(StandardCharsets.UTF_8);
    }

    /** The length of operation {@code seq}'s text, bytes (a text without session variables). */
    public long length(long seq) {
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

    /**
     * Writes operation {@code seq}'s text into {@code out}, its variables read from {@code vars} (by slot; null
     * when it has none). A variable that is not set, or whose value cannot stand in a header, is an {@link
     * IllegalArgumentException} naming it.
     */
    public void write(long seq, String[] vars, ByteBuf out) {
        for (Seg s : segs) {
            switch (s.kind) {
                case LITERAL -> out.writeBytes(s.bytes);
                case SEQ -> digits(out, seq);
                case RANDOM -> digits(out, random(s, seq));
                case UUID -> uuid(out, Draw.mix(seed, seq, s.ordinal), Draw.mix(seed, seq, s.ordinal + 0x10000));
                case VAR -> variable(s, vars, out);
                default -> out.writeBytes(s.table.cell(seq, s.column));
            }
        }
    }

    /** A variable segment's name, for a message (its bytes hold it). */
    private static String variableName(Seg s) {
        return new String(s.bytes, StandardCharsets.UTF_8);
    }

    /** Writes a session variable where this text places it: encoded in a URL, checked in a header. */
    private void variable(Seg s, String[] vars, ByteBuf out) {
        String value = vars == null ? null : vars[s.column];
        if (value == null) {
            throw new IllegalArgumentException("${" + variableName(s) + "} is not set in this session");
        }
        switch (place) {
            case URL -> out.writeCharSequence(UrlText.encode(value), StandardCharsets.US_ASCII);
            case HEADER -> {
                for (int i = 0; i < value.length(); i++) {
                    char c = value.charAt(i);
                    if ((c < 0x20 && c != '\t') || c >= 0x7f) {
                        throw new IllegalArgumentException("${" + variableName(s) + "} holds "
                                + (c == '\r' || c == '\n' ? "a line break" : "a character that is not ASCII text")
                                + " and cannot go in a header");
                    }
                }
                out.writeCharSequence(value, StandardCharsets.US_ASCII);
            }
            default -> out.writeCharSequence(value, StandardCharsets.UTF_8);
        }
    }

    private long random(Seg s, long seq) {
        long span = s.hi - s.lo + 1;
        return s.lo
                + (span <= 0
                        ? Draw.mix(seed, seq, s.ordinal)
                        : Long.remainderUnsigned(Draw.mix(seed, seq, s.ordinal), span));
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
    public static void digits(ByteBuf out, long v) {
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                out.writeCharSequence("-9223372036854775808", StandardCharsets.US_ASCII);
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
}
