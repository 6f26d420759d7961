package dev.perf.result;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;
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

    /** The inverse of {@link #encode}; {@link IllegalArgumentException} when {@code base64} is not one. */
    public static Histogram decode(String base64) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(
                    ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
        } catch (DataFormatException | RuntimeException e) {
            throw new IllegalArgumentException("not a compressed HdrHistogram: " + e.getMessage(), e);
        }
    }
}
