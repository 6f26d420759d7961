package dev.perf.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP trace receiver on 127.0.0.1: {@code POST /v1/traces} with an {@code ExportTraceServiceRequest}
 * (protobuf, gzip or not), decoded with the OpenTelemetry proto classes; every span kept with its resource's
 * {@code service.name}. Stopped by {@link #close()}.
 */
public final class OtlpReceiver implements AutoCloseable {
    /** A received span and the service that sent it. */
    public record Received(String service, Span span) {}

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Received> spans = new ConcurrentLinkedQueue<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> problems = new ArrayList<>();

    public OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/v1/traces", this::traces);
        server.start();
    }

    /** Its traces URL. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
    }

    private void traces(HttpExchange exchange) throws IOException {
        try (exchange) {
            receive(exchange);
        } catch (IOException | RuntimeException | Error e) {
            synchronized (problems) {
                problems.add(e.toString());
            }
            throw e;
        }
    }

    private void receive(HttpExchange exchange) throws IOException {
        {
            requests.incrementAndGet();
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (!"application/x-protobuf".equals(type)) {
                synchronized (problems) {
                    problems.add("Content-Type " + type);
                }
            }
            InputStream in = exchange.getRequestBody();
            if ("gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                in = new GZIPInputStream(in);
            }
            ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(in.readAllBytes());
            for (ResourceSpans rs : request.getResourceSpansList()) {
                String service = rs.getResource().getAttributesList().stream()
                        .filter(a -> a.getKey().equals("service.name"))
                        .map(a -> a.getValue().getStringValue())
                        .findFirst()
                        .orElse(null);
                for (ScopeSpans ss : rs.getScopeSpansList()) {
                    ss.getSpansList().forEach(s -> spans.add(new Received(service, s)));
                }
            }
            byte[] body = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
        }
    }

    /** Every span received so far. */
    public List<Received> spans() {
        return List.copyOf(spans);
    }

    /** How many export requests arrived. */
    public int requests() {
        return requests.get();
    }

    /** What was wrong with a request's form (its content type), if anything. */
    public List<String> problems() {
        synchronized (problems) {
            return List.copyOf(problems);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
