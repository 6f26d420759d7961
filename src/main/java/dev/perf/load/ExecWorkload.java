package dev.perf.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code exec} target: every operation runs a command to completion; a non-zero exit status is an
 * error. The measured time is the wall time from start to exit. Output is discarded. Thread-safe.
 */
final class ExecWorkload implements Workload {
    private final List<String> command;
    private final Path directory;
    private final long timeoutNanos;

    ExecWorkload(List<String> command, Path directory, long timeoutNanos) {
        this.command = List.copyOf(command);
        this.directory = directory;
        this.timeoutNanos = timeoutNanos;
    }

    @Override
    public void call() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(timeoutNanos, TimeUnit.NANOSECONDS)) {
            p.destroyForcibly();
            throw new IOException("command did not finish within the timeout: " + String.join(" ", command));
        }
        if (p.exitValue() != 0) {
            // not an IOException: the command ran and reported a failure, an error of the target
            throw new IllegalStateException(
                    "command exited with status " + p.exitValue() + ": " + String.join(" ", command));
        }
    }
}
