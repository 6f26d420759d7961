package dev.perf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.profile.ProfileRequest;
import dev.perf.profile.ProfileSummary;
import dev.perf.result.Json;
import dev.perf.testing.CliRun;
import dev.perf.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code perf profile} against {@code ProfileTarget}, a JVM whose hot spots are known. async-profiler cases
 * are skipped, saying why, where its library cannot sample here.
 */
@Tag("slow") // runs JMH forks, load loops, a profiler or a browser against the wall clock
class ProfileCommandTest {
    static final String JAVA =
            Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path dir;

    /** The {@code summary.json} of the profile in {@code out}. */
    static ProfileSummary summary(Path out) throws IOException {
        return Json.mapper().readValue(out.resolve("summary.json").toFile(), ProfileSummary.class);
    }

    private static void assumeAsyncWorks(String engine, String mode) {
        if (engine.equals("async")) {
            String problem = dev.perf.profile.Profiler.asyncProfilerProblem(ProfileRequest.Mode.valueOf(mode));
            Assumptions.assumeTrue(problem == null, "async-profiler cannot run here: " + problem);
        }
    }

    private CliRun profileCommand(String engine, String mode, String fixtureMode, Path out, String... extra) {
        List<String> args =
                new ArrayList<>(List.of("profile", "--engine", engine, "--mode", mode, "-o", out.toString()));
        args.addAll(List.of(extra));
        args.addAll(List.of("--", JAVA, "-cp", Fixtures.profileTarget().toString(), "ProfileTarget", fixtureMode, "3"));
        return CliRun.perf(args.toArray(String[]::new));
    }

    @ParameterizedTest
    @CsvSource({
        "jfr, cpu, cpu, ProfileTarget.burn",
        "async, cpu, cpu, ProfileTarget.burn",
        "jfr, alloc, alloc, ProfileTarget.allocate",
        "async, alloc, alloc, ProfileTarget.allocate",
        "jfr, lock, lock, ProfileTarget.contend",
        "async, lock, lock, ProfileTarget.contend"
    })
    void command_topSelfMethodIsTheKnownHotSpot(String engine, String mode, String fixtureMode, String hot)
            throws IOException {
        assumeAsyncWorks(engine, mode);
        Path out = dir.resolve(engine + "-" + mode);
        CliRun r = profileCommand(engine, mode, fixtureMode, out);
        assertThat(r.exitCode()).as(r.err()).isZero();
        ProfileSummary s = summary(out);
        assertThat(s.engine()).isEqualTo(engine.equals("jfr") ? "jfr" : "async-profiler");
        assertThat(s.topSelf()).as(s.markdown()).isNotEmpty();
        assertThat(s.topSelf().get(0).method()).as(s.markdown()).isEqualTo(hot);
        assertThat(s.unit()).isEqualTo(mode.equals("alloc") ? "bytes" : mode.equals("lock") ? "ns" : "samples");
        assertThat(s.gc()).isNotNull();
        assertThat(s.timeline()).isNotEmpty();
        assertThat(s.timeline().get(0).threads()).isPositive();
        assertThat(out.resolve("recording.jfr")).isNotEmptyFile();
        assertThat(out.resolve("profile.collapsed")).content().contains(hot);
        assertThat(r.out()).contains(hot).contains("Profile: " + out);
    }

    @ParameterizedTest
    @CsvSource({"jfr", "async"})
    void wallMode_recordsTheBusyThread(String engine) throws IOException {
        assumeAsyncWorks(engine, "wall");
        Path out = dir.resolve("wall-" + engine);
        // wall-clock samples cover idle threads too: --include keeps the stacks of the fixture's own code
        CliRun r = profileCommand(engine, "wall", "cpu", out, "--include", ".*ProfileTarget.*");
        assertThat(r.exitCode()).as(r.err()).isZero();
        ProfileSummary s = summary(out);
        assertThat(s.topSelf().get(0).method()).as(s.markdown()).isEqualTo("ProfileTarget.burn");
        assertThat(out.resolve("profile.collapsed")).content().doesNotContain("C2Compiler");
    }

    @ParameterizedTest
    @CsvSource({"jfr", "async"})
    void pid_attachesToARunningJvm(String engine) throws Exception {
        assumeAsyncWorks(engine, "cpu");
        Process target = new ProcessBuilder(
                        JAVA, "-cp", Fixtures.profileTarget().toString(), "ProfileTarget", "cpu", "20")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            Fixtures.awaitAttachable(target.pid());
            Path out = dir.resolve("pid-" + engine);
            CliRun r = CliRun.perf(
                    "profile",
                    "--pid",
                    Long.toString(target.pid()),
                    "--duration",
                    "2s",
                    "--engine",
                    engine,
                    "--threads",
                    "-o",
                    out.toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
            ProfileSummary s = summary(out);
            assertThat(s.pid()).isEqualTo(target.pid());
            assertThat(s.topSelf().get(0).method()).as(s.markdown()).isEqualTo("ProfileTarget.burn");
            assertThat(out.resolve("profile.collapsed")).content().contains("[main tid=");
            assertThat(target.isAlive()).as("profiling leaves the JVM running").isTrue();
        } finally {
            target.destroyForcibly();
            target.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void pid_ofAProcessThatIsNotAJvm_givesTheTimelineOnly() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "20").start();
        try {
            Path out = dir.resolve("sleep");
            CliRun r = CliRun.perf(
                    "profile", "--pid", Long.toString(sleep.pid()), "--duration", "2s", "-o", out.toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.err()).contains("is not a JVM").contains("resource timeline only");
            ProfileSummary s = summary(out);
            assertThat(s.engine()).isEqualTo("none");
            assertThat(s.timeline()).isNotEmpty();
            assertThat(out.resolve("flame.html")).doesNotExist();
            assertThat(sleep.isAlive()).isTrue();
        } finally {
            sleep.destroyForcibly();
        }
    }

