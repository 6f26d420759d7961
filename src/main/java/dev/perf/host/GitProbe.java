package dev.perf.host;

import dev.perf.result.RunInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reads the git revision of a directory by running {@code git}; outside a repository, or without git
 * installed, every field is null and nothing fails.
 */
public final class GitProbe {
    private GitProbe() {}

    /** The commit, branch and dirty flag of the repository containing {@code dir}. */
    public static RunInfo.Git probe(Path dir) {
        String commit = git(dir, "rev-parse", "HEAD");
        if (commit == null) {
            return RunInfo.Git.NONE;
        }
        String branch = git(dir, "rev-parse", "--abbrev-ref", "HEAD");
        String status = git(dir, "status", "--porcelain", "--untracked-files=no");
        return new RunInfo.Git(commit, branch, status == null ? null : !status.isBlank());
    }

    private static String git(Path dir, String... args) {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8).strip() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
