package dev.perf.load.http;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import java.nio.charset.StandardCharsets;

/**
 * RFC 7541 (HPACK) decoding of the header blocks a server sends, field by field to the caller, without
 * allocating: a literal name or value is decoded into one of two scratch arrays the next field overwrites, and
 * only an entry the server adds to its dynamic table is copied (into that table). Every field of every block is
 * decoded, wanted or not, so that the table stays the server's. A malformed block is a connection error
 * ({@code COMPRESSION_ERROR}, RFC 9113 §4.3). One per connection, loop thread only.
 */
final class HpackReader {
    /** Who hears the fields of a block, in order. */
    interface Fields {
        /** One field: its name and value, valid until this returns. */
        void field(byte[] name, int nameLength, byte[] value, int valueLength) throws Http2Exception;
    }

    /** RFC 7541 Appendix A, entries 1 to 61 (index 0 unused): the name, and the value after a space if any. */
    private static final String[] STATIC = {
        "",
        ":authority",
        ":method GET",
        ":method POST",
        ":path /",
        ":path /index.html",
        ":scheme http",
        ":scheme https",
        ":status 200",
        ":status 204",
        ":status 206",
        ":status 304",
        ":status 400",
        ":status 404",
        ":status 500",
        "accept-charset",
        "accept-encoding gzip, deflate",
        "accept-language",
        "accept-ranges",
        "accept",
        "access-control-allow-origin",
        "age",
        "allow",
        "authorization",
        "cache-control",
        "content-disposition",
        "content-encoding",
        "content-language",
        "content-length",
        "content-location",
        "content-range",
        "content-type",
        "cookie",
        "date",
        "etag",
        "expect",
        "expires",
        "from",
        "host",
        "if-match",
        "if-modified-since",
        "if-none-match",
        "if-range",
        "if-unmodified-since",
        "last-modified",
        "link",
        "location",
        "max-forwards",
        "proxy-authenticate",
        "proxy-authorization",
        "range",
        "referer",
        "refresh",
        "retry-after",
        "server",
        "set-cookie",
        "strict-transport-security",
        "transfer-encoding",
        "user-agent",
        "vary",
        "via",
        "www-authenticate"
    };

    private static final byte[][] STATIC_NAMES = new byte[STATIC.length][];
    private static final byte[][] STATIC_VALUES = new byte[STATIC.length][];

    /**
     * RFC 7541 Appendix B as the code length of each symbol 0–256 ('A' = 5 bits … 'Z' = 30): the code is
     * canonical (codes of one length consecutive, in symbol order, shorter first), so the lengths give the codes.
     */
    private static final String CODE_LENGTHS =
            "ISXXXXXXXTZXXZXXXXXXXXZXXXXXXXXXBFFHIBDGFFDGDBBBAAABBBBBBBCDKBHFIBCCCCCC"
                    + "CCCCCCCCCCCCCCCCDCDIOIJBKABABABBBACCBBBABCBAABCCCCCKGJIXPRPPRRRSRSSSSSTSTTRSTSSSSQRSRSSTRQPRRSSQSRRTQRSSQQ"
                    + "RQSRSSPRRRSRRSVVPORSRUVVVWWVTUOQVWWVWTQQVVXWWWPTPQRQQSRRUUTTVSVWVVWWWWWXWWWWWVZ";

    private static final int EOS = 256;
    private static final int MAX_CODE = 30;
    /** Per code length: the first code, how many codes, and where their symbols start in {@link #SYMBOLS}. */
    private static final int[] FIRST = new int[MAX_CODE + 1];

    private static final int[] COUNT = new int[MAX_CODE + 1];
    private static final int[] OFFSET = new int[MAX_CODE + 1];
    /** The symbols by code length, then by symbol. */
    private static final int[] SYMBOLS = new int[EOS + 1];

    static {
        for (int i = 1; i < STATIC.length; i++) {
            int space = STATIC[i].indexOf(' ');
            String name = space < 0 ? STATIC[i] : STATIC[i].substring(0, space);
            String value = space < 0 ? "" : STATIC[i].substring(space + 1);
            STATIC_NAMES[i] = name.getBytes(StandardCharsets.ISO_8859_1);
            STATIC_VALUES[i] = value.getBytes(StandardCharsets.ISO_8859_1);
        }
        int code = 0;
        int n = 0;
        for (int length = 1; length <= MAX_CODE; length++) {
            FIRST[length] = code;
            OFFSET[length] = n;
            for (int s = 0; s <= EOS; s++) {
                if (CODE_LENGTHS.charAt(s) - 'A' + 5 == length) {
                    SYMBOLS[n++] = s;
                    COUNT[length]++;
                    code++;
                }
            }
            code <<= 1;
        }
    }

