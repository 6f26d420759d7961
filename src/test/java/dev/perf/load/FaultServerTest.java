package dev.perf.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.perf.result.BenchmarkResult;
import dev.perf.result.LoadDetails;
import dev.perf.suite.HttpTarget;
import dev.perf.suite.LoadSpec;
import dev.perf.suite.LoadTarget;
import dev.perf.suite.Profile;
import dev.perf.suite.SuiteSource;
import dev.perf.testing.FaultServer;
import dev.perf.testing.FaultServer.Mode;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fault matrix: every way {@link FaultServer} misbehaves, against the HTTP target. Whatever the server
 * does, the counters keep their invariants (the record checks them), every malformed response is an I/O error
 * with its reason, the legal oddities (dribbled bytes, a close after each response, HTTP/1.0, a big body)
 * are all successes, and the loop ends at its duration plus at most its timeout.
 */
@Tag("slow") // 1 s load loops against a local server
class FaultServerTest {
    private static final SuiteSource SOURCE = LoadEngineTest.SOURCE;
    private static final Duration DURATION = Duration.ofSeconds(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private static BenchmarkResult run(int port, String rate) {
        return run(port, Patterns.open(rate, DURATION, Duration.ZERO, 4, TIMEOUT));
    }

    private static BenchmarkResult run(int port, LoadSpec.Pattern pattern) {
        LoadSpec spec = new LoadSpec(
                "fault",
                new LoadTarget(
                        null, null, new HttpTarget("http://127.0.0.1:" + port + "/", null, null, null, null, null)),
                pattern,
                null,
                Map.of());
        return new LoadEngine().run(LoadPlan.of(spec, new Profile.LoadDefaults(null, null), SOURCE), LoadListener.NONE);
    }

    /**
     * At saturation (4 users calling back to back, thousands of requests a second), a server that closes its
     * connections — as it says, as HTTP/1.0 means, or unannounced on reuse — costs reconnects, never errors.
     */
    @ParameterizedTest
    @EnumSource(
            value = Mode.class,
            names = {"CLOSE_EACH", "HTTP10", "HTTP10_LENGTH", "CLOSE_ON_REUSE", "CLOSE_ON_ERRORS"})
    void closingServers_atSaturation_giveNoSpuriousError(Mode mode) throws IOException {
        BenchmarkResult r;
        try (FaultServer server = FaultServer.start(mode)) {
            r = run(server.port(), Patterns.closed(4, DURATION, Duration.ZERO, Duration.ZERO, null));
        }
        LoadDetails.Counters c = r.load().counters();
        String counts = mode + ": " + c + " " + r.load().overall();
        // enough reconnects to matter, whatever the machine's speed: 1 000s a second when quiet, 171 beside two CPU
        // hogs and a second test run (the count is what exercises the close path, not a figure of speed)
        assertThat(c.sent()).as(counts).isGreaterThan(50);
        assertThat(c.ok() + c.httpErrors()).as(counts).isEqualTo(c.sent() - c.inFlightAtEnd());
        assertThat(c.httpErrors()).as(counts).isCloseTo(mode == Mode.CLOSE_ON_ERRORS ? c.ok() / 4 : 0, within(2L));
        assertThat(c.ioErrors() + c.errors() + c.timeouts()).as(counts).isZero();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void everyFault_isCountedRightAndTheLoopEndsOnTime(Mode mode) throws IOException {
        String rate = mode == Mode.BIG_BODY ? "20/s" : "200/s";
        long started = System.nanoTime();
        BenchmarkResult r;
        try (FaultServer server = FaultServer.start(mode)) {
            r = run(server.port(), rate);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        LoadDetails.Counters c = r.load().counters();
        String counts = mode + ": " + c;
        assertThat(seconds)
                .as("%s: ends at its duration plus at most the timeout", counts)
                .isLessThan(DURATION.toSeconds() + TIMEOUT.toSeconds() + 1.5);
        long expected = mode == Mode.BIG_BODY ? 20 : 200;
        assertThat(c.scheduled()).as(counts).isEqualTo(expected);
        assertThat(c.dropped()).as(counts).isZero();
        switch (mode) {
            case OK, DRIBBLE, CLOSE_EACH, HTTP10, HTTP10_LENGTH, BIG_BODY -> {
                assertThat(c.ok()).as(counts).isEqualTo(c.sent());
                assertThat(c.ioErrors()).as(counts).isZero();
                // a connection the server closes after its answer (as it said, or as HTTP/1.0 means) is never reused
                assertThat(r.load().overall()).as(counts).doesNotContainKey("connections.retried");
            }
            case CLOSE_ON_REUSE -> {
                // every reuse meets the close before an answer: the GET goes again on a new connection, no error
                assertThat(c.ok()).as(counts).isEqualTo(c.sent());
                assertThat(c.ioErrors()).as(counts).isZero();
                assertThat(r.load().overall().get("connections.retried"))
                        .as(counts)
                        .isPositive();
                assertThat(r.load().overall().get("connections.opened"))
                        .as(counts)
                        .isGreaterThan(r.load().overall().get("connections.retried"));
            }
            case BURST_5XX, CLOSE_ON_ERRORS -> {
                assertThat(c.httpErrors()).as(counts).isEqualTo(c.sent() / 5);
                assertThat(c.httpStatusClasses()).as(counts).containsEntry("5xx", c.sent() / 5);
                assertThat(c.ok() + c.httpErrors()).as(counts).isEqualTo(c.sent());
            }
            default -> {
                assertThat(c.ok()).as(counts).isZero();
                assertThat(c.ioErrors() + c.inFlightAtEnd()).as(counts).isEqualTo(c.sent());
                assertThat(c.firstError())
                        .as(counts)
                        .containsAnyOf(reason(mode))
                        .contains("127.0.0.1:");
            }
        }
    }

    /** The reason the first error must give (any one of them). */
    private static String[] reason(Mode mode) {
        return switch (mode) {
            case RESET -> new String[] {"connection reset by", "closed by"}; // RST, or the close seen first
            case BAD_STATUS -> new String[] {"status line"};
            case BAD_CONTENT_LENGTH -> new String[] {"invalid Content-Length 'abc'"};
            case BAD_CHUNK -> new String[] {"invalid chunk size 'zz'"};
            case HUGE_HEADERS -> new String[] {"headers longer than 65536 bytes"};
            case TRUNCATED -> new String[] {"before the response ended"};
            case NEGATIVE_LENGTH -> new String[] {"invalid Content-Length '-5'"};
            default -> throw new IllegalArgumentException(mode.name());
        };
    }
}
