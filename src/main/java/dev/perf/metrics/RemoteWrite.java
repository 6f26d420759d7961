package dev.perf.metrics;

import com.google.protobuf.CodedOutputStream;
import io.airlift.compress.snappy.SnappyCompressor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prometheus remote write 1.0: a {@code WriteRequest} protobuf (timeseries of labels and samples) compressed
 * with snappy's block format. Every sample of the families becomes one series with {@code __name__} and its
 * labels sorted by name, as the protocol requires, stamped with one timestamp; a sample's exemplar goes with
 * it (label {@code trace_id}, its own timestamp). Pure.
 */
final class RemoteWrite {
    private RemoteWrite() {}

    /** The headers every remote-write request carries. */
    static final Map<String, String> HEADERS = Map.of(
            "Content-Encoding", "snappy",
            "Content-Type", "application/x-protobuf",
            "X-Prometheus-Remote-Write-Version", "0.1.0");

    // WriteRequest.timeseries = 1; TimeSeries.labels = 1, samples = 2; Label.name = 1, value = 2;
    // Sample.value = 1 (double), timestamp = 2 (int64, ms since the epoch); TimeSeries.exemplars = 3;
    // Exemplar.labels = 1, value = 2 (double), timestamp = 3 (int64, ms)
    private static final int WRITE_REQUEST_TIMESERIES = 1;
    private static final int TIMESERIES_LABELS = 1;
    private static final int TIMESERIES_SAMPLES = 2;
    private static final int TIMESERIES_EXEMPLARS = 3;

    /** The uncompressed WriteRequest of {@code families} at {@code timestampMillis}. */
    static byte[] encode(List<Family> families, long timestampMillis) {
        return message(out -> {
            for (Family f : families) {
                for (Family.Sample s : f.samples()) {
                    out.writeByteArray(WRITE_REQUEST_TIMESERIES, series(s, timestampMillis));
                }
            }
        });
    }

    private static byte[] series(Family.Sample s, long timestampMillis) {
        Map<String, String> sorted = new TreeMap<>(s.labels());
        sorted.put("__name__", s.name());
        return message(out -> {
            for (Map.Entry<String, String> l : sorted.entrySet()) {
                out.writeByteArray(TIMESERIES_LABELS, label(l.getKey(), l.getValue()));
            }
            out.writeByteArray(TIMESERIES_SAMPLES, message(sample -> {
                sample.writeDouble(1, s.value());
                sample.writeInt64(2, timestampMillis);
            }));
            Family.Exemplar e = s.exemplar();
            if (e != null) {
                out.writeByteArray(TIMESERIES_EXEMPLARS, message(exemplar -> {
                    exemplar.writeByteArray(1, label("trace_id", e.traceId()));
                    exemplar.writeDouble(2, e.value());
                    exemplar.writeInt64(3, e.timestampMillis());
                }));
            }
        });
    }

    private static byte[] label(String name, String value) {
        return message(label -> {
            label.writeString(1, name);
            label.writeString(2, value);
        });
    }

    /** What writes one message's fields. */
    @FunctionalInterface
    private interface Fields {
        void write(CodedOutputStream out) throws IOException;
    }

    /** The bytes of one message whose fields {@code fields} writes. */
    private static byte[] message(Fields fields) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            fields.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
    }

    /** {@code raw} in snappy's block format (not the framed one), as remote write sends it. */
    static byte[] snappy(byte[] raw) {
        SnappyCompressor compressor = new SnappyCompressor();
        byte[] out = new byte[compressor.maxCompressedLength(raw.length)];
        int n = compressor.compress(raw, 0, raw.length, out, 0, out.length);
        return Arrays.copyOf(out, n);
    }
}
