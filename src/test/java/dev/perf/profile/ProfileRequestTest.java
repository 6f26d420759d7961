package dev.perf.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileRequestTest {
    @Test
    void aProfiledCommandIsNamedWithoutItsSecrets() {
        // the name is the flame graph's title and the summary's target
        assertThat(new ProfileRequest.Target.Command(
                                List.of("java", "-Dapi.token=abc", "-jar", "app.jar", "--password", "pw"))
                        .describe())
                .isEqualTo("java -Dapi.token=*** -jar app.jar --password ***");
    }

    @Test
    void pidsAndJmhTargetsAreNamedAsGiven() {
        assertThat(new ProfileRequest.Target.Pid(42).describe()).isEqualTo("pid 42");
        assertThat(new ProfileRequest.Target.Jmh("Cache.*").describe()).isEqualTo("JMH Cache.*");
    }
}
