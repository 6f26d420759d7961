package dev.perf.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ForkOptionsTest {
    @Test
    void aForkKeepsTheHostsAccessFlags_andNothingOfPerfsOwnJvm() {
        List<String> host = List.of(
                "-Xms512m",
                "-XX:+AlwaysPreTouch",
                "--sun-misc-unsafe-memory-access=allow",
                "-javaagent:/m2/jacoco.jar=destfile=target/jacoco.exec",
                "--add-opens=java.base/java.io=ALL-UNNAMED",
                "-Dperf.home=/opt/perf",
                "-XX:SharedArchiveFile=/home/u/.cache/perf.jsa",
                "--enable-native-access=ALL-UNNAMED");
        assertThat(ForkOptions.of(host))
                .containsExactly(
                        "--sun-misc-unsafe-memory-access=allow",
                        "--add-opens=java.base/java.io=ALL-UNNAMED",
                        "--enable-native-access=ALL-UNNAMED");
        assertThat(ForkOptions.jmhArguments(List.of("-Xmx2g"))).containsExactly("-jvmArgs", "");
    }
}
