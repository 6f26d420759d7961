package dev.perf.load.drive;

import dev.perf.load.record.LoadRecorder;

/**
 * A lane's writers of its operations' parts (a scenario's steps, sql's statements, a stream's first message)
 * for the current measurement, and which operations may use them: those of the measurement's epoch, from the
 * first one sent after {@link #measuring}; an operation of an older measurement that ends later records no part.
 * Used on the lane's loop thread only.
 */
public final class PartWriters {
    private LoadRecorder.Writer[] writers;
    private int epoch = Integer.MIN_VALUE;
    private boolean started;

    /** A measurement begins: writers of {@code parts} from now on (the lane's {@link Lane#measuring}). */
    public void measuring(LoadRecorder[] parts) {
        LoadRecorder.Writer[] w = new LoadRecorder.Writer[parts.length];
        for (int i = 0; i < parts.length; i++) {
            w[i] = parts[i].writer();
        }
        writers = w;
        started = true;
    }

    /** An operation of {@code epoch} is sent: the first after {@link #measuring} names the measurement's epoch. */
    public void sent(int epoch) {
        if (started) {
            this.epoch = epoch;
            started = false;
        }
    }

    /** The writers an operation of {@code epoch} records its parts into, or null when it records none. */
    public LoadRecorder.Writer[] of(int epoch) {
        return writers != null && epoch == this.epoch ? writers : null;
    }
}
