package dev.perf.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A scenario's steps as written: pauses drawn as they say, variables read only after they are extracted. */
class ScenarioSpecTest {
    private static double meanMillis(Scenario.Think t, int n) {
        SplittableRandom r = new SplittableRandom(7);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += t.nanos(r.nextDouble()) / 1e6;
        }
        return sum / n;
    }

    @Test
    void pauses_fixedUniformAndExponential_haveTheirMeans_andStayInTheirBounds() {
        Scenario.Think fixed = Scenario.Think.parse("250ms");
        assertThat(fixed.nanos(0.0)).isEqualTo(250_000_000L);
        assertThat(fixed.nanos(0.999)).isEqualTo(250_000_000L);
        Scenario.Think uniform = Scenario.Think.parse("random(1s, 3s)");
        assertThat(uniform.nanos(0.0)).isEqualTo(1_000_000_000L);
        assertThat(uniform.nanos(Math.nextDown(1.0))).isLessThanOrEqualTo(3_000_000_000L);
        assertThat(meanMillis(uniform, 200_000)).isCloseTo(2000.0, org.assertj.core.data.Percentage.withPercentage(1));
        Scenario.Think exp = Scenario.Think.parse("exponential(2s)");
        assertThat(exp.nanos(0.0)).isZero();
        assertThat(exp.nanos(Math.nextDown(1.0))).isEqualTo(20_000_000_000L); // capped at ten means
        // the cap at ten means takes e^-10 of the mass: the mean is 2 s × (1 − e^-10)
        assertThat(meanMillis(exp, 400_000)).isCloseTo(2000.0, org.assertj.core.data.Percentage.withPercentage(1.5));
    }

    @Test
    void badPauses_areRefusedWithTheFormsThatWork() {
        for (String bad : new String[] {"soon", "random(3s,1s)", "random(1s)", "exponential()", "-1s", "25h"}) {
            assertThatThrownBy(() -> Scenario.Think.parse(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("think");
        }
    }

    private static Scenario.Step http(String name, String url, Map<String, Scenario.Extract> extract) {
        return new Scenario.Step(name, new HttpTarget(url, null, null, null, null, null), null, extract, null);
    }

    @Test
    void aVariable_isReadOnlyAfterAStepExtractsIt() {
        Scenario.Extract token = new Scenario.Extract("/token", null, null, null, null);
        assertThat(new Scenario(
                                java.util.List.of(
                                        http("login", "http://h/login", Map.of("token", token)),
                                        http("me", "http://h/me?t=${token}", null)),
                                null)
                        .variables())
                .containsExactly("token");
        assertThatThrownBy(() -> new Scenario(
                        java.util.List.of(
                                http("me", "http://h/me?t=${token}", Map.of("token", token)),
                                http("login", "http://h/login", Map.of("token", token))),
                        null))
                .hasMessageContaining("scenario step 'me': ${token} is not extracted by an earlier step")
                .hasMessageContaining("this step extracts it from its own answer");
    }

    @Test
    void extracts_takeExactlyOneSource_andARegexGroupThatExists() {
        assertThat(new Scenario.Extract(null, "id=(\\d+)", null, null, null).group())
                .isEqualTo(1);
        assertThat(new Scenario.Extract(null, "id=\\d+", null, null, null).group())
                .isZero();
        assertThatThrownBy(() -> new Scenario.Extract(null, "id=(\\d+)", 2, null, null))
                .hasMessageContaining("has 1 group(s); group 2 is not one of them");
        assertThatThrownBy(() -> new Scenario.Extract("/a", null, null, "Location", null))
                .hasMessageContaining("an extract takes one source");
        assertThatThrownBy(() -> new Scenario.Extract("/a", null, 1, null, null))
                .hasMessageContaining("group: applies to regex");
        assertThatThrownBy(() -> new Scenario.Step(
                        "s",
                        new HttpTarget("http://h/", null, null, null, null, null),
                        null,
                        Map.of("seq", new Scenario.Extract("/a", null, null, null, null)),
                        null))
                .hasMessageContaining("extract.seq: not a variable name");
    }

    @Test
    void aSingleRequest_cannotReadAnExtractedValue() {
        assertThatThrownBy(() -> new LoadTarget(
                        null, null, new HttpTarget("http://h/x?t=${token}", null, null, null, null, null)))
                .hasMessageContaining("unknown placeholder ${token}");
    }
}
