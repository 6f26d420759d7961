package dev.perf.host;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A HotSpot JVM's heap in use, read from the performance counters it publishes in {@code
 * hsperfdata_USER/PID} (what {@code jstat} reads): the sum of the {@code used} counters of its heap
 * generations' spaces. Nothing attaches to the JVM and nothing runs in it; the file is mapped read-only once
 * and its counters read each sample. A JVM started with {@code -XX:-UsePerfData}, another user's JVM or
 * anything but a HotSpot JVM has no such file: {@link #open} returns null. One thread at a time.
 */
public final class HsPerfData {
    /** The counters that add up to the heap in use, e.g. {@code sun.gc.generation.0.space.0.used}. */
    private static final Pattern HEAP_USED = Pattern.compile("sun\\.gc\\.generation\\.\\d+\\.space\\.\\d+\\.used");

    private static final int MAGIC = 0xcafec0c0;
    private static final int PROLOGUE_BYTES = 32;

    private final MappedByteBuffer buffer;
    private int entries = -1;
    private long[] offsets = new long[0];

    private HsPerfData(MappedByteBuffer buffer) {
        this.buffer = buffer;
    }

    /** The counters of the JVM {@code pid}, or null when it publishes none that this user can read. */
    static HsPerfData open(long pid) {
        return open(pid, d -> d.heapUsedBytes() >= 0);
    }

    /**
     * Whether the JVM {@code pid} has finished its start-up ({@code sun.rt.createVmEndTime} is set: its
     * agents and JDK Flight Recorder have started, and it handles SIGTERM by running its shutdown); false
     * while it starts, or when it publishes no counters this user can read.
     */
    public static boolean createdVm(long pid) {
        return open(pid, d -> d.longCounter("sun.rt.createVmEndTime") > 0) != null;
    }

    /** The first counters file of {@code pid} that reads and satisfies {@code usable}; null when none does. */
    private static HsPerfData open(long pid, java.util.function.Predicate<HsPerfData> usable) {
        for (Path file : candidates(pid)) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                if (ch.size() < PROLOGUE_BYTES) {
                    continue;
                }
                MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
                if (map.order(ByteOrder.BIG_ENDIAN).getInt(0) != MAGIC) {
                    continue;
                }
                map.order(map.get(4) == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
                HsPerfData data = new HsPerfData(map);
                if (usable.test(data)) {
                    return data;
                }
            } catch (IOException | RuntimeException e) {
                // unreadable or not a counters file: try the next place
            }
        }
        return null;
    }

    /** The value of the long counter {@code name}; −1 when there is none (yet). */
    private long longCounter(String name) {
        int n = buffer.getInt(28);
        int at = buffer.getInt(24);
        for (int i = 0; i < n && at + 20 <= buffer.limit(); i++) {
            int length = buffer.getInt(at);
            if (length <= 0) {
                break;
            }
            if (buffer.get(at + 12) == 'J'
                    && buffer.getInt(at + 8) == 0
                    && name(at + buffer.getInt(at + 4)).equals(name)) {
                return buffer.getLong(at + buffer.getInt(at + 16));
            }
            at += length;
        }
        return -1;
    }

    private static List<Path> candidates(long pid) {
        List<Path> out = new ArrayList<>();
        for (String tmp : List.of(System.getProperty("java.io.tmpdir"), "/tmp", "/proc/" + pid + "/root/tmp")) {
            Path dir = Path.of(tmp);
            try (DirectoryStream<Path> users = Files.newDirectoryStream(dir, "hsperfdata_*")) {
                for (Path user : users) {
                    Path file = user.resolve(Long.toString(pid));
                    if (Files.isRegularFile(file) && !out.contains(file)) {
                        out.add(file);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // no such directory, or not ours to read
            }
        }
        return out;
    }

    /** The heap in use now, in bytes; −1 when the counters cannot be read (the JVM is still starting). */
    long heapUsedBytes() {
        try {
            int n = buffer.getInt(28);
            if (n != entries) {
                index(buffer.getInt(24), n);
            }
            if (offsets.length == 0) {
                return -1;
            }
            long sum = 0;
            for (long offset : offsets) {
                sum += buffer.getLong((int) offset);
            }
            return sum;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** Finds the heap's {@code used} counters among the {@code n} entries from {@code first}. */
    private void index(int first, int n) {
        List<Long> found = new ArrayList<>();
        int at = first;
        for (int i = 0; i < n && at + 20 <= buffer.limit(); i++) {
            int length = buffer.getInt(at);
            int nameOffset = buffer.getInt(at + 4);
            int vectorLength = buffer.getInt(at + 8);
            byte type = buffer.get(at + 12);
            int dataOffset = buffer.getInt(at + 16);
            if (length <= 0) {
                break;
            }
            if (type == 'J'
                    && vectorLength == 0
                    && HEAP_USED.matcher(name(at + nameOffset)).matches()) {
                found.add((long) at + dataOffset);
            }
            at += length;
        }
        offsets = found.stream().mapToLong(Long::longValue).toArray();
        entries = n;
    }

    private String name(int at) {
        int end = at;
        while (end < buffer.limit() && buffer.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - at];
        buffer.get(at, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
