package dev.perf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.profile.ProfileSummary;
import dev.perf.testing.CliRun;
import dev.perf.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code perf profile --duration} against launchers whose JVM ends before, at or after the duration: whatever
 * ends first, every recording is complete, the profile is written, and nothing of the profiler reaches the
 * target's output. A JVM works for {@link #WORK} s; a duration of 1 s stops it working, one near its end races
 * it, 8 s lets it exit first. One pass runs the racy timing for every launcher and a script stopped early;
 * {@code -Dperf.profileRace.repeats=N} runs every launcher at every timing N times, the racy duration drawn
 * anew each time ({@code scripts/bench/profile-race.sh} does it beside two CPU hogs).
 */
@Tag("slow") // runs JVMs and a profiler against the wall clock
class ProfileRaceTest {
    private static final String JAVA = ProfileCommandTest.JAVA;
    private static final double WORK = 2.0;

    /** How the JVM is started. */
    enum Launcher {
        /** {@code java} itself: the JVM gets the profiler's flags on its command line. */
        JAVA,
        /** A script that runs the JVM as its child. */
        SCRIPT,
        /** A script that execs the JVM (the script's process becomes it). */
        EXEC,
        /** A script running a script running the JVM. */
        NESTED,
        /** A script whose JVM ignores SIGTERM. */
        DEAF
    }

    @TempDir
    Path dir;

    record Case(Launcher launcher, String timing, double durationSeconds) {
        @Override
        public String toString() {
            return launcher + ", " + timing + String.format(Locale.ROOT, " (--duration %.1fs)", durationSeconds);
        }
    }

    static Stream<Case> cases() {
        int repeats = Integer.getInteger("perf.profileRace.repeats", 1);
        Random random = new Random(20261206L);
        List<Case> all = new ArrayList<>();
        for (int i = 0; i < repeats; i++) {
            for (Launcher l : Launcher.values()) {
                double near = repeats == 1 ? 2.4 : 1.8 + 1.2 * random.nextDouble(); // start-up + WORK, give or take
                boolean full = repeats > 1 || l == Launcher.SCRIPT;
                if (l != Launcher.DEAF) {
                    all.add(new Case(l, "near the JVM's end", near));
                }
                if (l == Launcher.DEAF) {
                    // late enough that the JVM has set up its own TERM handler, even on a loaded machine
                    all.add(new Case(l, "before the JVM's end", 4.0));
                } else if (full) {
                    all.add(new Case(l, "before the JVM's end", 1.0));
                }
                if (repeats > 1 && l != Launcher.DEAF) { // one pass: ProfileLaunchersTest's commands end first
                    all.add(new Case(l, "after the JVM's end", 8.0));
                }
            }
        }
        return all.stream();
    }

    private Path script(String name, String body) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body);
        return file;
    }

    private List<String> command(Launcher l, Path out) throws IOException {
        // the deaf JVM would work for 30 s: it outlives perf's grace after SIGTERM
        String jvm = JAVA + (l == Launcher.DEAF ? " -Dspin.ignoreTerm=true" : "") + " -cp " + Fixtures.profileTarget()
                + " SpinTarget " + (l == Launcher.DEAF ? 30.0 : WORK);
        String redirected = jvm + " > " + out + " 2>&1\n";
        return switch (l) {
            case JAVA -> List.of(JAVA, "-cp", Fixtures.profileTarget().toString(), "SpinTarget", "" + WORK);
            case SCRIPT, DEAF -> List.of("sh", script("run.sh", redirected).toString());
            case EXEC -> List.of("sh", script("run.sh", "exec " + redirected).toString());
            case NESTED -> List.of(
                    "sh",
                    script("outer.sh", "sh " + script("inner.sh", redirected) + "\n")
                            .toString());
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void whateverEndsFirst_theRecordingIsCompleteAndTheProfileWritten(Case c) throws Exception {
        Path targetOut = dir.resolve("target.out");
        Path out = dir.resolve("profile");
        List<String> argv = new ArrayList<>(List.of(
                "profile",
                "-o",
                out.toString(),
                "--duration",
                String.format(Locale.ROOT, "%.1fs", c.durationSeconds())));
        argv.add("--");
        argv.addAll(command(c.launcher(), targetOut));
        CliRun r = CliRun.perf(argv.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("could not be attached to");
        ProfileSummary s = ProfileCommandTest.summary(out);
        boolean stopped = c.durationSeconds() < 5;
        if (c.launcher() == Launcher.JAVA) {
            assertThat(out.resolve("flame.html")).isNotEmptyFile();
            if (!stopped) {
                assertThat(Files.readString(out.resolve("profile.collapsed"))).contains("SpinTarget.spin");
            }
            return;
        }
        assertThat(out.resolve("jvms")).doesNotExist();
        // the target's own output holds only what the JVM itself prints: no profiler or JFR message
        assertThat(Files.readAllLines(targetOut))
                .allMatch(line -> line.equals("spun") || line.startsWith("Picked up JAVA_TOOL_OPTIONS"));
        if (s.jvms().isEmpty()) {
            // stopped within its start-up, before the JVM handles SIGTERM: it ends at once, its recording cut;
            // perf says so and writes the rest (only possible when perf stopped it)
            assertThat(stopped).as(r.err()).isTrue();
            assertThat(r.err()).contains("ended before its recording was complete, so it is left out");
            return;
        }
        assertThat(s.jvms()).singleElement().satisfies(j -> assertThat(j.mainClass())
                .isEqualTo("SpinTarget"));
        Path home = out.resolve(s.jvms().get(0).directory());
        assertThat(home.resolve("flame.html")).isNotEmptyFile();
        if (!stopped) {
            // it ran its whole work: its hot method is in its profile (C2 may top a loaded machine's)
            assertThat(Files.readString(home.resolve("profile.collapsed"))).contains("SpinTarget.spin");
        }
        if (c.launcher() == Launcher.DEAF) {
            assertThat(s.notes())
                    .anyMatch(n -> n.endsWith(
                            "did not exit within 10 s of SIGTERM: its recording was taken through the attach API"
                                    + " and it was killed"));
            assertThat(Files.readString(home.resolve("profile.collapsed"))).contains("SpinTarget.spin");
            assertThat(ProcessHandle.of(s.jvms().get(0).pid())).isEmpty();
        }
    }
}
