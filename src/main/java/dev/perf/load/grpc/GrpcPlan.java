package dev.perf.load.grpc;

import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.perf.load.template.DataTable;
import dev.perf.load.template.Template;
import dev.perf.load.template.Templates;
import dev.perf.load.template.TraceContext;
import dev.perf.result.PerfException;
import dev.perf.suite.DataFile;
import dev.perf.suite.GrpcTarget;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A grpc target resolved before anything runs: its method found in the protoset, the request's JSON compiled and
 * checked against the input message (with operation 0's draws), the metadata compiled, so that bad input is
 * reported before the first call. Immutable.
 *
 * @param where the loop, for messages
 * @param target the suite's entry
 * @param host the server's host
 * @param port the server's port
 * @param method the method's descriptor
 * @param request the input message as JSON, per operation
 * @param fixed the input message, built once, when {@code request} is the same for every operation; else null
 * @param metadata the metadata values by key, per operation
 * @param deadlineNanos each call's deadline
 * @param checks what a call must end with
 * @param baseDir the suite's directory, for TLS files
 * @param trace the trace context each call's metadata carries ({@code traceparent}), or null
 */
public record GrpcPlan(
        String where,
        GrpcTarget target,
        String host,
        int port,
        Descriptors.MethodDescriptor method,
        Template request,
        DynamicMessage fixed,
        Map<Metadata.Key<String>, Template> metadata,
        long deadlineNanos,
        GrpcChecks checks,
        Path baseDir,
        TraceContext trace) {

    private static final Metadata.Key<String> TRACEPARENT =
            Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> TRACESTATE =
            Metadata.Key.of("tracestate", Metadata.ASCII_STRING_MARSHALLER);

    /** These calls, each carrying {@code trace}'s context in its metadata. */
    public GrpcPlan traced(TraceContext trace) {
        return new GrpcPlan(
                where, target, host, port, method, request, fixed, metadata, deadlineNanos, checks, baseDir, trace);
    }

    /** How long the server's reflection may take to describe a method. */
    private static final long REFLECT_NANOS = 10_000_000_000L;

    /** The part a server-streaming call records on its own: the time to its first message. */
    public static final String FIRST_MESSAGE = "firstMessage";

    /**
     * Resolves {@code target}; {@code where} names the loop in bad input; the protoset and data files are read
     * from {@code baseDir}; a call's deadline is the target's, else {@code timeoutNanos}; {@code
     * judgesFirstMessage} says whether the loop has a {@code steps.firstMessage} target (a unary method has no
     * such part).
     */
    public static GrpcPlan of(
            String where,
            GrpcTarget target,
            Map<String, DataFile> data,
            Path baseDir,
            long seed,
            UnaryOperator<String> env,
            long timeoutNanos,
            boolean judgesFirstMessage) {
        Protoset set = target.protoset() != null
                ? Protoset.read(where, baseDir.resolve(target.protoset()), target.protoset())
                : reflect(where, target, baseDir);
        Descriptors.MethodDescriptor method = set.method(where, target.method());
        if (method.isClientStreaming()) {
            throw PerfException.badInput(where + ": grpc.method " + target.method() + " streams from the client;"
                    + " perf calls unary and server-streaming methods only");
        }
        if (judgesFirstMessage && !method.isServerStreaming()) {
            throw PerfException.badInput(where + ": steps." + FIRST_MESSAGE + " applies to a server-streaming method;"
                    + " " + target.method() + " is unary: judge its latency instead");
        }
        Map<String, DataTable> tables = Templates.read(where, data, baseDir, seed);
        Templates t = new Templates(where, tables, env, List.of(), seed);
        Template request = t.compile("grpc.request", target.request(), Template.Place.BODY);
        DynamicMessage first;
        try {
            first = message(method.getInputType(), request.render(0));
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw PerfException.badInput(where + ": grpc.request does not fit "
                    + method.getInputType().getFullName() + ": " + oneLine(e.getMessage()) + " (operation 0's request: "
                    + request.render(0) + ")");
        }
        Map<Metadata.Key<String>, Template> metadata = new LinkedHashMap<>();
        target.metadata()
                .forEach((k, v) -> metadata.put(
                        Metadata.Key.of(k, Metadata.ASCII_STRING_MARSHALLER),
                        t.compile("grpc.metadata." + k, v, Template.Place.HEADER)));
        int colon = target.target().lastIndexOf(':');
        String host = target.target().substring(0, colon).replace("[", "").replace("]", "");
        return new GrpcPlan(
                where,
                target,
                host,
                Integer.parseInt(target.target().substring(colon + 1)),
                method,
                request,
                request.constant() ? first : null,
                metadata,
                target.deadline() != null ? target.deadline().toNanos() : timeoutNanos,
                GrpcChecks.of(target.check()),
                baseDir,
                null);
    }

    /** The server's own descriptors of the method's service, through its reflection service. */
    private static Protoset reflect(String where, GrpcTarget target, Path baseDir) {
        int colon = target.target().lastIndexOf(':');
        String host = target.target().substring(0, colon).replace("[", "").replace("]", "");
        int port = Integer.parseInt(target.target().substring(colon + 1));
        String service = target.method().substring(0, target.method().lastIndexOf('/'));
        ManagedChannel channel =
                GrpcChannels.open(target, host, port, GrpcChannels.credentials(where, target, baseDir));
        try {
            return Protoset.of(where, "the server's reflection", Reflection.files(channel, service, REFLECT_NANOS));
        } catch (IllegalStateException e) {
            throw PerfException.badInput(where + ": cannot describe " + target.method() + " through the reflection"
                    + " of " + target.target() + ": " + oneLine(e.getMessage()) + " (or give grpc.protoset: FILE)");
        } finally {
            channel.shutdownNow();
        }
    }

    /** {@code json} as a message of {@code type}: unknown fields are an error, as protoc's JSON mapping says. */
    static DynamicMessage message(Descriptors.Descriptor type, String json) throws InvalidProtocolBufferException {
        DynamicMessage.Builder b = DynamicMessage.newBuilder(type);
        JsonFormat.parser().merge(json, b);
        return b.build();
    }

    /** Operation {@code seq}'s input message: built once when it never changes, else from its JSON. */
    DynamicMessage request(long seq) throws InvalidProtocolBufferException {
        return fixed != null ? fixed : message(method.getInputType(), request.render(seq));
    }

    /** Operation {@code seq}'s metadata. */
    Metadata headers(long seq) {
        Metadata headers = new Metadata();
        metadata.forEach((key, value) -> headers.put(key, value.render(seq)));
        if (trace != null) {
            headers.put(TRACEPARENT, trace.traceparent(seq, 0));
            if (trace.tracestate() != null) {
                headers.put(TRACESTATE, trace.tracestate());
            }
        }
        return headers;
    }

    /** The parts each call records on its own: the first message of a server stream, or none. */
    public List<String> parts() {
        return method.isServerStreaming() ? List.of(FIRST_MESSAGE) : List.of();
    }

    static String oneLine(String m) {
        return m == null ? "" : m.replaceAll("[\\r\\n]+", " ");
    }
}