    /** The name of static table entry {@code index} (1 to 61). */
    static String staticName(int index) {
        return new String(STATIC_NAMES[index], StandardCharsets.ISO_8859_1);
    }

    /** Each entry's overhead in the table's size (RFC 7541 §4.1). */
    private static final int ENTRY_OVERHEAD = 32;

    /** The dynamic table, a ring: the oldest entry at {@code oldest}, {@code count} entries. */
    private byte[][] names = new byte[16][];

    private byte[][] values = new byte[16][];
    private int oldest;
    private int count;
    /** The table's size (RFC 7541 §4.1), its limit now (the server's last size update) and the most allowed. */
    private long size;

    private long limit;
    private long max;

    /** Arrays of evicted entries, for the next entries of their lengths. */
    private final byte[][] spare = new byte[8][];

    private int spares;
    private int next;

    private byte[] nameScratch = new byte[64];
    private byte[] valueScratch = new byte[256];

    /** A reader whose table may hold up to {@code max} bytes (SETTINGS_HEADER_TABLE_SIZE, 4 096 by default). */
    HpackReader(long max) {
        this.max = max;
        this.limit = max;
    }

    /** The most the table may hold, as settings acknowledged by the server allow. */
    void max(long max) {
        this.max = max;
        if (limit > max) {
            limit = max;
            evict(0);
        }
    }

    long max() {
        return max;
    }

    /** Decodes the whole of {@code block} to {@code out}. */
    void read(ByteBuf block, Fields out) throws Http2Exception {
        boolean fields = false;
        while (block.isReadable()) {
            int b = block.readUnsignedByte();
            if ((b & 0x80) != 0) {
                int index = integer(block, b, 7);
                byte[] name = name(index);
                byte[] value = value(index);
                out.field(name, name.length, value, value.length);
                fields = true;
            } else if ((b & 0x40) != 0) {
                int index = integer(block, b, 6);
                int nameLength;
                if (index == 0) {
                    nameLength = string(block, true);
                } else {
                    byte[] name = name(index); // copied: adding the entry may evict the one it names
                    nameLength = name.length;
                    System.arraycopy(name, 0, scratch(true, nameLength), 0, nameLength);
                }
                int valueLength = string(block, false);
                out.field(nameScratch, nameLength, valueScratch, valueLength);
                add(nameLength, valueLength);
                fields = true;
            } else if ((b & 0x20) != 0) {
                if (fields) {
                    throw error("a dynamic table size update after a header field");
                }
                long update = integer(block, b, 5);
                if (update > max) {
                    throw error("a dynamic table size update to " + update + " above the " + max + " allowed");
                }
                limit = update;
                evict(0);
            } else {
                // without indexing (0000) or never indexed (0001): the same to a reader
                int index = integer(block, b, 4);
                byte[] name;
                int nameLength;
                if (index == 0) {
                    nameLength = string(block, true);
                    name = nameScratch;
                } else {
                    name = name(index);
                    nameLength = name.length;
                }
                int valueLength = string(block, false);
                out.field(name, nameLength, valueScratch, valueLength);
                fields = true;
            }
        }
    }

    private byte[] name(int index) throws Http2Exception {
        return index < STATIC.length ? STATIC_NAMES[check(index)] : names[slot(index)];
    }

    private byte[] value(int index) throws Http2Exception {
        return index < STATIC.length ? STATIC_VALUES[check(index)] : values[slot(index)];
    }

    private static int check(int index) throws Http2Exception {
        if (index == 0) {
            throw error("a header field index of 0");
        }
        return index;
    }

    /** Where entry {@code index} (62 the newest) is in the ring. */
    private int slot(int index) throws Http2Exception {
        int age = index - STATIC.length;
        if (age >= count) {
            throw error("a header field index of " + index + " beyond the " + count + " dynamic table entries");
        }
        return (oldest + count - 1 - age) % names.length;
    }

    /**
     * Adds the entry in the scratch arrays, evicting the oldest first; one larger than the whole table empties it
     * (RFC 7541 §4.4). Its arrays are ones evicted of the same length when there are (a server that sends a new
     * date with each response adds and evicts entries of one size), else new.
     */
    private void add(int nameLength, int valueLength) {
        long entry = (long) nameLength + valueLength + ENTRY_OVERHEAD;
        if (entry > limit) {
            evict(limit + 1);
            return;
        }
        evict(entry);
        byte[] name = spare(nameLength);
        System.arraycopy(nameScratch, 0, name, 0, nameLength);
        byte[] value = spare(valueLength);
        System.arraycopy(valueScratch, 0, value, 0, valueLength);
        if (count == names.length) {
            byte[][] n = new byte[count * 2][];
            byte[][] v = new byte[count * 2][];
            for (int i = 0; i < count; i++) {
                n[i] = names[(oldest + i) % count];
                v[i] = values[(oldest + i) % count];
            }
            names = n;
            values = v;
            oldest = 0;
        }
        int at = (oldest + count) % names.length;
        names[at] = name;
        values[at] = value;
        count++;
        size += entry;
    }

