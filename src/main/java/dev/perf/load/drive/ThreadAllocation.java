package dev.perf.load.drive;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Heap bytes the JVM's threads have allocated (HotSpot's counters): all of them, the calling one, or given ones —
 * so that a loop's allocation can be told apart from another's running at the same time. −1 wherever the JVM
 * does not tell.
 */
public final class ThreadAllocation {
    private ThreadAllocation() {}

    /**
     * HotSpot's {@code getTotalThreadAllocatedBytes()}, looked up once: the method is in every JDK perf runs on
     * (17 and later) but only in the Java SE 21 signature of {@code com.sun.management}, so a direct call does not
     * compile with {@code --release 17} on a newer JDK; null where the JVM lacks it.
     */
    private static final MethodHandle TOTAL_ALLOCATED = totalAllocated();

    private static MethodHandle totalAllocated() {
        try {
            return MethodHandles.publicLookup()
                    .findVirtual(
                            com.sun.management.ThreadMXBean.class,
                            "getTotalThreadAllocatedBytes",
                            MethodType.methodType(long.class));
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    /** What all threads of this JVM have allocated so far, or −1. */
    public static long total() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (TOTAL_ALLOCATED != null
                && threads instanceof com.sun.management.ThreadMXBean hotspot
                && hotspot.isThreadAllocatedMemoryEnabled()) {
            try {
                return (long) TOTAL_ALLOCATED.invoke(hotspot);
            } catch (Throwable e) {
                return -1;
            }
        }
        return -1;
    }

    private static com.sun.management.ThreadMXBean hotspot() {
        return ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean h
                        && h.isThreadAllocatedMemorySupported()
                        && h.isThreadAllocatedMemoryEnabled()
                ? h
                : null;
    }

    /** What the calling thread has allocated so far, or −1. */
    public static long current() {
        com.sun.management.ThreadMXBean h = hotspot();
        return h == null ? -1 : h.getCurrentThreadAllocatedBytes();
    }

    /** What the live threads {@code ids} have allocated so far, summed, or −1 when any one is unknown. */
    static long of(long[] ids) {
        com.sun.management.ThreadMXBean h = hotspot();
        if (h == null) {
            return -1;
        }
        long sum = 0;
        for (long bytes : h.getThreadAllocatedBytes(ids)) {
            if (bytes < 0) {
                return -1;
            }
            sum += bytes;
        }
        return sum;
    }
}
