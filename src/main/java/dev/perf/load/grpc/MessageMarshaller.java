package dev.perf.load.grpc;

import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import io.grpc.MethodDescriptor;
import java.io.IOException;
import java.io.InputStream;

/** A message of a descriptor's type (no generated code), as grpc-java puts it on the wire and reads it back. */
public final class MessageMarshaller implements MethodDescriptor.Marshaller<DynamicMessage> {
    private final Descriptors.Descriptor type;

    public MessageMarshaller(Descriptors.Descriptor type) {
        this.type = type;
    }

    /** The method {@code m} with messages of its descriptor's types (unary or server-streaming). */
    public static MethodDescriptor<DynamicMessage, DynamicMessage> method(Descriptors.MethodDescriptor m) {
        return MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder()
                .setType(
                        m.isServerStreaming()
                                ? MethodDescriptor.MethodType.SERVER_STREAMING
                                : MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(
                        MethodDescriptor.generateFullMethodName(m.getService().getFullName(), m.getName()))
                .setRequestMarshaller(new MessageMarshaller(m.getInputType()))
                .setResponseMarshaller(new MessageMarshaller(m.getOutputType()))
                .build();
    }

    @Override
    public InputStream stream(DynamicMessage value) {
        return value.toByteString().newInput();
    }

    @Override
    public DynamicMessage parse(InputStream stream) {
        try {
            return DynamicMessage.parseFrom(type, stream);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot parse a " + type.getFullName() + ": " + e.getMessage(), e);
        }
    }
}