    /** An evicted array of {@code length} bytes, else a new one. */
    private byte[] spare(int length) {
        for (int i = 0; i < spares; i++) {
            if (spare[i].length == length) {
                byte[] b = spare[i];
                spare[i] = spare[--spares];
                spare[spares] = null;
                return b;
            }
        }
        return new byte[length];
    }

    private void keep(byte[] evicted) {
        if (spares < spare.length) {
            spare[spares++] = evicted;
        } else {
            spare[next] = evicted; // the oldest kept make way
            next = (next + 1) % spare.length;
        }
    }

    /** Evicts the oldest entries until {@code room} more bytes fit under the limit. */
    private void evict(long room) {
        while (count > 0 && size + room > limit) {
            size -= (long) names[oldest].length + values[oldest].length + ENTRY_OVERHEAD;
            keep(names[oldest]);
            keep(values[oldest]);
            names[oldest] = null;
            values[oldest] = null;
            oldest = (oldest + 1) % names.length;
            count--;
        }
    }

    /** An integer of an {@code prefix}-bit prefix whose first octet is {@code first} (RFC 7541 §5.1). */
    private static int integer(ByteBuf in, int first, int prefix) throws Http2Exception {
        int mask = (1 << prefix) - 1;
        int value = first & mask;
        if (value < mask) {
            return value;
        }
        long sum = mask;
        for (int shift = 0; ; shift += 7) {
            if (!in.isReadable()) {
                throw error("a header block that ends inside an integer");
            }
            int b = in.readUnsignedByte();
            sum += (long) (b & 0x7f) << shift;
            if (sum > Integer.MAX_VALUE || shift > 28) {
                throw error("an integer above " + Integer.MAX_VALUE);
            }
            if ((b & 0x80) == 0) {
                return (int) sum;
            }
        }
    }

    /** A string literal (RFC 7541 §5.2) decoded into the name's or the value's scratch array; its length. */
    private int string(ByteBuf in, boolean name) throws Http2Exception {
        if (!in.isReadable()) {
            throw error("a header block that ends before a string");
        }
        int b = in.readUnsignedByte();
        int length = integer(in, b, 7);
        if (length > in.readableBytes()) {
            throw error("a string of " + length + " bytes in the " + in.readableBytes() + " left of its header block");
        }
        boolean huffman = (b & 0x80) != 0;
        byte[] out = scratch(name, huffman ? (int) ((long) length * 8 / 5) : length);
        int at = in.readerIndex();
        in.skipBytes(length);
        if (!huffman) {
            in.getBytes(at, out, 0, length);
            return length;
        }
        return huffman(in, at, length, out);
    }

    /** The name's or the value's scratch array, grown to hold at least {@code length} bytes. */
    private byte[] scratch(boolean name, int length) {
        byte[] out = name ? nameScratch : valueScratch;
        if (out.length < length) {
            out = new byte[Math.max(length, out.length * 2)];
            if (name) {
                nameScratch = out;
            } else {
                valueScratch = out;
            }
        }
        return out;
    }

    /** Decodes {@code length} Huffman-coded bytes of {@code in} from {@code at} into {@code out}; the count. */
    static int huffman(ByteBuf in, int at, int length, byte[] out) throws Http2Exception {
        long bits = 0;
        int held = 0;
        int read = 0;
        int n = 0;
        while (true) {
            while (held <= 56 && read < length) {
                bits = bits << 8 | in.getUnsignedByte(at + read++);
                held += 8;
            }
            int symbol = -1;
            int codeLength = 5;
            for (; codeLength <= MAX_CODE && codeLength <= held; codeLength++) {
                int code = (int) (bits >>> (held - codeLength) & ((1L << codeLength) - 1));
                if (code - FIRST[codeLength] < COUNT[codeLength]) {
                    symbol = SYMBOLS[OFFSET[codeLength] + code - FIRST[codeLength]];
                    break;
                }
            }
            if (symbol < 0) {
                // what is left must be padding: under 8 bits, all ones (the start of EOS, RFC 7541 §5.2)
                long ones = (1L << held) - 1;
                if (held > 7 || (bits & ones) != ones) {
                    throw error("Huffman-coded string with " + held + " bits left that are not its padding");
                }
                return n;
            }
            if (symbol == EOS) {
                throw error("Huffman-coded string holding EOS");
            }
            out[n++] = (byte) symbol;
            held -= codeLength;
        }
    }

    private static Http2Exception error(String what) {
        return Http2Exception.connectionError(Http2Error.COMPRESSION_ERROR, "HPACK: %s", what);
    }
}
