package dev.perf.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.result.Environment;
import dev.perf.result.RunInfo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentProbeTest {
    @Test
    void capture_fillsTheFieldsEveryMachineHas() {
        Environment env = EnvironmentProbe.capture();
        assertThat(env.os()).isNotBlank();
        assertThat(env.arch()).isEqualTo(System.getProperty("os.arch"));
        assertThat(env.logicalCores()).isPositive();
        assertThat(env.jvm().version()).isEqualTo(System.getProperty("java.runtime.version"));
        if (System.getProperty("os.name").contains("Linux")) {
            assertThat(env.cpuModel()).isNotBlank();
            assertThat(env.memoryBytes()).isPositive();
            assertThat(env.physicalCores()).isPositive();
        }
    }

    @Test
    void containerFromCgroup_recognizesRuntimes() {
        assertThat(EnvironmentProbe.containerFromCgroup("12:pids:/kubepods/burstable/pod1"))
                .isEqualTo("kubernetes");
        assertThat(EnvironmentProbe.containerFromCgroup("0::/docker/abc")).isEqualTo("docker");
        assertThat(EnvironmentProbe.containerFromCgroup("0::/init.scope")).isNull();
        assertThat(EnvironmentProbe.containerFromCgroup(null)).isNull();
    }

    @Test
    void gitProbe_outsideARepositoryIsAllNull(@TempDir Path dir) {
        assertThat(GitProbe.probe(dir)).isEqualTo(RunInfo.Git.NONE);
    }

    @Test
    void gitProbe_insideARepositoryFindsCommitBranchAndDirtyFlag(@TempDir Path dir) throws Exception {
        if (!run(dir, "git", "init", "-q", "-b", "trunk")) {
            return; // no git on this machine: nothing to compare against
        }
        java.nio.file.Files.writeString(dir.resolve("a.txt"), "1");
        run(dir, "git", "add", "a.txt");
        run(dir, "git", "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "-m", "init");
        RunInfo.Git clean = GitProbe.probe(dir);
        assertThat(clean.commit()).hasSize(40);
        assertThat(clean.branch()).isEqualTo("trunk");
        assertThat(clean.dirty()).isFalse();
        java.nio.file.Files.writeString(dir.resolve("a.txt"), "2");
        assertThat(GitProbe.probe(dir).dirty()).isTrue();
    }

    private static boolean run(Path dir, String... command) throws Exception {
        try {
            Process p = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
