package dev.perf.bench;

import dev.perf.result.PerfException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * JMH's lock file: one JMH at a time per machine takes {@code <java.io.tmpdir>/jmh.lock}, and a JMH that
 * cannot take it fails every benchmark. perf waits for the lock before it starts JMH, so a concurrent JMH
 * (another CI job, an IDE run) gives one clear line and a bounded wait instead of "FAILED" benchmarks.
 * Thread-safe; the lock is only probed (taken and released), JMH takes it itself.
 */
final class JmhLock {
    private static final long POLL_MILLIS = 250;

    private JmhLock() {}

    /** The lock file JMH uses in this JVM's temporary directory. */
    static Path file() {
        return Path.of(System.getProperty("java.io.tmpdir"), "jmh.lock");
    }

    /**
     * Returns once no other process holds {@code lock}; says once on {@code notice} that it waits; bad input
     * naming the lock when it is still held after {@code timeout}.
     */
    static void await(Path lock, Duration timeout, Consumer<String> notice) {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean said = false;
        while (true) {
            if (free(lock)) {
                return;
            }
            if (System.nanoTime() >= deadline) {
                throw PerfException.badInput("another JMH holds its lock file " + lock + " (JMH runs one at a time per"
                        + " machine); wait for it to finish, stop it, or raise --lock-timeout (was "
                        + timeout.toSeconds() + "s)");
            }
            if (!said) {
                notice.accept("perf: waiting for JMH's lock file " + lock + ": another JMH is running (up to "
                        + timeout.toSeconds() + "s, --lock-timeout)");
                said = true;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw PerfException.interrupted("interrupted while waiting for JMH's lock file " + lock);
            }
        }
    }

    /** Whether no other process holds the lock now (a lock file that cannot be opened counts as free). */
    private static boolean free(Path lock) {
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock taken = channel.tryLock();
            if (taken == null) {
                return false;
            }
            taken.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return true; // held by this JVM, i.e. by perf's own JMH: not another JMH
        } catch (IOException e) {
            return true; // JMH will report what is wrong with the file itself
        }
    }
}
