package dev.perf.load;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The operations of one load loop: one workload, or the weighted workloads of a {@code mix:}. The operation
 * of global index i is {@code table[i mod W]} (W the sum of the weights), where the table interleaves the
 * entries by smooth weighted round-robin — weights 3:1 give A A B A, not A A A B — so every window of W
 * operations holds each entry exactly its weight's times, and the choice depends only on the index: shards
 * together choose exactly what one process would. Each entry has its own recorder besides the loop's.
 */
final class Operations {
    private final Workload[] workloads;
    private final int[] table;
    private final LoadRecorder[] recorders;

    /**
     * @param workloads one per entry
     * @param weights one per entry, each at least 1
     * @param recorders one per entry, or null for a single operation (the loop's recorder covers it)
     * @param syncExecutor runs synchronous workloads when another entry is asynchronous (then every
     *     operation runs on the event loops); may be null when there is no such mix
     */
    Operations(List<Workload> workloads, int[] weights, LoadRecorder[] recorders, Executor syncExecutor) {
        this.workloads = workloads.toArray(Workload[]::new);
        this.table = table(weights);
        this.recorders = recorders;
        boolean anyAsync = workloads.stream().anyMatch(Workload::async);
        if (anyAsync) {
            for (int i = 0; i < this.workloads.length; i++) {
                if (!this.workloads[i].async()) {
                    this.workloads[i] = new SyncAsAsync(this.workloads[i], syncExecutor);
                }
            }
        }
    }

    /** A single workload. */
    static Operations single(Workload workload) {
        return new Operations(List.of(workload), new int[] {1}, null, null);
    }

    /** The entry of the operation with global index {@code index}. */
    int of(long index) {
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

    /**
     * The smooth weighted round-robin sequence of one period: at each step every entry gains its weight, the
     * entry with the most credit is chosen and pays the total. Weights are divided by their gcd first.
     */
    static int[] table(int[] weights) {
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
