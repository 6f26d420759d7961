package dev.perf.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perf.result.Json;
import dev.perf.result.PerfException;
import dev.perf.testing.JsonSchemaSubset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pure parts of {@code perf profile}: speedscope output against speedscope's own schema, the agent options
 * and JVM flags, a launcher's JVMs told apart by main class, and the options' validation.
 */
class ProfileOutputsTest {
    @TempDir
    Path dir;

    private static ProfileRequest request(ProfileRequest.Mode mode, ProfileRequest.Options options) {
        return new ProfileRequest(
                new ProfileRequest.Target.Command(List.of("java", "-version")),
                null,
                mode,
                ProfileRequest.Engine.auto,
                Path.of("out"),
                false,
                null,
                null,
                20,
                options,
                ProfileRequest.Action.record);
    }

    /**
     * The converter's own flame graph page (the template in its jar) opens scrolled to the root: it draws the root
     * at the bottom of a canvas 16 px a frame tall, and a deep graph opened blank (#34). A converter whose page
     * changes shape fails here rather than silently opening blank again.
     */
    @Test
    void flameGraphs_openAtTheirRoot_whateverTheDepth() throws Exception {
        String template;
        try (var in = one.convert.FlameGraph.class.getResourceAsStream("/flame.html")) {
            template = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertThat(template).contains(FlameGraphs.PAGE_END).contains("let inverted = ");
        String page = FlameGraphs.openAtRoot(template);
        assertThat(page)
                .contains("if (!inverted) window.scrollTo(0, document.body.scrollHeight);\n" + FlameGraphs.PAGE_END);
        assertThat(page.split("window.scrollTo\\(0, document.body.scrollHeight\\)", -1))
                .hasSize(2);
        // a page that is not the converter's is left as it is
        assertThat(FlameGraphs.openAtRoot("<html></html>")).isEqualTo("<html></html>");
    }

    @Test
    void speedscope_isValidAgainstItsSchema_withFramesSamplesAndWeights() throws Exception {
        StackProfile stacks = StackProfile.parse("main;work;burn 30\nmain;work;hash 12\nmain;idle 3\n");
        JsonNode doc = Json.mapper().readTree(Json.write(Speedscope.of(stacks, "demo", "samples")));
        JsonNode schema = Json.mapper()
                .readTree(Files.readString(Path.of("src/test/resources/profile/speedscope/file-format-schema.json")));
        List<String> problems = new ArrayList<>();
        JsonSchemaSubset.validate(schema, schema, doc, "$", problems);
        assertThat(problems).isEmpty();
        assertThat(doc.at("/shared/frames").findValuesAsText("name"))
                .containsExactly("main", "work", "burn", "hash", "idle");
        JsonNode p = doc.at("/profiles/0");
        assertThat(p.get("unit").asText()).isEqualTo("none");
        assertThat(p.get("endValue").asLong()).isEqualTo(45);
        assertThat(p.get("samples").toString()).isEqualTo("[[0,1,2],[0,1,3],[0,4]]");
        assertThat(p.get("weights").toString()).isEqualTo("[30,12,3]");
        // a document the schema refuses is refused: the validator is not vacuous
        ((com.fasterxml.jackson.databind.node.ObjectNode) p).put("unit", "furlongs");
        JsonSchemaSubset.validate(schema, schema, doc, "$", problems);
        assertThat(problems).isNotEmpty();
        assertThat(Speedscope.of(stacks, "a", "bytes").at("/profiles/0/unit").asText())
                .isEqualTo("bytes");
        assertThat(Speedscope.of(stacks, "a", "ns").at("/profiles/0/unit").asText())
                .isEqualTo("nanoseconds");
    }

    @Test
    void asyncOptions_carryEventIntervalCstackAndTheLog() {
        ProfileRequest plain = request(ProfileRequest.Mode.cpu, ProfileRequest.Options.DEFAULT);
        assertThat(AgentOptions.async(plain, "start", Path.of("/o/a.jfr"), Path.of("/o/agent.log")))
                .isEqualTo("start,event=cpu,interval=10ms,jfr,file=/o/a.jfr,log=/o/agent.log");
        ProfileRequest tuned = request(
                ProfileRequest.Mode.cpu,
                new ProfileRequest.Options(
                        false, null, null, Duration.ofNanos(500_000), "itimer", "no", false, null, false));
        assertThat(AgentOptions.async(tuned, "start", Path.of("/o/a.jfr"), null))
                .isEqualTo("start,event=itimer,interval=500us,cstack=no,jfr,file=/o/a.jfr");
        assertThat(AgentOptions.async(
                        request(ProfileRequest.Mode.alloc, ProfileRequest.Options.DEFAULT),
                        "start",
                        Path.of("/o/a.jfr"),
                        null))
                .isEqualTo("start,event=alloc,jfr,file=/o/a.jfr");
        assertThat(AgentOptions.async(plain, "stop", Path.of("/o/a.jfr"), null)).isEqualTo("stop,jfr,file=/o/a.jfr");
    }

    @Test
    void jvmFlags_silenceJfrOnStdout_andJavaToolOptionsPointAtAnOptionsFile() throws Exception {
        ProfileRequest r = request(ProfileRequest.Mode.cpu, ProfileRequest.Options.DEFAULT);
        List<String> flags = AgentOptions.jvmFlags(
                r,
                Path.of("/o/perf.jfc"),
                Path.of("/o/jvms"),
                Path.of("/lib/ap.so"),
                Path.of("/o/jvms/async-%p.jfr"),
                Path.of("/o/agent.log"));
        assertThat(flags)
                .contains("-Xlog:jfr+startup=off:stdout", "-XX:+DebugNonSafepoints")
                .contains(
                        "-XX:StartFlightRecording=name=perf-profile,filename=/o/jvms/,settings=/o/perf.jfc,dumponexit=true")
                .contains("-agentpath:/lib/ap.so=start,event=cpu,interval=10ms,jfr,file=/o/jvms/async-%p.jfr,"
                        + "log=/o/agent.log");
        Path options = dir.resolve("jvm.options");
        assertThat(AgentOptions.javaToolOptions(null, flags, options)).isEqualTo("-XX:VMOptionsFile=" + options);
        assertThat(AgentOptions.javaToolOptions(" -Xmx1g ", flags, options))
                .isEqualTo("-Xmx1g -XX:VMOptionsFile=" + options);
        assertThat(Files.readAllLines(options))
                .hasSize(flags.size())
                .allSatisfy(l -> assertThat(l).startsWith("\"").endsWith("\""));
    }

    @Test
    void aLaunchersJvms_areToldApartByMainClass() {
        assertThat(JvmProfiles.mainClass(List.of("-Xmx1g", "-cp", "a:b", "com.acme.Main", "--flag")))
                .isEqualTo("com.acme.Main");
        assertThat(JvmProfiles.mainClass(List.of("-jar", "/x/surefirebooter.jar", "x")))
                .isEqualTo("surefirebooter.jar");
        assertThat(JvmProfiles.mainClass(List.of("--module-path", "m", "-m", "app/com.acme.App")))
                .isEqualTo("com.acme.App");
        assertThat(JvmProfiles.mainClass(List.of("-version"))).isEqualTo("unknown");
        StackProfile stacks =
                StackProfile.parse("org.apache.maven.surefire.booter.ForkedBooter.main_[j];demo.HotTest.burns 90\n"
                        + "java.lang.Thread.run;worker 50\n[GC Thread];gc 5\n");
        assertThat(JvmProfiles.mainFromStacks(stacks)).isEqualTo("org.apache.maven.surefire.booter.ForkedBooter");
        assertThat(JvmProfiles.mainFromStacks(StackProfile.parse("java.lang.Thread.run;x 3\n")))
                .isNull();
        assertThat(JvmProfiles.directoryName(42, "org.apache.maven.surefire.booter.ForkedBooter"))
                .isEqualTo("42-ForkedBooter");
        assertThat(JvmProfiles.directoryName(7, "surefirebooter.jar")).isEqualTo("7-surefirebooter.jar");
    }

    @Test
    void perfsOwnThreads_areExcludedFromEveryMode() {
        Pattern own = FlameGraphs.OWN_FRAMES;
        assertThat(own.matcher("jdk.jfr.internal.PlatformRecorder.periodicTask").matches())
                .isTrue();
        assertThat(own.matcher("one.profiler.AsyncProfiler.execute0").matches()).isTrue();
        assertThat(own.matcher("AttachListenerThread::thread_entry").matches()).isTrue();
        assertThat(own.matcher("com.acme.Cache.get").matches()).isFalse();
        assertThat(StackProfile.method("ProfileTarget.burn_[j]")).isEqualTo("ProfileTarget.burn");
        assertThat(StackProfile.method("ProfileTarget.burn_[0]")).isEqualTo("ProfileTarget.burn");
    }

    @Test
    void badOptions_areUsageErrors() {
        assertThatThrownBy(() ->
                        new ProfileRequest.Options(false, null, null, Duration.ZERO, null, null, false, null, false))
                .isInstanceOf(PerfException.class)
                .hasMessageContaining("--interval must be positive");
        assertThatThrownBy(() -> new ProfileRequest.Options(false, 120.0, null, null, null, null, false, null, false))
                .hasMessageContaining("--minwidth is a percentage");
        assertThatThrownBy(
                        () -> new ProfileRequest.Options(false, null, null, null, null, "frames", false, null, false))
                .hasMessageContaining("--cstack must be one of fp, dwarf, lbr, vm, vmx, no");
        assertThatThrownBy(() -> new ProfileRequest.Options(false, null, null, null, "a b", null, false, null, false))
                .hasMessageContaining("is not an event name");
        ProfileRequest.Options event =
                new ProfileRequest.Options(false, null, null, null, "itimer", null, false, null, false);
        assertThatThrownBy(() -> new ProfileRequest(
                        new ProfileRequest.Target.Pid(1),
                        null,
                        ProfileRequest.Mode.cpu,
                        ProfileRequest.Engine.jfr,
                        Path.of("o"),
                        false,
                        null,
                        null,
                        20,
                        event,
                        ProfileRequest.Action.record))
                .hasMessageContaining("--event needs async-profiler");
        assertThatThrownBy(() -> new ProfileRequest(
                        new ProfileRequest.Target.Command(List.of("mvn")),
                        null,
                        ProfileRequest.Mode.cpu,
                        ProfileRequest.Engine.auto,
                        Path.of("o"),
                        false,
                        null,
                        null,
                        20,
                        ProfileRequest.Options.DEFAULT,
                        ProfileRequest.Action.start))
                .hasMessageContaining("start applies to a running JVM");
    }
}
