import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * How late this machine wakes a sleeping thread: a thread parks until each of N fire times PERIOD_US apart
 * and records how late it woke. The floor of any generator that sleeps between sends instead of burning a
 * core. Run with the source launcher: {@code java scripts/bench/TimerJitter.java 100 5000}.
 */
public final class TimerJitter {
    private TimerJitter() {}

    public static void main(String[] args) {
        long periodNanos = Long.parseLong(args[0]) * 1_000;
        int n = Integer.parseInt(args[1]);
        long[] late = new long[n];
        long next = System.nanoTime() + 10_000_000;
        for (int i = 0; i < n; i++) {
            long remaining;
            while ((remaining = next - System.nanoTime()) > 0) {
                LockSupport.parkNanos(remaining);
            }
            late[i] = System.nanoTime() - next;
            next += periodNanos;
        }
        Arrays.sort(late);
        System.out.printf(
                "p50 %d us, p99 %d us, max %d us%n",
                late[n / 2] / 1000, late[(int) (n * 0.99)] / 1000, late[n - 1] / 1000);
    }
}
