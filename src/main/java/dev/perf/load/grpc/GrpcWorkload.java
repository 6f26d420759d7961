package dev.perf.load.grpc;

import com.google.protobuf.DynamicMessage;
import dev.perf.load.drive.Lane;
import dev.perf.load.drive.LoopWorkload;
import dev.perf.load.record.ConnectStats;
import dev.perf.result.PerfException;
import io.grpc.ChannelCredentials;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code grpc} target: {@code channels} grpc-java channels (each one HTTP/2 connection, over grpc-java's own
 * Netty), connected before the measurement; its lanes ({@link GrpcLane}) start calls from perf's event loops and
 * record their ends there, so the schedule, the coordinated-omission correction and the closed model are http's.
 * It is never called like a Java workload.
 */
public final class GrpcWorkload extends LoopWorkload {
    /** How long a channel may take to connect before the loop fails. */
    private static final long CONNECT_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final GrpcPlan plan;
    private final MethodDescriptor<DynamicMessage, DynamicMessage> method;
    private final ConnectStats connects = new ConnectStats();
    private ManagedChannel[] channels = new ManagedChannel[0];

    public GrpcWorkload(GrpcPlan plan) {
        this.plan = plan;
        this.method = MessageMarshaller.method(plan.method());
    }

    GrpcPlan plan() {
        return plan;
    }

    MethodDescriptor<DynamicMessage, DynamicMessage> method() {
        return method;
    }

    /** The channel of operation {@code seq}: the channels take turns. */
    ManagedChannel channel(long seq) {
        return channels[(int) Math.floorMod(seq, (long) channels.length)];
    }

    /** Opens and connects every channel; bad input naming the target when one cannot connect. */
    @Override
    public void setUp(Map<String, String> params) {
        ChannelCredentials credentials = GrpcChannels.credentials(plan.where(), plan.target(), plan.baseDir());
        channels = new ManagedChannel[plan.target().channelCount()];
        for (int i = 0; i < channels.length; i++) {
            channels[i] = GrpcChannels.open(plan.target(), plan.host(), plan.port(), credentials);
            connect(channels[i]);
        }
    }

    private void connect(ManagedChannel channel) {
        long start = System.nanoTime();
        ConnectivityState state = channel.getState(true);
        while (state != ConnectivityState.READY) {
            if (state == ConnectivityState.TRANSIENT_FAILURE || System.nanoTime() - start > CONNECT_NANOS) {
                connects.failed();
                tearDown();
                throw PerfException.badInput(plan.where() + ": cannot connect to grpc "
                        + plan.target().target()
                        + (plan.target().secure() ? " over TLS" : " (plaintext)") + ": the channel is " + state
                        + " (is the server running there, and does it speak "
                        + (plan.target().secure() ? "TLS" : "plaintext h2c") + "?)");
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw PerfException.badInput(plan.where() + ": interrupted while connecting");
            }
            state = channel.getState(false);
        }
        connects.connected(System.nanoTime() - start);
    }

    @Override
    public Lane open(Lane.Place place) {
        return new GrpcLane(place, this);
    }

    @Override
    public List<String> parts() {
        return plan.parts();
    }

    @Override
    public ConnectStats connects() {
        return connects;
    }

    @Override
    public String targetNote() {
        return plan.target().secure() ? " (TLS)" : "";
    }

    @Override
    public void tearDown() {
        for (ManagedChannel c : channels) {
            if (c != null) {
                c.shutdownNow();
            }
        }
        for (ManagedChannel c : channels) {
            if (c != null) {
                try {
                    c.awaitTermination(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public String toString() {
        return plan.target().describe();
    }
}
