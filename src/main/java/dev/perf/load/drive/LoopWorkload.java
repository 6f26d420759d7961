package dev.perf.load.drive;

import dev.perf.load.Workload;
import java.util.concurrent.CompletionStage;

/**
 * A workload that runs only on perf's event loops, through the lanes it opens (http, a scenario, grpc): it is
 * asynchronous, and never called like a Java workload.
 */
public abstract class LoopWorkload implements Workload, Lane.Source {
    @Override
    public final void call() {
        throw new UnsupportedOperationException(this + " runs on perf's event loops");
    }

    @Override
    public final boolean async() {
        return true;
    }

    @Override
    public final CompletionStage<?> callAsync() {
        throw new UnsupportedOperationException(this + " runs on perf's event loops");
    }
}
