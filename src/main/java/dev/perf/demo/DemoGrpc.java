package dev.perf.demo;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import dev.perf.load.grpc.MessageMarshaller;
import io.grpc.BindableService;
import io.grpc.InsecureServerCredentials;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small gRPC catalog for perf's grpc target, on 127.0.0.1, built from descriptors (no generated code):
 * {@code shop.Catalog/GetItem} answers item {@code id} (1 to 1000; NOT_FOUND otherwise), after {@code delayMs}
 * when asked; {@code shop.Catalog/ListItems} streams {@code count} items from {@code from}. It counts the calls
 * it answered, the truth tests hold perf's figures to. {@code java -cp perf.jar dev.perf.demo.DemoGrpc PORT
 * PROTOSET} serves on PORT and writes its descriptor set to PROTOSET.
 */
public final class DemoGrpc implements AutoCloseable {
    /** The catalog's .proto, as descriptors. */
    private static final FileDescriptorProto PROTO = FileDescriptorProto.newBuilder()
            .setName("shop/catalog.proto")
            .setPackage("shop")
            .setSyntax("proto3")
            .addMessageType(message(
                    "GetItemRequest",
                    field("id", 1, FieldDescriptorProto.Type.TYPE_INT64),
                    field("delayMs", 2, FieldDescriptorProto.Type.TYPE_INT32)))
            .addMessageType(message(
                    "Item",
                    field("id", 1, FieldDescriptorProto.Type.TYPE_INT64),
                    field("name", 2, FieldDescriptorProto.Type.TYPE_STRING),
                    field("price", 3, FieldDescriptorProto.Type.TYPE_DOUBLE)))
            .addMessageType(message(
                    "ListItemsRequest",
                    field("from", 1, FieldDescriptorProto.Type.TYPE_INT64),
                    field("count", 2, FieldDescriptorProto.Type.TYPE_INT32)))
            .addService(ServiceDescriptorProto.newBuilder()
                    .setName("Catalog")
                    .addMethod(MethodDescriptorProto.newBuilder()
                            .setName("GetItem")
                            .setInputType(".shop.GetItemRequest")
                            .setOutputType(".shop.Item"))
                    .addMethod(MethodDescriptorProto.newBuilder()
                            .setName("ListItems")
                            .setInputType(".shop.ListItemsRequest")
                            .setOutputType(".shop.Item")
                            .setServerStreaming(true)))
            .build();

    /** grpc-java's logger, held so that the level set on it stays. */
    private static final java.util.logging.Logger GRPC_LOG = java.util.logging.Logger.getLogger("io.grpc");

