package dev.perf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import dev.perf.profile.ProfileRequest;
import dev.perf.profile.ProfileSummary;
import dev.perf.profile.Profiler;
import dev.perf.result.Json;
import dev.perf.testing.CliRun;
import dev.perf.testing.Fixtures;
import dev.perf.testing.JsonSchemaSubset;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code perf profile} as developers use it every day, on fixture JVMs with known hot spots: JVMs started by a
 * script and by nested launchers, each profiled; the command's exit status; a pid recorded for its duration;
 * start, dump and stop of a long-running JVM; every option and every output opened.
 */
@Tag("slow") // runs JVMs and a profiler against the wall clock
class ProfileLaunchersTest {
    private static final String JAVA = ProfileCommandTest.JAVA;

    @TempDir
    Path dir;

    private static ProfileSummary summary(Path out) throws IOException {
        return ProfileCommandTest.summary(out);
    }

    private Path script(String name, String body) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body);
        return file;
    }

    private static String fixtures() {
        return Fixtures.profileTarget().toString();
    }

    @Test
    void aScriptAndTwoNestedLaunchers_eachJvmIsProfiled_andTheCommandsStatusIsPerfs() throws Exception {
        Path inner =
                script("inner.sh", JAVA + " -cp " + fixtures() + " SpinTarget 3 > " + dir.resolve("b.out") + " 2>&1\n");
        Path middle = script("middle.sh", "sh " + inner + "\n");
        Path outer = script(
                "outer.sh",
                JAVA + " -cp " + fixtures() + " ProfileTarget cpu 3 > " + dir.resolve("a.out") + " 2>&1\nsh " + middle
                        + "\nexit 3\n");
        Path out = dir.resolve("all");
        CliRun r = CliRun.perf("profile", "-o", out.toString(), "--", "sh", outer.toString());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(3);
        assertThat(r.err()).contains("the profiled command exited with status 3");
        ProfileSummary index = summary(out);
        assertThat(index.exitStatus()).isEqualTo(3);
        assertThat(index.jvms())
                .extracting(ProfileSummary.Jvm::mainClass)
                .containsExactly("ProfileTarget", "SpinTarget");
        assertThat(index.jvms())
                .extracting(ProfileSummary.Jvm::topMethod)
                .containsExactly("ProfileTarget.burn", "SpinTarget.spin");
        for (ProfileSummary.Jvm j : index.jvms()) {
            Path home = out.resolve(j.directory());
            assertThat(j.directory()).isEqualTo(j.pid() + "-" + j.mainClass());
            assertThat(home.resolve("flame.html")).isNotEmptyFile();
            assertThat(home.resolve("profile.pb.gz")).isNotEmptyFile();
            assertThat(home.resolve("speedscope.json")).isNotEmptyFile();
            assertThat(summary(home).topSelf().get(0).method()).isEqualTo(j.topMethod());
        }
        assertThat(out.resolve("summary.md"))
                .content()
                .contains("| " + index.jvms().get(1).pid() + " | SpinTarget");
        assertThat(r.out()).contains("JVM " + index.jvms().get(0).pid() + " ProfileTarget");
        // nothing of the profiler in the JVMs' own output (the JVM's "Picked up JAVA_TOOL_OPTIONS" is its own)
        for (String file : List.of("a.out", "b.out")) {
            assertThat(dir.resolve(file))
                    .content()
                    .doesNotContain("Profiling started")
                    .doesNotContain("jfr")
                    .doesNotContain("Started recording");
        }
        assertThat(dir.resolve("b.out")).content().contains("spun");
        assertThat(out.resolve("agent.log")).content().contains("Profiling started");

        Path spun = dir.resolve("spin-only");
        CliRun filtered = CliRun.perf(
                "profile",
                "-o",
                spun.toString(),
                "--jvm-filter",
                "Spin",
                "--ignore-exit",
                "--",
                "sh",
                outer.toString());
        assertThat(filtered.exitCode()).as(filtered.err()).isZero();
        assertThat(filtered.err()).contains("--ignore-exit: perf exits 0");
        assertThat(summary(spun).jvms()).singleElement().satisfies(j -> assertThat(j.mainClass())
                .isEqualTo("SpinTarget"));
        try (var listing = Files.list(spun)) {
            assertThat(listing.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith("-ProfileTarget"));
        }

        CliRun none = CliRun.perf(
                "profile",
                "-o",
                dir.resolve("none").toString(),
                "--jvm-filter",
                "NoSuch",
                "--",
                "sh",
                outer.toString());
        assertThat(none.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(none.err())
                .contains("--jvm-filter 'NoSuch' matched none of the JVMs that ran:")
                .contains("(ProfileTarget)")
                .contains("(SpinTarget)");
    }

    @Test
    void aFailingCommand_failsTheProfile_andAShortOneIsWarnedOf() throws Exception {
        Path out = dir.resolve("missing-class");
        CliRun r = CliRun.perf("profile", "-o", out.toString(), "--", JAVA, "-cp", fixtures(), "NoSuchClass");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("exited with status 1");
        assertThat(summary(out).exitStatus()).isEqualTo(1);
        CliRun ignored = CliRun.perf(
                "profile",
                "-o",
                dir.resolve("ignored").toString(),
                "--ignore-exit",
                "--",
                JAVA,
                "-cp",
                fixtures(),
                "SpinTarget",
                "1",
                "4");
        assertThat(ignored.exitCode()).as(ignored.err()).isZero();
        Path brief = dir.resolve("brief");
        CliRun shortRun = CliRun.perf(
                "profile", "-o", brief.toString(), "--", JAVA, "-cp", fixtures(), "ProfileTarget", "cpu", "0");
        assertThat(shortRun.exitCode()).as(shortRun.err()).isZero();
        assertThat(shortRun.err()).contains("warning: only").contains("samples: too few");
        assertThat(summary(brief).notes()).anyMatch(n -> n.startsWith("warning: only"));
    }

    @Test
    void aPidRecording_lastsItsDurationWithinFivePercent() throws Exception {
        Process target = new ProcessBuilder(JAVA, "-cp", fixtures(), "ProfileTarget", "cpu", "40")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            Fixtures.awaitAttachable(target.pid());
            Path out = dir.resolve("pid");
            long t0 = System.nanoTime();
            CliRun r = CliRun.perf(
                    "profile",
                    "--pid",
                    Long.toString(target.pid()),
                    "-d",
                    "5s",
                    "--engine",
                    "jfr",
                    "-o",
                    out.toString());
            double wall = (System.nanoTime() - t0) / 1e9;
            assertThat(r.exitCode()).as(r.err()).isZero();
            ProfileSummary s = summary(out);
            assertThat(s.durationSeconds()).isBetween(4.75, 5.25);
            // the recording itself: from its first execution sample to its last
            Instant first = null;
            Instant last = null;
            for (RecordedEvent e : RecordingFile.readAllEvents(out.resolve("recording.jfr"))) {
                if (e.getEventType().getName().equals("jdk.ExecutionSample")) {
                    first = first == null || e.getStartTime().isBefore(first) ? e.getStartTime() : first;
                    last = last == null || e.getStartTime().isAfter(last) ? e.getStartTime() : last;
                }
            }
            double recorded = java.time.Duration.between(first, last).toNanos() / 1e9;
            System.out.printf("pid recording: asked 5 s, recorded %.3f s, perf took %.1f s%n", recorded, wall);
            assertThat(recorded).isBetween(4.75, 5.25);
        } finally {
            target.destroyForcibly();
            target.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aLongRunningJvm_isStartedDumpedAndStopped() throws Exception {
        Process target = new ProcessBuilder(JAVA, "-cp", fixtures(), "ProfileTarget", "cpu", "60")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        String pid = Long.toString(target.pid());
        try {
            Fixtures.awaitAttachable(target.pid());
            CliRun start = CliRun.perf(
                    "profile", "--pid", pid, "start", "-o", dir.resolve("s").toString());
            assertThat(start.exitCode()).as(start.err()).isZero();
            CliRun again = CliRun.perf(
                    "profile", "--pid", pid, "start", "-o", dir.resolve("s2").toString());
            assertThat(again.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(again.err()).contains("is already being recorded by perf since");
            Thread.sleep(1_500);
            Path dumped = dir.resolve("dump");
            CliRun dump = CliRun.perf("profile", "--pid", pid, "dump", "-o", dumped.toString());
            assertThat(dump.exitCode()).as(dump.err()).isZero();
            assertThat(summary(dumped).topSelf().get(0).method()).isEqualTo("ProfileTarget.burn");
            Thread.sleep(1_000);
            Path stopped = dir.resolve("stop");
            CliRun stop = CliRun.perf("profile", "--pid", pid, "stop", "-o", stopped.toString());
            assertThat(stop.exitCode()).as(stop.err()).isZero();
            ProfileSummary s = summary(stopped);
            assertThat(s.topSelf().get(0).method()).isEqualTo("ProfileTarget.burn");
            assertThat(s.durationSeconds()).isGreaterThan(summary(dumped).durationSeconds());
            assertThat(stopped.resolve("flame.html")).isNotEmptyFile();
            CliRun stopAgain = CliRun.perf(
                    "profile", "--pid", pid, "stop", "-o", dir.resolve("x").toString());
            assertThat(stopAgain.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(stopAgain.err()).contains("has no recording to stop");
            assertThat(target.isAlive()).isTrue();
        } finally {
            target.destroyForcibly();
            target.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void everyOption_isHonoured_andEveryOutputOpens() throws Exception {
        String problem = Profiler.asyncProfilerProblem(ProfileRequest.Mode.cpu);
        Assumptions.assumeTrue(problem == null, "async-profiler cannot run here: " + problem);
        Path out = dir.resolve("options");
        Path cpuFile = dir.resolve("cpu-ms");
        CliRun r = CliRun.perf(
                "profile",
                "-o",
                out.toString(),
                "--reverse",
                "--minwidth",
                "0.5",
                "--title",
                "Burn <3",
                "--interval",
                "1ms",
                "--event",
                "itimer",
                "--cstack",
                "no",
                "--",
                JAVA,
                "-cp",
                fixtures(),
                "ProfileTarget",
                "cpu",
                "3",
                cpuFile.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        ProfileSummary s = summary(out);
        assertThat(s.settings()).contains("event=itimer", "interval=1ms", "cstack=no");
        // 1 ms over the CPU time the target got (898 samples of ~3 s here on a quiet 2-core machine, 478 of ~2 s
        // beside two CPU hogs, the kernel's timer ticking every 4 ms): well over the samples the default 10 ms could
        // give for that CPU time
        long cpuMs = Long.parseLong(Files.readString(cpuFile).strip());
        assertThat(s.totalWeight()).as("samples of %d ms of CPU", cpuMs).isGreaterThan(cpuMs * 15 / 100);
        // --reverse and --minwidth shape the graph only: the summary still reads root-first stacks
        assertThat(s.topSelf().get(0).method()).isEqualTo("ProfileTarget.burn");
        assertThat(out.resolve("flame.html")).content().contains("<h1>Burn &lt;3</h1>");

        byte[] pprof;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(out.resolve("profile.pb.gz")))) {
            pprof = in.readAllBytes();
        }
        UnknownFieldSet profile = UnknownFieldSet.parseFrom(pprof);
        List<String> strings = new ArrayList<>();
        for (ByteString b : profile.getField(6).getLengthDelimitedList()) {
            strings.add(b.toStringUtf8());
        }
        assertThat(strings).anyMatch(x -> x.contains("ProfileTarget.burn"));
        assertThat(profile.getField(2).getLengthDelimitedList()).as("samples").isNotEmpty();
        assertThat(profile.getField(4).getLengthDelimitedList()).as("locations").isNotEmpty();

        JsonNode speedscope =
                Json.mapper().readTree(out.resolve("speedscope.json").toFile());
        JsonNode schema = Json.mapper()
                .readTree(Files.readString(Path.of("src/test/resources/profile/speedscope/file-format-schema.json")));
        List<String> problems = new ArrayList<>();
        JsonSchemaSubset.validate(schema, schema, speedscope, "$", problems);
        assertThat(problems).isEmpty();
        assertThat(speedscope.at("/profiles/0/endValue").asLong()).isEqualTo(s.totalWeight());
    }

    @Test
    void wallMode_keepsRunningThreads_unlessIdleOnesAreAskedFor() throws Exception {
        String problem = Profiler.asyncProfilerProblem(ProfileRequest.Mode.wall);
        Assumptions.assumeTrue(problem == null, "async-profiler cannot run here: " + problem);
        // four threads taking turns on one monitor, each sleeping 2 ms inside it: nearly always parked
        Path running = dir.resolve("running");
        Path all = dir.resolve("all-threads");
        for (Path out : List.of(running, all)) {
            List<String> args = new ArrayList<>(List.of("profile", "--mode", "wall", "-o", out.toString()));
            if (out == all) {
                args.add("--include-idle");
            }
            args.addAll(List.of("--", JAVA, "-cp", fixtures(), "ProfileTarget", "lock", "2"));
            CliRun r = CliRun.perf(args.toArray(String[]::new));
            assertThat(r.exitCode()).as(r.err()).isZero();
        }
        ProfileSummary idle = summary(all);
        assertThat(idle.settings()).doesNotContain("running threads only");
        assertThat(summary(running).settings()).contains("running threads only");
        assertThat(idle.totalWeight()).isGreaterThan(3 * summary(running).totalWeight());
        assertThat(all.resolve("profile.collapsed")).content().contains("java.lang.Thread.sleep");
    }

    @Test
    void lockMode_namesTheFixturesLock_notPerfsOwnThreads() throws Exception {
        Path out = dir.resolve("lock");
        CliRun r = CliRun.perf(
                "profile",
                "--engine",
                "jfr",
                "--mode",
                "lock",
                "-o",
                out.toString(),
                "--",
                JAVA,
                "-cp",
                fixtures(),
                "ProfileTarget",
                "lock",
                "3");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(summary(out).topSelf().get(0).method()).isEqualTo("ProfileTarget.contend");
        assertThat(out.resolve("profile.collapsed")).content().doesNotContain("jdk.jfr.internal");
    }

    @Test
    void badOptions_exitWithTheDocumentedCodes() {
        CliRun event = CliRun.perf(
                "profile", "--event", "nosuchevent", "-o", dir.resolve("e").toString(), "--", JAVA, "-version");
        assertThat(event.exitCode()).as(event.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(event.err()).contains("cannot sample nosuchevent");
        assertThat(CliRun.perf("profile", "--interval", "0", "--", JAVA, "-version")
                        .exitCode())
                .isEqualTo(ExitCodes.USAGE);
        assertThat(CliRun.perf("profile", "--pid", "1", "pause").err()).contains("give start, dump or stop");
    }
}
