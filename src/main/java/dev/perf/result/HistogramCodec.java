package dev.perf.result;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.HdrHistogram.Histogram;

/**
 * The form HdrHistograms take in result files: HdrHistogram's compressed encoding, base64-encoded. Pure and
 * thread-safe.
 */
public final class HistogramCodec {
    private HistogramCodec() {}

    /** {@code h} in its compressed form, base64-encoded. */
    public static String encode(Histogram h) {
        return encode(h, new ByteBuffer[1]);
    }

    /**
     * {@link #encode(Histogram)} through {@code scratch[0]}, a buffer kept between calls (allocated or grown
     * as needed): a recorder encoding a window every second then allocates only the result.
     */
    public static String encode(Histogram h, ByteBuffer[] scratch) {
        int needed = h.getNeededByteBufferCapacity();
        if (scratch[0] == null || scratch[0].capacity() < needed) {
            scratch[0] = ByteBuffer.allocate(needed);
        }
        ByteBuffer buffer = scratch[0];
        buffer.clear();
        int length = h.encodeIntoCompressedByteBuffer(buffer);
        byte[] bytes = new byte[length];
        buffer.flip();
        buffer.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * Checks that {@code base64}, the histogram named {@code what} in a result, decodes (null is allowed: none
     * was recorded); a corrupt one is {@link IllegalArgumentException} naming it — read from a file, so the
     * file is refused instead of shown with figures its histogram does not hold.
     */
    @SuppressWarnings("UnusedException") // the message is the user's: a reader shows the root cause's message
    public static void check(String what, String base64) {
        if (base64 != null) {
            try {
                decode(base64);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(what + " is not a compressed HdrHistogram (corrupt or cut)");
            }
        }
    }

    /**
     * The inverse of {@link #encode}; {@link IllegalArgumentException} when {@code base64} is not one — also when
     * its compressed part is cut short or followed by more bytes, which HdrHistogram itself would read as a
     * histogram with fewer counts (the deflate checksum is only checked at the stream's end).
     */
    public static Histogram decode(String base64) {
        try {
            byte[] bytes = Base64.getDecoder().decode(base64);
            requireWhole(bytes);
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
        } catch (DataFormatException | RuntimeException e) {
            throw new IllegalArgumentException("not a compressed HdrHistogram: " + e.getMessage(), e);
        }
    }

    /** The compressed encoding's length field matches the bytes, and its deflate stream ends where they do. */
    private static void requireWhole(byte[] bytes) throws DataFormatException {
        ByteBuffer header = ByteBuffer.wrap(bytes);
        if (bytes.length < 8 || header.getInt(4) != bytes.length - 8) {
            throw new DataFormatException("its length does not match its content (cut or padded)");
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(bytes, 8, bytes.length - 8);
            byte[] scratch = new byte[8192];
            while (!inflater.finished()) {
                if (inflater.inflate(scratch) == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DataFormatException("its compressed content is cut short");
                }
            }
            if (inflater.getRemaining() != 0) {
                throw new DataFormatException("bytes follow its compressed content");
            }
        } finally {
            inflater.end();
        }
    }
}
