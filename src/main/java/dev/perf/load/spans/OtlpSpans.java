package dev.perf.load.spans;

import dev.perf.load.record.SpanSink;
import dev.perf.load.template.TraceContext;
import dev.perf.result.Printable;
import dev.perf.result.Traces;
import dev.perf.suite.TraceSpec;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Client spans of a traced loop's sampled operations, exported over OTLP/HTTP (protobuf) by OpenTelemetry's own
 * exporter. A recording thread only puts the operation's four numbers in a bounded queue (when it is full the
 * span is dropped and counted: the measurement never waits for a collector); a thread of its own takes them in
 * batches once a second (a batch's HTTP request costs about as much as its spans: 37 µs per span at 200 ms,
 * 17 at 1 s, measured at 1 000/s) and exports them; closing exports what is left and waits a bounded time. Each span
 * carries the trace id and span id of the {@code traceparent} its request sent, so the service's span is its
 * child in the tracing UI.
 */
public final class OtlpSpans implements SpanSink, AutoCloseable {
    private static final int QUEUE = 65_536;
    private static final int BATCH = 4096;
    private static final long PERIOD_NANOS = 1_000_000_000L;
    private static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(5);
    /** How long closing may take to export what is left; spans still queued then are dropped. */
    private static final long CLOSE_NANOS = 5_000_000_000L;

    /** A completed sampled operation, as the recording thread saw it. */
    private record Done(long seq, long startNanos, long endNanos, boolean failed) {}

    private final ArrayBlockingQueue<Done> queue = new ArrayBlockingQueue<>(QUEUE);
    private final SpanExporter exporter;
    private final String endpoint;
    private final ClientSpan.Shape shape;
    private final TraceContext trace;
    private final long baseNanos;
    private final long baseEpochNanos;
    private final Thread thread;
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean stopping;
    private volatile long deadline;
    /** Written by the export thread, read after it has ended. */
    private long exported;

    private long failed;
    private String error;

    private OtlpSpans(SpanExporter exporter, String endpoint, ClientSpan.Shape shape, TraceContext trace) {
        this.exporter = exporter;
        this.endpoint = endpoint;
        this.shape = shape;
        this.trace = trace;
        this.baseNanos = System.nanoTime();
        Duration sinceEpoch = Duration.between(Instant.EPOCH, Instant.now());
        this.baseEpochNanos = sinceEpoch.toNanos();
        this.thread = new Thread(this::exportLoop, "perf-otlp-spans");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts exporting the spans of loop {@code loop} as {@code spec} asks; null when it asks for none. */
    public static OtlpSpans start(TraceSpec spec, TraceContext trace, String loop) {
        if (spec == null || trace == null || spec.export() == null) {
            return null;
        }
        SpanExporter exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(spec.endpoint())
                .setTimeout(EXPORT_TIMEOUT)
                .setConnectTimeout(Duration.ofSeconds(2))
                .setRetryPolicy(null) // a batch the collector refuses is counted, not retried while the load runs
                .build();
        Resource resource = Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "perf"));
        ClientSpan.Shape shape = new ClientSpan.Shape(
                loop,
                resource,
                InstrumentationScopeInfo.create("dev.perf.load"),
                Attributes.of(AttributeKey.stringKey("perf.loop"), loop));
        return new OtlpSpans(exporter, spec.endpoint(), shape, trace);
    }

    @Override
    public void completed(long seq, long startNanos, long endNanos, boolean failed) {
        if (!queue.offer(new Done(seq, startNanos, endNanos, failed))) {
            dropped.incrementAndGet();
        }
    }

    private void exportLoop() {
        List<Done> batch = new ArrayList<>(BATCH);
        while (true) {
            boolean last = stopping; // read before draining: what was queued before close() is taken
            if (last && System.nanoTime() - deadline > 0) {
                dropped.addAndGet(queue.size()); // the collector is too slow for the rest
                queue.clear();
                return;
            }
            queue.drainTo(batch, BATCH);
            if (!batch.isEmpty()) {
                export(batch);
                batch.clear();
                continue;
            }
            if (last) {
                return;
            }
            LockSupport.parkNanos(PERIOD_NANOS);
        }
    }

    private void export(List<Done> batch) {
        List<SpanData> spans = new ArrayList<>(batch.size());
        for (Done d : batch) {
            spans.add(new ClientSpan(
                    shape,
                    trace.traceId(d.seq()),
                    TraceContext.hex(trace.spanId(d.seq(), 0)),
                    d.seq(),
                    baseEpochNanos + (d.startNanos() - baseNanos),
                    baseEpochNanos + (d.endNanos() - baseNanos),
                    d.failed()));
        }
        CompletableResultCode result = exporter.export(spans).join(EXPORT_TIMEOUT.toSeconds() + 1, TimeUnit.SECONDS);
        if (result.isSuccess()) {
            exported += spans.size();
        } else if (!result.isDone()) {
            dropped.addAndGet(spans.size());
        } else {
            failed += spans.size();
            if (error == null) {
                Throwable t = result.getFailureThrowable();
                error = t == null
                        ? "the collector at " + endpoint + " refused the spans"
                        : Printable.of(
                                t.getMessage() != null
                                        ? t.getMessage()
                                        : t.getClass().getSimpleName());
            }
        }
    }

    /** Exports what is queued, stops, and says what became of the spans. */
    public Traces.Export finish() {
        close();
        return new Traces.Export("otlp", endpoint, exported, dropped.get(), failed, error);
    }

    @Override
    public void close() {
        if (stopping) {
            return;
        }
        deadline = System.nanoTime() + CLOSE_NANOS;
        stopping = true;
        LockSupport.unpark(thread);
        try {
            thread.join((CLOSE_NANOS + EXPORT_TIMEOUT.toNanos()) / 1_000_000L + 1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        exporter.shutdown().join(2, TimeUnit.SECONDS);
    }
}
