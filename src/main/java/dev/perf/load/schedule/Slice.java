package dev.perf.load.schedule;

/**
 * Slice {@code index} of {@code of} (0-based) of anything dealt out round-robin: the shards of a run, the event
 * loops of a process, the users of a closed model, the operations of a schedule. Element {@code i} of the whole
 * belongs to slice {@code i mod of}; this is the one place that says how many that leaves a slice, so that what
 * a shard reports as its target is what it sends. The user writes a shard 1-based ({@code --shard 2/3}); every
 * slice below the command line is 0-based.
 *
 * @param index this slice, 0 to {@code of − 1}
 * @param of how many slices the whole is dealt into
 */
public record Slice(int index, int of) {
    /** The whole: one slice of one. */
    public static final Slice WHOLE = new Slice(0, 1);

    public Slice {
        if (of < 1 || index < 0 || index >= of) {
            throw new IllegalArgumentException("slice " + index + " of " + of + " is not a valid slice");
        }
    }

    /** How many of {@code total} elements this slice holds: the ones at {@code index}, {@code index + of}, .... */
    public long count(long total) {
        return total <= index ? 0 : (total - index + of - 1) / of;
    }

    /** {@link #count(long)} for an int total (users, connections). */
    public int count(int total) {
        return (int) count((long) total);
    }

    /** This slice's share of a rate dealt out with the elements: {@code rate / of}. */
    public double rate(double perSec) {
        return perSec / of;
    }

    /** The index in the whole of this slice's {@code local}-th element. */
    public long global(long local) {
        return index + local * of;
    }

    /** Whether element {@code position} of the whole belongs to this slice. */
    public boolean owns(long position) {
        return position % of == index;
    }

    /**
     * Slice {@code part} of this slice dealt out again: element {@code i} of {@code part}'s count is element
     * {@code global(part.global(i))} of the whole, so the parts together hold exactly this slice's elements.
     */
    public Slice within(Slice part) {
        return new Slice(index + part.index * of, of * part.of);
    }
}