    private final Server server;
    private final int port;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "demo-grpc-timer");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong gets = new AtomicLong();
    private final AtomicLong lists = new AtomicLong();
    private final Descriptors.Descriptor item;

    private DemoGrpc(int port, ServerCredentials credentials, Object schema, BindableService... more)
            throws IOException {
        Descriptors.FileDescriptor file = file();
        Descriptors.ServiceDescriptor catalog = file.findServiceByName("Catalog");
        this.item = file.findMessageTypeByName("Item");
        Descriptors.MethodDescriptor get = catalog.findMethodByName("GetItem");
        Descriptors.MethodDescriptor list = catalog.findMethodByName("ListItems");
        MethodDescriptor<DynamicMessage, DynamicMessage> getMethod = MessageMarshaller.method(get);
        MethodDescriptor<DynamicMessage, DynamicMessage> listMethod = MessageMarshaller.method(list);
        ServiceDescriptor described = ServiceDescriptor.newBuilder("shop.Catalog")
                .setSchemaDescriptor(schema)
                .addMethod(getMethod)
                .addMethod(listMethod)
                .build();
        ServerServiceDefinition service = ServerServiceDefinition.builder(described)
                .addMethod(getMethod, ServerCalls.asyncUnaryCall(this::getItem))
                .addMethod(listMethod, ServerCalls.asyncServerStreamingCall(this::listItems))
                .build();
        NettyServerBuilder b = NettyServerBuilder.forAddress(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), port), credentials)
                .addService(service);
        for (BindableService s : more) {
            b.addService(s);
        }
        this.server = b.build().start();
        this.port = server.getPort();
    }

    /** Serves on {@code port} of 127.0.0.1 (0: any free port), plaintext. */
    public static DemoGrpc start(int port) throws IOException {
        return new DemoGrpc(port, InsecureServerCredentials.create(), null);
    }

    /**
     * Serves on {@code port}, plaintext, with {@code more} services beside the catalog (a reflection service),
     * the catalog described by {@code schema} (what such a service reads, e.g. a {@code ProtoFileDescriptorSupplier}
     * of {@link #descriptor()}).
     */
    public static DemoGrpc start(int port, Object schema, BindableService... more) throws IOException {
        return new DemoGrpc(port, InsecureServerCredentials.create(), schema, more);
    }

    /** Serves on {@code port} of 127.0.0.1 over TLS with {@code cert} and {@code key} (PEM). */
    public static DemoGrpc startTls(int port, File cert, File key) throws IOException {
        return new DemoGrpc(port, TlsServerCredentials.create(cert, key), null);
    }

    /** The catalog's descriptor set, as {@code protoc --descriptor_set_out} writes it. */
    public static byte[] protoset() {
        return FileDescriptorSet.newBuilder().addFile(PROTO).build().toByteArray();
    }

    /** The catalog's file descriptor. */
    public static Descriptors.FileDescriptor descriptor() {
        return file();
    }

    private static Descriptors.FileDescriptor file() {
        try {
            return Descriptors.FileDescriptor.buildFrom(PROTO, new Descriptors.FileDescriptor[0]);
        } catch (Descriptors.DescriptorValidationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DescriptorProto message(String name, FieldDescriptorProto.Builder... fields) {
        DescriptorProto.Builder b = DescriptorProto.newBuilder().setName(name);
        for (FieldDescriptorProto.Builder f : fields) {
            b.addField(f);
        }
        return b.build();
    }

    private static FieldDescriptorProto.Builder field(String name, int number, FieldDescriptorProto.Type type) {
        return FieldDescriptorProto.newBuilder()
                .setName(name)
                .setJsonName(name)
                .setNumber(number)
                .setType(type)
                .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL);
    }

    private DynamicMessage item(long id) {
        return DynamicMessage.newBuilder(item)
                .setField(item.findFieldByName("id"), id)
                .setField(item.findFieldByName("name"), "item-" + id)
                .setField(item.findFieldByName("price"), (id % 97) + 0.99)
                .build();
    }

    private static long longField(DynamicMessage m, String name) {
        return ((Number) m.getField(m.getDescriptorForType().findFieldByName(name))).longValue();
    }

    private void getItem(DynamicMessage request, StreamObserver<DynamicMessage> answer) {
        long id = longField(request, "id");
        long delay = longField(request, "delayMs");
        Runnable reply = () -> {
            gets.incrementAndGet();
            if (id < 1 || id > 1000) {
                answer.onError(Status.NOT_FOUND.withDescription("no item " + id).asRuntimeException());
            } else {
                answer.onNext(item(id));
                answer.onCompleted();
            }
        };
        if (delay > 0) {
            var unused = timer.schedule(reply, delay, TimeUnit.MILLISECONDS);
        } else {
            reply.run();
        }
    }

    private void listItems(DynamicMessage request, StreamObserver<DynamicMessage> answer) {
        long from = longField(request, "from");
        long count = longField(request, "count");
        lists.incrementAndGet();
        for (long i = 0; i < count; i++) {
            answer.onNext(item(from + i));
        }
        answer.onCompleted();
    }

    /** The port it serves on. */
    public int port() {
        return port;
    }

    /** GetItem calls answered (found or not). */
    public long gets() {
        return gets.get();
    }

    /** ListItems calls answered. */
    public long lists() {
        return lists.get();
    }

    @Override
    public void close() {
        server.shutdownNow();
        timer.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Serves on port {@code args[0]} and writes the descriptor set to {@code args[1]}, until killed. */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: java -cp perf.jar dev.perf.demo.DemoGrpc PORT PROTOSET_FILE");
            System.exit(2);
        }
        // a client that goes away with calls in flight is no news for a demo server: grpc-java would log each
        GRPC_LOG.setLevel(java.util.logging.Level.SEVERE);
        Files.write(Path.of(args[1]), protoset());
        DemoGrpc demo = start(Integer.parseInt(args[0]));
        System.out.println("demo grpc on 127.0.0.1:" + demo.port());
        demo.server.awaitTermination();
    }
}