    @ParameterizedTest
    @CsvSource({"jfr", "async"})
    void jmh_profilesABenchmarkThroughJmh(String engine) throws IOException {
        assumeAsyncWorks(engine, "cpu");
        Path out = dir.resolve("jmh-" + engine);
        CliRun r = CliRun.perf(
                "profile", "--jmh", "StateMachineBench", "--engine", engine, "--top", "200", "-o", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        // On a busy 2-core machine the JIT's compiler threads can take most samples of a short run, pushing
        // the benchmark out of the first 20 methods: list them all, and the benchmark must be among them.
        ProfileSummary s = summary(out);
        assertThat(s.topTotal())
                .extracting(ProfileSummary.Method::method)
                .anyMatch(m -> m.startsWith("dev.perf.demo.StateMachineBench.transition"));
    }

    @Test
    void exclude_dropsTheStacksOfMatchingFrames() throws IOException {
        Path out = dir.resolve("exclude");
        CliRun r = profileCommand("jfr", "cpu", "cpu", out, "--exclude", ".*burn.*");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(out.resolve("profile.collapsed")).content().doesNotContain("ProfileTarget.burn");
        assertThat(summary(out).topSelf())
                .extracting(ProfileSummary.Method::method)
                .doesNotContain("ProfileTarget.burn");
    }

    @Test
    void outputs_roundTripAndAreSelfContained() throws IOException {
        Path out = dir.resolve("files");
        assertThat(profileCommand("jfr", "cpu", "cpu", out).exitCode()).isZero();
        ProfileSummary s = summary(out);
        String json = Files.readString(out.resolve("summary.json"), StandardCharsets.UTF_8);
        assertThat(Json.mapper().writeValueAsString(s) + "\n").isEqualTo(json);
        String html = Files.readString(out.resolve("flame.html"), StandardCharsets.UTF_8);
        // nothing is fetched when the page opens: no external script, style, image or frame (one
        // attribution hyperlink to async-profiler is a link, not a load)
        assertThat(html).doesNotContainPattern("<script[^>]+src=").doesNotContainPattern("<link[^>]+href=");
        assertThat(html)
                .doesNotContainPattern("(?i)src=['\"]?https?:")
                .doesNotContainPattern("(?i)url\\(['\"]?https?:");
        assertThat(out.resolve("summary.md")).content().contains("### Top methods by self samples");
    }

    @Test
    void diff_showsWhatChanged() throws IOException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        assertThat(profileCommand("jfr", "cpu", "cpu", a).exitCode()).isZero();
        assertThat(profileCommand("jfr", "cpu", "lock", b).exitCode()).isZero();
        Path out = dir.resolve("diff");
        CliRun r = CliRun.perf("profile", "diff", a.toString(), b.toString(), "-o", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(out.resolve("diff.md")).content().contains("ProfileTarget.burn");
        assertThat(out.resolve("diff.html")).content().contains("<svg").contains("red grew");
        assertThat(out.resolve("diff.collapsed")).isNotEmptyFile();
        CliRun fromJfr = CliRun.perf(
                "profile",
                "diff",
                a.resolve("recording.jfr").toString(),
                b.resolve("recording.jfr").toString(),
                "-o",
                dir.resolve("diff2").toString());
        assertThat(fromJfr.exitCode()).as(fromJfr.err()).isZero();
    }

    @Test
    void badInput_andUsage_exitWithTheDocumentedCodes() {
        List<String[]> badInput = new ArrayList<>();
        badInput.add(new String[] {
            "profile", "--pid", "999999999", "-o", dir.resolve("x").toString()
        });
        badInput.add(new String[] {"profile", "-o", dir.resolve("y").toString(), "--", "/no/such/program"});
        badInput.add(new String[] {
            "profile",
            "diff",
            dir.toString(),
            dir.toString(),
            "-o",
            dir.resolve("d").toString()
        });
        for (String[] args : badInput) {
            CliRun r = CliRun.perf(args);
            assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.err()).isEqualTo(ExitCodes.BAD_INPUT);
        }
        assertThat(CliRun.perf("profile", "--pid", "999999999").err()).contains("no process with pid 999999999");
        assertThat(CliRun.perf("profile", "-o", dir.resolve("y").toString(), "--", "/no/such/program")
                        .err())
                .contains("cannot start /no/such/program")
                .contains("No such file or directory");
        assertThat(CliRun.perf("profile", "--duration", "0", "--", "java", "-version")
                        .exitCode())
                .isEqualTo(ExitCodes.USAGE);
        assertThat(CliRun.perf("profile").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(CliRun.perf("profile", "--pid", "1", "--jmh", "x").exitCode())
                .isEqualTo(ExitCodes.USAGE);
        CliRun suiteWithPid = CliRun.perf("profile", "--pid", "1", "-s", "perf.yaml");
        assertThat(suiteWithPid.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(suiteWithPid.err()).contains("-s FILE applies to --jmh REGEX");
        CliRun missing = CliRun.perf(
                "profile",
                "--jmh",
                "x",
                "-s",
                dir.resolve("missing.yaml").toString(),
                "-o",
                dir.resolve("z").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err()).contains("missing.yaml").contains("no such file");
    }
}
