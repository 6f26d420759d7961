package dev.perf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/install.sh} into a temporary prefix, then the launcher run as a user runs it: through a
 * symlink in another directory, from a third directory.
 */
class InstallIT {
    private static final Path JAR =
            Path.of(System.getProperty("perf.jar", "target/perf.jar")).toAbsolutePath();

    @TempDir
    Path tmp;

    private static String run(Path cwd, Map<String, String> env, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
        return out;
    }

    @Test
    void install_thenTheLauncherRunsThroughASymlinkFromAnyDirectory() throws Exception {
        Path prefix = tmp.resolve("prefix");
        // a PATH with a stand-in for Linux's perf first: the installer must say how to order the PATH
        Path other = Files.createDirectories(tmp.resolve("usr-bin"));
        Path linuxPerf = other.resolve("perf");
        Files.writeString(linuxPerf, "#!/bin/sh\necho linux perf\n");
        linuxPerf.toFile().setExecutable(true);
        String javaBin = Path.of(System.getProperty("java.home"), "bin").toString();
        Map<String, String> env =
                Map.of("PATH", other + ":" + javaBin + ":/usr/bin:/bin", "JAVA_HOME", System.getProperty("java.home"));
        String out = run(
                Path.of("").toAbsolutePath(),
                env,
                "bash",
                "scripts/install.sh",
                "--prefix",
                prefix.toString(),
                "--jar",
                JAR.toString());
        assertThat(out)
                .contains("perf: installed perf ")
                .contains("another perf comes first on your PATH: " + linuxPerf);

        Path links = Files.createDirectories(tmp.resolve("links"));
        Path link = Files.createSymbolicLink(links.resolve("perf"), prefix.resolve("bin/perf"));
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        String version = run(elsewhere, env, link.toString(), "--version");
        assertThat(version).startsWith("perf ").doesNotContain("warning", "WARNING");

        List<String> pages = List.of(
                "perf.1",
                "perf-run.1",
                "perf-compare.1",
                "perf-report.1",
                "perf-report-merge.1",
                "perf-profile.1",
                "perf-profile-diff.1",
                "perf-completion.1",
                "perf-manpages.1",
                "perf-init.1");
        for (String page : pages) {
            assertThat(prefix.resolve("share/man/man1/" + page)).content().startsWith(".TH ");
        }
        assertThat(prefix.resolve("share/bash-completion/completions/perf"))
                .content()
                .contains("compare", "--fail-on");
        assertThat(prefix.resolve("share/zsh/site-functions/_perf")).content().contains("compare");
        try (var archives = Files.list(prefix.resolve("share/perf"))) {
            assertThat(archives.map(p -> p.getFileName().toString()))
                    .as("a class-data-sharing archive for this JDK")
                    .anyMatch(n -> n.matches("perf-\\d+\\.jsa"));
        }
    }
}
