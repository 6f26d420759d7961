package dev.perf.result;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads what users hand perf as input (suites, results, shards, profiles), bounded: {@code /dev/zero} or a
 * runaway file ends in a clear message, never in an out-of-memory error. Regular files, pipes ({@code
 * <(...)}) and devices are read; a directory is refused.
 */
public final class InputFiles {
    /** The most perf reads as one result, JMH, hyperfine, Go or profile file. */
    public static final long MAX_RESULT_BYTES = 256L << 20;
    /** The most perf reads as one suite file. */
    public static final long MAX_SUITE_BYTES = 8L << 20;

    private InputFiles() {}

    /**
     * The bytes of {@code file}, at most {@code limit}. A {@link NoSuchFileException} passes through (callers
     * give their own hint); every other problem is an {@link IOException} whose message is the reason in
     * words: {@code it is a directory}, {@code permission denied}, {@code it is larger than 256 MiB ...}.
     */
    public static byte[] read(Path file, long limit) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException("it is a directory");
        }
        try (InputStream in = Files.newInputStream(file)) {
            // a device or pipe reports size 0: start small and grow
            byte[] buf = new byte[(int) Math.min(limit + 1, Math.max(8192, Files.size(file) + 1))];
            int n = 0;
            while (true) {
                if (n == buf.length) {
                    if (n > limit) {
                        throw new IOException("it is larger than " + (limit >> 20) + " MiB, the most perf reads as one"
                                + " input (is it the right file?)");
                    }
                    buf = Arrays.copyOf(buf, (int) Math.min(limit + 1, (long) buf.length * 2));
                }
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) {
                    return Arrays.copyOf(buf, n);
                }
                n += r;
            }
        } catch (NoSuchFileException e) {
            throw e;
        } catch (AccessDeniedException e) {
            throw new IOException("permission denied", e);
        } catch (FileSystemException e) {
            throw new IOException(e.getReason() != null ? e.getReason() : "cannot be read", e);
        }
    }
}
