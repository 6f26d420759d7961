package dev.perf.load.spans;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.common.InstrumentationLibraryInfo;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.List;

/**
 * One finished client span as the OTLP exporter reads it: the ids the request's {@code traceparent} carried,
 * its actual start and end, error status when it failed, and the operation's index. Immutable.
 *
 * @param shape what every span of the loop shares
 * @param traceId 32 hex digits
 * @param spanId 16 hex digits
 * @param seq the operation's index
 * @param startEpochNanos when it was sent, ns since the epoch
 * @param endEpochNanos when it completed (or timed out), ns since the epoch
 * @param failed whether it failed
 */
record ClientSpan(
        Shape shape, String traceId, String spanId, long seq, long startEpochNanos, long endEpochNanos, boolean failed)
        implements SpanData {

    /**
     * What the spans of one loop share.
     *
     * @param name the span's name: the loop's
     * @param resource {@code service.name=perf} and the suite
     * @param scope perf's instrumentation scope
     * @param attributes {@code perf.loop}
     */
    record Shape(String name, Resource resource, InstrumentationScopeInfo scope, Attributes attributes) {}

    @Override
    public String getName() {
        return shape.name();
    }

    @Override
    public SpanKind getKind() {
        return SpanKind.CLIENT;
    }

    @Override
    public SpanContext getSpanContext() {
        return SpanContext.create(traceId, spanId, TraceFlags.getSampled(), TraceState.getDefault());
    }

    @Override
    public SpanContext getParentSpanContext() {
        return SpanContext.getInvalid();
    }

    @Override
    public StatusData getStatus() {
        return failed ? StatusData.error() : StatusData.unset();
    }

    @Override
    public long getStartEpochNanos() {
        return startEpochNanos;
    }

    @Override
    public Attributes getAttributes() {
        return shape.attributes().toBuilder().put("perf.operation.index", seq).build();
    }

    @Override
    public List<EventData> getEvents() {
        return List.of();
    }

    @Override
    public List<LinkData> getLinks() {
        return List.of();
    }

    @Override
    public long getEndEpochNanos() {
        return endEpochNanos;
    }

    @Override
    public boolean hasEnded() {
        return true;
    }

    @Override
    public int getTotalRecordedEvents() {
        return 0;
    }

    @Override
    public int getTotalRecordedLinks() {
        return 0;
    }

    @Override
    public int getTotalAttributeCount() {
        return shape.attributes().size() + 1;
    }

    @Override
    @Deprecated
    @SuppressWarnings("deprecation") // the interface still asks for it; the exporter reads the scope
    public InstrumentationLibraryInfo getInstrumentationLibraryInfo() {
        return InstrumentationLibraryInfo.create(
                shape.scope().getName(), shape.scope().getVersion());
    }

    @Override
    public InstrumentationScopeInfo getInstrumentationScopeInfo() {
        return shape.scope();
    }

    @Override
    public Resource getResource() {
        return shape.resource();
    }
}
