package dev.perf.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactionTest {
    @Test
    void url_masksTheUserInfoPasswordAndSecretLookingQueryValues() {
        assertThat(Redaction.url("http://alice:hunter2@127.0.0.1:8080/x?q=shoes&access_token=abc.def&page=2&sig=zz"))
                .isEqualTo("http://alice:***@127.0.0.1:8080/x?q=shoes&access_token=***&page=2&sig=***");
        assertThat(Redaction.url("http://127.0.0.1/x?apiKey=1&Password=2&session_id=3"))
                .isEqualTo("http://127.0.0.1/x?apiKey=***&Password=***&session_id=***");
        assertThat(Redaction.url("http://127.0.0.1:8080/plain?q=1")).isEqualTo("http://127.0.0.1:8080/plain?q=1");
    }

    @Test
    void jvmArguments_keepFlagsAndWellKnownProperties_maskOtherValues() {
        assertThat(Redaction.jvmArguments(List.of(
                        "-Xmx1g",
                        "-XX:+UseG1GC",
                        "-Dfile.encoding=UTF-8",
                        "-Ddb.password=hunter2",
                        "-Dapi.token=abc",
                        "-Dflag",
                        "-javaagent:/opt/agent.jar=key=secret",
                        "-agentlib:jdwp=transport=dt_socket")))
                .containsExactly(
                        "-Xmx1g",
                        "-XX:+UseG1GC",
                        "-Dfile.encoding=UTF-8",
                        "-Ddb.password=***",
                        "-Dapi.token=***",
                        "-Dflag",
                        "-javaagent:/opt/agent.jar=***",
                        "-agentlib:jdwp=***");
    }
}
