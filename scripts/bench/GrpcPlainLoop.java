import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import dev.perf.demo.DemoGrpc;
import dev.perf.load.grpc.MessageMarshaller;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The peer of grpc-vs-plain.sh: a plain grpc-java client of the demo catalog's GetItem, with no harness around
 * it — one channel, a prebuilt message per id, no histogram. USERS > 0: that many calls always in flight (each
 * completion starts the next); RATE > 0 instead: calls started at that rate by a timer. Prints the calls that
 * completed in SECONDS. Run: java -cp target/perf.jar scripts/bench/GrpcPlainLoop.java HOST:PORT USERS RATE SECONDS
 */
public class GrpcPlainLoop {
    public static void main(String[] args) throws Exception {
        String[] hp = args[0].split(":", 2);
        int users = Integer.parseInt(args[1]);
        int rate = Integer.parseInt(args[2]);
        long seconds = Long.parseLong(args[3]);
        Descriptors.MethodDescriptor get = DemoGrpc.descriptor().findServiceByName("Catalog").findMethodByName("GetItem");
        MethodDescriptor<DynamicMessage, DynamicMessage> method = MessageMarshaller.method(get);
        Descriptors.Descriptor in = get.getInputType();
        ManagedChannel channel = Grpc.newChannelBuilderForAddress(hp[0], Integer.parseInt(hp[1]),
                        InsecureChannelCredentials.create())
                .directExecutor()
                .build();
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Runnable[] call = new Runnable[1];
        call[0] = () -> {
            DynamicMessage request = DynamicMessage.newBuilder(in)
                    .setField(in.findFieldByName("id"), (long) ThreadLocalRandom.current().nextInt(1, 1001))
                    .build();
            ClientCall<DynamicMessage, DynamicMessage> c = channel.newCall(method, CallOptions.DEFAULT);
            c.start(new ClientCall.Listener<>() {
                @Override
                public void onClose(Status status, Metadata trailers) {
                    done.incrementAndGet();
                    if (users > 0 && System.nanoTime() < end) {
                        call[0].run();
                    }
                }
            }, new Metadata());
            c.request(2);
            c.sendMessage(request);
            c.halfClose();
        };
        if (users > 0) {
            for (int u = 0; u < users; u++) {
                call[0].run();
            }
        } else {
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
            long period = 1_000_000_000L / rate;
            timer.scheduleAtFixedRate(call[0], 0, period, TimeUnit.NANOSECONDS);
            Thread.sleep(TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()));
            timer.shutdownNow();
        }
        while (System.nanoTime() < end) {
            Thread.sleep(10);
        }
        Thread.sleep(200);
        System.out.println(done.get());
        channel.shutdownNow();
    }
}
