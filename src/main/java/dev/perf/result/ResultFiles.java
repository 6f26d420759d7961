package dev.perf.result;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Reads and writes result files. Writes are atomic: a reader sees the old file or the new one, never half. */
public final class ResultFiles {
    private ResultFiles() {}

    /** Writes {@code result} to {@code file} as JSON through a temporary file in the same directory. */
    public static void write(Path file, RunResult result) {
        writeAtomically(file, serialize(result));
    }

    /** The exact bytes {@link #write} puts in a file. */
    public static byte[] serialize(RunResult result) {
        try {
            return (Json.mapper().writeValueAsString(result) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw PerfException.internal("cannot serialize the result: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Replaces {@code file} with {@code bytes} atomically: temp file beside it, flushed to disk, then
     * renamed over the target. A symbolic link is followed (the file it points to is replaced, the link
     * stays); a character device or FIFO ({@code /dev/null}, {@code /dev/stdout}, a pipe) is written through,
     * never replaced by a regular file; a directory is bad input. A full disk is bad input naming the file.
     */
    public static void writeAtomically(Path file, byte[] bytes) {
        try {
            if (Files.isSymbolicLink(file) && Files.exists(file)) {
                file = file.toRealPath();
            }
        } catch (IOException e) {
            throw PerfException.badInput("cannot write " + file + ": " + e.getMessage(), e);
        }
        if (Files.isDirectory(file)) {
            throw PerfException.badInput("cannot write " + file + ": it is a directory (give a file name)");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            writeThrough(file, bytes);
            return;
        }
        Path dir = file.toAbsolutePath().getParent();
        for (Path up = dir; up != null; up = up.getParent()) {
            if (Files.exists(up) && !Files.isDirectory(up)) {
                throw PerfException.badInput("cannot write " + file + ": " + up
                        + " is a file, not a directory (choose a path under a directory)");
            }
        }
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            readableByAll(temp);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                    OutputStream out = Channels.newOutputStream(channel)) {
                out.write(bytes);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
        } catch (AccessDeniedException e) {
            throw PerfException.badInput("cannot write " + file + ": permission denied (choose a writable path)", e);
        } catch (IOException e) {
            throw PerfException.badInput("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // best effort: the failure that brought us here is the one to report
                }
            }
        }
    }

    /** Writes a device or FIFO in place: there is no file to replace, and renaming over it would destroy it. */
    private static void writeThrough(Path file, byte[] bytes) {
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE)) {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw PerfException.badInput("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Temp files are created owner-only; a result file is shared like any other file the user writes. */
    private static void readableByAll(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /** Reads a perf result file; any problem is a bad-input failure naming the file. */
    public static RunResult read(Path file) {
        byte[] bytes;
        try {
            bytes = InputFiles.read(file, InputFiles.MAX_RESULT_BYTES);
        } catch (NoSuchFileException e) {
            throw PerfException.badInput("cannot read " + file + ": no such file");
        } catch (IOException e) {
            throw PerfException.badInput("cannot read " + file + ": " + e.getMessage(), e);
        }
        return ResultReader.runResult(bytes, file.toString());
    }
}
