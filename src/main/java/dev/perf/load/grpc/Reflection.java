package dev.perf.load.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The server reflection client ({@code grpc.reflection.v1.ServerReflection}, as grpc-java's, grpc-go's and
 * most servers serve it): asks for the file that defines a service, then for every file it imports that the
 * answers have not yet brought, one request at a time on one stream. Its own messages are described here, so no
 * generated code is needed. Used once, before the measurement.
 */
final class Reflection {
    private static final String SERVICE = "grpc.reflection.v1.ServerReflection";
    private static final Descriptors.Descriptor REQUEST;
    private static final Descriptors.Descriptor RESPONSE;

    static {
        FieldDescriptorProto.Type string = FieldDescriptorProto.Type.TYPE_STRING;
        FileDescriptorProto proto = FileDescriptorProto.newBuilder()
                .setName("perf/reflection.proto")
                .setPackage("grpc.reflection.v1")
                .setSyntax("proto3")
                .addMessageType(DescriptorProto.newBuilder()
                        .setName("ServerReflectionRequest")
                        .addField(field("host", 1, string, -1))
                        .addField(field("file_by_filename", 3, string, 0))
                        .addField(field("file_containing_symbol", 4, string, 0))
                        .addOneofDecl(OneofDescriptorProto.newBuilder().setName("message_request")))
                .addMessageType(DescriptorProto.newBuilder()
                        .setName("FileDescriptorResponse")
                        .addField(field("file_descriptor_proto", 1, FieldDescriptorProto.Type.TYPE_BYTES, -1)
                                .setLabel(FieldDescriptorProto.Label.LABEL_REPEATED)))
                .addMessageType(DescriptorProto.newBuilder()
                        .setName("ErrorResponse")
                        .addField(field("error_code", 1, FieldDescriptorProto.Type.TYPE_INT32, -1))
                        .addField(field("error_message", 2, string, -1)))
                .addMessageType(DescriptorProto.newBuilder()
                        .setName("ServerReflectionResponse")
                        .addField(field("valid_host", 1, string, -1))
                        .addField(message("file_descriptor_response", 4, ".grpc.reflection.v1.FileDescriptorResponse"))
                        .addField(message("error_response", 7, ".grpc.reflection.v1.ErrorResponse"))
                        .addOneofDecl(OneofDescriptorProto.newBuilder().setName("message_response")))
                .addService(ServiceDescriptorProto.newBuilder()
                        .setName("ServerReflection")
                        .addMethod(MethodDescriptorProto.newBuilder()
                                .setName("ServerReflectionInfo")
                                .setInputType(".grpc.reflection.v1.ServerReflectionRequest")
                                .setOutputType(".grpc.reflection.v1.ServerReflectionResponse")
                                .setClientStreaming(true)
                                .setServerStreaming(true)))
                .build();
        try {
            Descriptors.FileDescriptor file =
                    Descriptors.FileDescriptor.buildFrom(proto, new Descriptors.FileDescriptor[0]);
            REQUEST = file.findMessageTypeByName("ServerReflectionRequest");
            RESPONSE = file.findMessageTypeByName("ServerReflectionResponse");
        } catch (Descriptors.DescriptorValidationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static FieldDescriptorProto.Builder field(
            String name, int number, FieldDescriptorProto.Type type, int oneof) {
        FieldDescriptorProto.Builder b = FieldDescriptorProto.newBuilder()
                .setName(name)
                .setNumber(number)
                .setType(type)
                .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL);
        return oneof < 0 ? b : b.setOneofIndex(oneof);
    }

    private static FieldDescriptorProto.Builder message(String name, int number, String type) {
        return field(name, number, FieldDescriptorProto.Type.TYPE_MESSAGE, 0).setTypeName(type);
    }

    private Reflection() {}

    /**
     * The files that define {@code service} and everything they import, from the server behind {@code channel};
     * an {@link IllegalStateException} saying what went wrong when the server does not serve reflection or does
     * not know the service.
     */
    static List<FileDescriptorProto> files(ManagedChannel channel, String service, long timeoutNanos) {
        MethodDescriptor<DynamicMessage, DynamicMessage> method =
                MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder()
                        .setType(MethodDescriptor.MethodType.BIDI_STREAMING)
                        .setFullMethodName(SERVICE + "/ServerReflectionInfo")
                        .setRequestMarshaller(new MessageMarshaller(REQUEST))
                        .setResponseMarshaller(new MessageMarshaller(RESPONSE))
                        .build();
        ClientCall<DynamicMessage, DynamicMessage> call =
                channel.newCall(method, CallOptions.DEFAULT.withDeadlineAfter(timeoutNanos, TimeUnit.NANOSECONDS));
        Exchange exchange = new Exchange(call);
        call.start(exchange, new Metadata());
        call.request(Integer.MAX_VALUE);
        exchange.ask("file_containing_symbol", service);
        try {
            return exchange.done.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            call.cancel("perf: no answer", null);
            throw new IllegalStateException("the server did not answer its reflection service in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel("perf: interrupted", null);
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** One reflection stream: a question at a time, each answer's imports asked for until none is missing. */
    private static final class Exchange extends ClientCall.Listener<DynamicMessage> {
        private final ClientCall<DynamicMessage, DynamicMessage> call;
        private final Map<String, FileDescriptorProto> files = new LinkedHashMap<>();
        private final Deque<String> wanted = new ArrayDeque<>();
        final CompletableFuture<List<FileDescriptorProto>> done = new CompletableFuture<>();

        Exchange(ClientCall<DynamicMessage, DynamicMessage> call) {
            this.call = call;
        }

        void ask(String field, String value) {
            DynamicMessage.Builder b = DynamicMessage.newBuilder(REQUEST);
            b.setField(REQUEST.findFieldByName(field), value);
            call.sendMessage(b.build());
        }

        @Override
        public synchronized void onMessage(DynamicMessage response) {
            Descriptors.FieldDescriptor error = RESPONSE.findFieldByName("error_response");
            if (response.hasField(error)) {
                DynamicMessage e = (DynamicMessage) response.getField(error);
                done.completeExceptionally(new IllegalStateException("the server's reflection says: "
                        + e.getField(e.getDescriptorForType().findFieldByName("error_message"))));
                call.cancel("perf: reflection failed", null);
                return;
            }
            DynamicMessage files =
                    (DynamicMessage) response.getField(RESPONSE.findFieldByName("file_descriptor_response"));
            @SuppressWarnings("unchecked")
            List<ByteString> protos = (List<ByteString>)
                    files.getField(files.getDescriptorForType().findFieldByName("file_descriptor_proto"));
            try {
                for (ByteString bytes : protos) {
                    FileDescriptorProto f = FileDescriptorProto.parseFrom(bytes);
                    this.files.putIfAbsent(f.getName(), f);
                }
            } catch (InvalidProtocolBufferException e) {
                done.completeExceptionally(new IllegalStateException(
                        "the server's reflection sent a file that is not" + " a descriptor: " + e.getMessage()));
                call.cancel("perf: bad answer", null);
                return;
            }
            for (FileDescriptorProto f : List.copyOf(this.files.values())) {
                for (String dep : f.getDependencyList()) {
                    if (!this.files.containsKey(dep) && !wanted.contains(dep)) {
                        wanted.add(dep);
                    }
                }
            }
            wanted.removeIf(this.files::containsKey);
            if (wanted.isEmpty()) {
                call.halfClose();
                done.complete(new ArrayList<>(this.files.values()));
            } else {
                ask("file_by_filename", wanted.peekFirst());
            }
        }

        @Override
        public void onClose(Status status, Metadata trailers) {
            if (!done.isDone()) {
                done.completeExceptionally(new IllegalStateException(
                        status.getCode() == Status.Code.UNIMPLEMENTED
                                ? "the server does not serve reflection (grpc.reflection.v1)"
                                : "reflection ended with " + status.getCode()
                                        + (status.getDescription() == null ? "" : ": " + status.getDescription())));
            }
        }
    }
}
