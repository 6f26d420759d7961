package dev.perf.load.message;

import java.nio.ByteBuffer;

/**
 * What every message perf sends carries in a header named {@link #HEADER}, 36 bytes big-endian: the run's token
 * (so that messages of another run on the same topic are not taken for this one's), the lane that sent it and its
 * number there (which identify it), the operation's index and its intended send time (epoch microseconds).
 *
 * @param token the run's token
 * @param lane the sending lane's index
 * @param laneSeq the message's number on its lane, from 0 in send order
 * @param seq the operation's index (what its placeholders draw from)
 * @param intendedMicros the intended send time, microseconds since the epoch
 */
public record Envelope(long token, int lane, long laneSeq, long seq, long intendedMicros) {
    /** The header's name. */
    public static final String HEADER = "perf";

    /** The header's length in bytes. */
    public static final int BYTES = 36;

    /** This envelope as the header's bytes. */
    public byte[] bytes() {
        return ByteBuffer.allocate(BYTES)
                .putLong(token)
                .putInt(lane)
                .putLong(laneSeq)
                .putLong(seq)
                .putLong(intendedMicros)
                .array();
    }

    /** The envelope of a header's bytes, or null when they are no envelope of perf's. */
    public static Envelope read(byte[] bytes) {
        if (bytes == null || bytes.length != BYTES) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        long token = b.getLong();
        int lane = b.getInt();
        long laneSeq = b.getLong();
        long seq = b.getLong();
        long intended = b.getLong();
        return lane < 0 || laneSeq < 0 ? null : new Envelope(token, lane, laneSeq, seq, intended);
    }

    /** The message's identity within its run: its lane and its number there. */
    long id() {
        return Ledger.id(lane, laneSeq);
    }
}
