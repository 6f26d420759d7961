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

    @Test
    void commandLine_masksSecretsInJvmArgumentsFlagsAndUrls() {
        assertThat(Redaction.commandLine(List.of(
                        "java",
                        "-Ddb.password=hunter2",
                        "-Dfile.encoding=UTF-8",
                        "-javaagent:agent.jar=apikey=abc",
                        "-jar",
                        "app.jar",
                        "--token",
                        "s3cr3t",
                        "--api-key=xyz",
                        "--port=8080",
                        "--db",
                        "postgres://app:pw@db:5432/x?sslmode=require&password=pw2")))
                .containsExactly(
                        "java",
                        "-Ddb.password=***",
                        "-Dfile.encoding=UTF-8",
                        "-javaagent:agent.jar=***",
                        "-jar",
                        "app.jar",
                        "--token",
                        "***",
                        "--api-key=***",
                        "--port=8080",
                        "--db",
                        "postgres://app:***@db:5432/x?sslmode=require&password=***");
    }
}
