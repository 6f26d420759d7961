package dev.perf.load.drive;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ResourceLeakDetector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The event loops of the generator (native epoll on Linux, NIO elsewhere) and the rule for how many.
 *
 * <p><b>How many loops.</b> One loop sends about 100 000 requests a second to a fast local server before it is
 * busy; perf plans for half that. Open model: {@code ceil(peak rate / 50 000)} loops; closed model: one per
 * user. Either way at most half the CPUs (the other half is the target's when it runs on the same machine;
 * at least one) and at most the connections. So one loop below 50 000/s, and always one on a 2-core
 * machine.
 */
public final class EventLoops {
    /** The rate one loop is planned for, per second. */
    static final double RATE_PER_LOOP = 50_000;

    static {
        // Netty recycles only one in 8 of its write-queue entries by default, allocating the other seven: one
        // object per request. Every one, here (unless the user chose otherwise); set before Netty reads it.
        if (System.getProperty("io.netty.recycler.ratio") == null) {
            System.setProperty("io.netty.recycler.ratio", "1");
        }
        // Netty's leak detector samples one buffer in 128 with a stack trace: TLS and HTTP/2 allocate several
        // buffers per request, so it cost a stack trace every ~40 requests (2 % of the bytes). perf releases
        // its buffers by construction; -Dio.netty.leakDetection.level=simple brings it back to debug that.
        if (System.getProperty("io.netty.leakDetection.level") == null
                && System.getProperty("io.netty.leakDetectionLevel") == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
    }

    private EventLoops() {}

    /** The number of loops for {@code peakRatePerSec} (NaN: closed model) with {@code connections}. */
    public static int count(double peakRatePerSec, int connections, int cpus) {
        int wanted = Double.isNaN(peakRatePerSec) ? connections : (int) Math.ceil(peakRatePerSec / RATE_PER_LOOP);
        return Math.max(1, Math.min(Math.min(wanted, connections), cpus / 2));
    }

    /** A group of {@code loops} event loops with threads named {@code perf-loop-N}. */
    static EventLoopGroup group(int loops) {
        IoHandlerFactory io = Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "perf-loop-" + n.getAndIncrement());
            t.setDaemon(true);
            return t;
        };
        return new MultiThreadIoEventLoopGroup(loops, threads, io);
    }

    /**
     * Asks Linux to wake the calling thread when its timer expires rather than up to 50 µs later (the default
     * timer slack, by which the kernel groups wake-ups): the loop's fire times are its schedule. Elsewhere, or
     * where {@code /proc} refuses, nothing changes.
     */
    static void tightenTimerSlack() {
        try {
            Path self = Files.readSymbolicLink(Path.of("/proc/thread-self"));
            Path slack = Path.of("/proc", self.getFileName().toString(), "timerslack_ns");
            Files.writeString(slack, "1");
        } catch (IOException | RuntimeException e) {
            // not Linux, or not allowed: the default slack only makes wake-ups up to 50 µs later
        }
    }

    public static Class<? extends SocketChannel> channelClass() {
        return Epoll.isAvailable() ? EpollSocketChannel.class : NioSocketChannel.class;
    }
}
