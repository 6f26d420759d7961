package dev.perf.load.drive;

import dev.perf.load.Workload;
import dev.perf.load.record.LoadRecorder;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The operations of one load loop: one workload, or the weighted workloads of a {@code mix:}. The operation
 * of global index i is {@code table[i mod W]} (W the sum of the weights), where the table interleaves the
 * entries by smooth weighted round-robin — weights 3:1 give A A B A, not A A A B — so every window of W
 * operations holds each entry exactly its weight's times, and the choice depends only on the index: shards
 * together choose exactly what one process would. Each entry has its own recorder besides the loop's.
 */
public final class Operations implements AutoCloseable {
    private final Workload[] workloads;
    private final int[] table;
    private final LoadRecorder[] recorders;
    /** Each entry's parts' recorders (a scenario's steps), null where it has none; null when none has any. */
    private final LoadRecorder[][] parts;
    /** The threads that run a mix's synchronous entries beside asynchronous ones; null when none are needed. */
    private final ExecutorService syncPool;

    private Operations(
            Workload[] workloads,
            int[] table,
            LoadRecorder[] recorders,
            LoadRecorder[][] parts,
            ExecutorService syncPool) {
        this.workloads = workloads;
        this.table = table;
        this.recorders = recorders;
        this.parts = parts;
        this.syncPool = syncPool;
    }

    /**
     * The operations of {@code workloads} (one per entry) at {@code weights} (each at least 1). When some
     * entry is asynchronous every operation runs on the event loops, and the synchronous entries are called
     * on a pool of {@code syncThreads} threads of their own, which {@link #close()} stops.
     */
    public static Operations of(List<Workload> workloads, int[] weights, int syncThreads) {
        Workload[] all = workloads.toArray(Workload[]::new);
        boolean mixedKinds = workloads.stream().anyMatch(Workload::async)
                && workloads.stream().anyMatch(w -> !w.async() && !(w instanceof Lane.Source));
        ExecutorService pool = mixedKinds
                ? Executors.newFixedThreadPool(syncThreads, r -> {
                    Thread t = new Thread(r, "perf-load-sync");
                    t.setDaemon(true);
                    return t;
                })
                : null;
        for (int i = 0; i < all.length; i++) {
            if (pool != null && !all[i].async() && !(all[i] instanceof Lane.Source)) {
                all[i] = new SyncAsAsync(all[i], pool);
            }
        }
        return new Operations(all, table(weights), null, null, pool);
    }

    /** A single workload. */
    public static Operations single(Workload workload) {
        return of(List.of(workload), new int[] {1}, 1);
    }

    /**
     * These operations recording each entry in its own of {@code perEntry} besides the loop's recorder (null
     * for a single operation, which the loop's recorder covers): one measurement's view.
     */
    public Operations recordingInto(LoadRecorder[] perEntry) {
        return recordingInto(perEntry, null);
    }

    /**
     * As {@link #recordingInto(LoadRecorder[])}, and entry i's parts (a scenario's steps) into {@code parts[i]}
     * (null where it has none; {@code parts} null when no entry has any).
     */
    public Operations recordingInto(LoadRecorder[] perEntry, LoadRecorder[][] parts) {
        return new Operations(workloads, table, perEntry, parts, null);
    }

    /** The recorders of entry {@code op}'s parts, or null. */
    LoadRecorder[] parts(int op) {
        return parts == null ? null : parts[op];
    }

    /** Whether any entry is asynchronous: then every operation runs on event loops. */
    public boolean async() {
        return Arrays.stream(workloads).anyMatch(Workload::async);
    }

    /** Stops the pool of a mix's synchronous entries. */
    @Override
    public void close() {
        if (syncPool != null) {
            syncPool.shutdownNow();
        }
    }

    /** The entry of the operation with global index {@code index}. */
    public int of(long index) {
        return table[(int) Math.floorMod(index, (long) table.length)];
    }

    /** Number of entries. */
    int count() {
        return workloads.length;
    }

    Workload workload(int op) {
        return workloads[op];
    }

    /** The calling thread's writers of the entries' own recorders, or null for a single operation. */
    LoadRecorder.Writer[] writers() {
        if (recorders == null) {
            return null;
        }
        LoadRecorder.Writer[] out = new LoadRecorder.Writer[recorders.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = recorders[i].writer();
        }
        return out;
    }

    /** The calling thread's writers of each entry's parts' recorders: null where an entry has none, or for all. */
    LoadRecorder.Writer[][] partWriters() {
        if (parts == null) {
            return null;
        }
        LoadRecorder.Writer[][] out = new LoadRecorder.Writer[parts.length][];
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] != null) {
                out[i] = new LoadRecorder.Writer[parts[i].length];
                for (int j = 0; j < parts[i].length; j++) {
                    out[i][j] = parts[i][j].writer();
                }
            }
        }
        return out;
    }

    /** Whether any entry draws its operations from their global index ({@link BlockingSource}). */
    boolean indexed() {
        return Arrays.stream(workloads).anyMatch(BlockingSource.class::isInstance);
    }

    /**
     * The smooth weighted round-robin sequence of one period: at each step every entry gains its weight, the
     * entry with the most credit is chosen and pays the total. Weights are divided by their gcd first.
     */
    public static int[] table(int[] weights) {
        int g = 0;
        for (int w : weights) {
            if (w < 1) {
                throw new IllegalArgumentException("weights must be at least 1");
            }
            g = gcd(g, w);
        }
        long total = 0;
        int[] reduced = new int[weights.length];
        for (int i = 0; i < weights.length; i++) {
            reduced[i] = weights[i] / g;
            total += reduced[i];
        }
        if (total > 1_000_000) {
            throw new IllegalArgumentException("mix weights too fine-grained: their sum over their gcd is " + total);
        }
        int[] table = new int[(int) total];
        long[] credit = new long[weights.length];
        for (int k = 0; k < table.length; k++) {
            int best = 0;
            for (int i = 0; i < reduced.length; i++) {
                credit[i] += reduced[i];
                if (credit[i] > credit[best]) {
                    best = i;
                }
            }
            credit[best] -= total;
            table[k] = best;
        }
        return table;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** A synchronous workload run on an executor, for a mix whose other entries are asynchronous. */
    private static final class SyncAsAsync implements Workload {
        private final Workload delegate;
        private final Executor executor;

        SyncAsAsync(Workload delegate, Executor executor) {
            this.delegate = delegate;
            this.executor = executor;
        }

        @Override
        public void call() throws Exception {
            delegate.call();
        }

        @Override
        public boolean async() {
            return true;
        }

        @Override
        public CompletionStage<?> callAsync() {
            return CompletableFuture.runAsync(
                    () -> {
                        try {
                            delegate.call();
                        } catch (Exception e) {
                            throw new CompletionException(e);
                        }
                    },
                    executor);
        }
    }
}
