package dev.perf.load.template;

import dev.perf.suite.TraceSpec;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * A loop's W3C trace context: operation {@code seq}'s trace id (128 bits) is a mix of the suite's seed, the
 * loop's name and the index, never random, so every run with the same seed, every shard and every repeat send
 * the same ids, and a result's exemplar names the trace its request started. A journey's steps share their
 * iteration's trace, each its own span ({@code step}); a single request is step 0. Whether an operation is
 * sampled is drawn from its index too, at the spec's rate. Immutable, thread-safe; writing a header allocates
 * nothing.
 */
public final class TraceContext {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final long hiSeed;
    private final long loSeed;
    /** Operations whose draw is below this are sampled ({@code Long.MIN_VALUE}: none, unsigned compare). */
    private final long threshold;

    private final boolean all;
    private final String tracestate;

    private TraceContext(long hiSeed, long loSeed, double sampleRate, String tracestate) {
        this.hiSeed = hiSeed;
        this.loSeed = loSeed;
        this.all = sampleRate >= 1;
        // unsigned 64-bit threshold: a draw d (uniform over 2^64) is sampled when d < rate * 2^64
        this.threshold = all ? -1L : (long) (sampleRate * 0x1p63) << 1;
        this.tracestate = tracestate;
    }

    /** The context of loop {@code loop} in a suite of seed {@code seed}, as {@code spec} asks. */
    public static TraceContext of(TraceSpec spec, long seed, String loop) {
        long h = seed;
        for (int i = 0; i < loop.length(); i++) {
            h = mix(h * 31 + loop.charAt(i));
        }
        return new TraceContext(mix(h ^ 0x5851F42D4C957F2DL), mix(h + GOLDEN), spec.sampleRate(), spec.tracestate());
    }

    /** SplitMix64's finaliser: every bit of {@code z} reaches every bit of the result. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private long hi(long seq) {
        return mix(hiSeed + seq * GOLDEN);
    }

    private long lo(long seq) {
        long lo = mix(loSeed ^ mix(seq + 1));
        return lo == 0 && hi(seq) == 0 ? 1 : lo; // the all-zero id is invalid
    }

    /** The span id of step {@code step} of operation {@code seq}: never zero. */
    public long spanId(long seq, int step) {
        long s = mix(hi(seq) ^ lo(seq) ^ (step + 1L) * GOLDEN);
        return s == 0 ? 1 : s;
    }

    /** Whether operation {@code seq} is sampled. */
    public boolean sampled(long seq) {
        return all || Long.compareUnsigned(mix(seq ^ loSeed ^ 0x2545F4914F6CDD1DL), threshold) < 0;
    }

    /** Operation {@code seq}'s trace id: 32 lower-case hex digits. */
    public String traceId(long seq) {
        return hex(hi(seq)) + hex(lo(seq));
    }

    /** Operation {@code seq}'s {@code traceparent} for step {@code step}. */
    public String traceparent(long seq, int step) {
        return "00-" + traceId(seq) + "-" + hex(spanId(seq, step)) + (sampled(seq) ? "-01" : "-00");
    }

    /** The {@code tracestate} sent with every request, or null. */
    public String tracestate() {
        return tracestate;
    }

    /** Writes the {@code traceparent} header line (and {@code tracestate}'s) of {@code seq}'s step {@code step}. */
    public void writeHeaders(long seq, int step, ByteBuf out) {
        out.writeCharSequence("traceparent: 00-", StandardCharsets.US_ASCII);
        hex(hi(seq), out);
        hex(lo(seq), out);
        out.writeByte('-');
        hex(spanId(seq, step), out);
        out.writeCharSequence(sampled(seq) ? "-01\r\n" : "-00\r\n", StandardCharsets.US_ASCII);
        if (tracestate != null) {
            out.writeCharSequence("tracestate: ", StandardCharsets.US_ASCII);
            out.writeCharSequence(tracestate, StandardCharsets.US_ASCII);
            out.writeCharSequence("\r\n", StandardCharsets.US_ASCII);
        }
    }

    private static void hex(long v, ByteBuf out) {
        for (int shift = 60; shift >= 0; shift -= 4) {
            out.writeByte(HEX[(int) (v >>> shift) & 0xF]);
        }
    }

    /** {@code v} as 16 lower-case hex digits. */
    public static String hex(long v) {
        char[] c = new char[16];
        for (int i = 0; i < 16; i++) {
            c[i] = (char) HEX[(int) (v >>> (60 - 4 * i)) & 0xF];
        }
        return new String(c);
    }
}
