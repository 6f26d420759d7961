package dev.perf.suite;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A gRPC method called over grpc-java: one operation is one call, unary or server-streaming, its request written
 * as JSON and turned into the method's input message through the descriptors of a {@code protoset} file ({@code
 * protoc --descriptor_set_out=FILE --include_imports}). The request and the metadata values may hold {@link
 * Placeholders}.
 *
 * @param target {@code host:port} of the server
 * @param method {@code package.Service/Method}
 * @param protoset the descriptor set that defines the method and its messages, relative to the suite; without
 *     it the server's reflection service ({@code grpc.reflection.v1}) is asked
 * @param request the input message as JSON (default {@code {}})
 * @param metadata request headers (metadata) by name, lower case
 * @param deadline each call's deadline; default the loop's timeout
 * @param tls how the server's certificate is checked; without it the channel is plaintext
 * @param check what a call must end with to count as a success
 * @param channels channels (HTTP/2 connections) the calls are spread over; default 1
 */
public record GrpcTarget(
        String target,
        String method,
        String protoset,
        String request,
        Map<String, String> metadata,
        Duration deadline,
        TlsOptions tls,
        GrpcCheck check,
        Integer channels) {

    /** The status codes of gRPC, by name. */
    public static final List<String> CODES = List.of(
            "OK",
            "CANCELLED",
            "UNKNOWN",
            "INVALID_ARGUMENT",
            "DEADLINE_EXCEEDED",
            "NOT_FOUND",
            "ALREADY_EXISTS",
            "PERMISSION_DENIED",
            "RESOURCE_EXHAUSTED",
            "FAILED_PRECONDITION",
            "ABORTED",
            "OUT_OF_RANGE",
            "UNIMPLEMENTED",
            "INTERNAL",
            "UNAVAILABLE",
            "DATA_LOSS",
            "UNAUTHENTICATED");

    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9a-fA-F:.]+\\]|[A-Za-z0-9.-]+):(\\d{1,5})");
    private static final Pattern METHOD = Pattern.compile("([A-Za-z_][\\w]*\\.)*[A-Za-z_]\\w*/[A-Za-z_]\\w*");

    /**
     * What a call must end with.
     *
     * @param status the status codes that count as a success, by name; default OK
     * @param json response fields by JSON path ({@code $.item.name}, a pointer {@code /item/name}), each a regular
     *     expression the field's text must match in full (the last message of a stream)
     */
    public record GrpcCheck(List<String> status, Map<String, String> json) {
        public GrpcCheck {
            status = status == null ? List.of() : List.copyOf(status);
            for (String s : status) {
                if (s == null || !CODES.contains(s.toUpperCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("grpc.check.status: '" + s + "' is not a gRPC status; use"
                            + " one of " + String.join(", ", CODES));
                }
            }
            status = status.stream().map(s -> s.toUpperCase(Locale.ROOT)).toList();
            json = json == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(json));
            json.forEach((path, regex) -> {
                try {
                    JsonPath.parse(path);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("grpc.check.json: " + e.getMessage());
                }
                try {
                    Pattern.compile(regex == null ? "" : regex);
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException(
                            "grpc.check.json." + path + ": invalid regular expression: " + e.getDescription());
                }
            });
        }
    }

    public GrpcTarget {
        if (target == null
                || !HOST_PORT.matcher(target).matches()
                || Integer.parseInt(target.substring(target.lastIndexOf(':') + 1)) > 65535) {
            throw new IllegalArgumentException("grpc.target must be host:port, e.g. 127.0.0.1:50051"
                    + (target == null ? "" : " (got '" + target + "')"));
        }
        if (method == null || !METHOD.matcher(method).matches()) {
            throw new IllegalArgumentException("grpc.method must be package.Service/Method, e.g. shop.Catalog/GetItem"
                    + (method == null ? "" : " (got '" + method + "')"));
        }
        if (protoset != null && protoset.isBlank()) {
            throw new IllegalArgumentException("grpc.protoset is empty: give a descriptor set made with protoc"
                    + " --descriptor_set_out=FILE --include_imports, or leave it out to ask the server's reflection");
        }
        request = request == null ? "{}" : request;
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        for (String name : metadata.keySet()) {
            if (name.isEmpty() || !name.equals(name.toLowerCase(Locale.ROOT)) || !name.matches("[a-z0-9_.-]+")) {
                throw new IllegalArgumentException("grpc.metadata: '" + name + "' is not a metadata key (lower-case"
                        + " letters, digits, '-', '_' and '.')");
            }
        }
        if (deadline != null && (deadline.isZero() || deadline.isNegative())) {
            throw new IllegalArgumentException("grpc.deadline must be positive");
        }
        if (channels != null && (channels < 1 || channels > 256)) {
            throw new IllegalArgumentException("grpc.channels must be between 1 and 256 (got " + channels + ")");
        }
        check = check == null ? new GrpcCheck(null, null) : check;
        for (String text : metadata.values()) {
            noVariables("grpc.metadata", text);
        }
        noVariables("grpc.request", request);
    }

    private static void noVariables(String key, String text) {
        for (Placeholders.Part p : Placeholders.parse(text, key)) {
            if (p instanceof Placeholders.Var v) {
                throw new IllegalArgumentException(key + ": unknown placeholder ${" + v.name()
                        + "}; use ${seq}, ${random(1,1000)}, ${uuid}, ${data.NAME.COLUMN} or ${env.NAME}");
            }
        }
    }

    /** Whether the channel is TLS: when the suite gives {@code tls:}. */
    public boolean secure() {
        return tls != null;
    }

    /** The channels the calls are spread over. */
    public int channelCount() {
        return channels == null ? 1 : channels;
    }

    /** {@code grpc:host:port/package.Service/Method}. */
    public String describe() {
        return "grpc:" + target + "/" + method;
    }
}
