package dev.perf.suite;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/**
 * The commented perf.yaml {@code perf init} writes for a project: its JMH uber-jar when one is built under
 * {@code target/} or {@code build/libs/}, else a load loop against perf's demo server that runs anywhere, with
 * the other kinds of entry commented out beside. Valid as written: {@code perf run quick} runs it.
 */
public final class StarterSuite {
    private StarterSuite() {}

    /** The JMH uber-jars built in {@code project}: jars under target/ or build/libs/ with benchmarks and a main. */
    public static List<Path> jmhJars(Path project) {
        List<Path> out = new ArrayList<>();
        for (String dir : List.of("target", "build/libs")) {
            Path d = project.resolve(dir);
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(d, "*.jar")) {
                for (Path jar : jars) {
                    if (isJmhUberJar(jar)) {
                        out.add(project.relativize(jar));
                    }
                }
            } catch (IOException e) {
                // an unreadable build directory offers no jar
            }
        }
        out.sort(null);
        return out;
    }

    private static boolean isJmhUberJar(Path jar) {
        try (JarFile f = new JarFile(jar.toFile())) {
            return f.getEntry("META-INF/BenchmarkList") != null && f.getEntry("org/openjdk/jmh/Main.class") != null;
        } catch (IOException e) {
            return false;
        }
    }

    /** The suite text for {@code project}; {@code schema}: a relative path for editors' schema line, or null. */
    public static String render(Path project, String schema) {
        Path abs = project.toAbsolutePath().normalize();
        String name =
                abs.getFileName() == null ? "my-service" : abs.getFileName().toString();
        List<Path> jars = jmhJars(project);
        StringBuilder y = new StringBuilder();
        if (schema != null) {
            y.append("# yaml-language-server: $schema=").append(schema).append('\n');
        }
        y.append("# perf suite, written by perf init: perf run quick runs it (every key: docs/perf-yaml.md)\n");
        y.append("name: ").append(name.replaceAll("[^A-Za-z0-9._-]", "-")).append('\n');
        y.append("# seed: 1                  # what ${random}, ${uuid} and shuffled data draw from\n");
        y.append("benchmarks:\n");
        if (!jars.isEmpty()) {
            y.append("  # the JMH benchmarks of ").append(jars.get(0)).append(" (built by your project)\n");
            y.append("  - jmh:\n");
            y.append("      include: \".*\"          # a regex of benchmark names: narrow it as you like\n");
            y.append("      jar: ")
                    .append(jars.get(0).toString().replace('\\', '/'))
                    .append('\n');
            y.append("      # params: { size: [16, 1024] }\n");
            y.append("  # A load loop against your service: uncomment, point it at it, set its SLOs\n");
            y.append("  # - load:\n");
            y.append("  #     name: api\n");
            y.append("  #     target: { http: { url: \"http://127.0.0.1:8080/health\" } }\n");
            y.append("  #     load: { rate: 100/s, duration: 30s, warmup: 5s, connections: 8 }\n");
            y.append("  #     targets:\n");
            y.append("  #       p99: { target: 50ms, acceptable: 100ms }\n");
            y.append("  #       errorRate: { acceptable: 1% }\n");
        } else {
            y.append("  # No JMH uber-jar under target/ or build/libs/: build one, then add\n");
            y.append("  # - jmh: { include: \".*\", jar: target/benchmarks.jar }\n");
            y.append("  # This load loop runs against a small server perf starts itself; point it at yours\n");
            y.append("  # (http://127.0.0.1:8080/health, https://..., version: \"2\") and set its SLOs.\n");
            y.append("  - load:\n");
            y.append("      name: api\n");
            y.append("      target: { http: { url: \"http://{demo-server}/hello\" } }\n");
            y.append("      load: { rate: 100/s, duration: 10s, warmup: 2s, connections: 8 }\n");
            y.append("      targets:\n");
            y.append("        p99: { target: 50ms, acceptable: 100ms }\n");
            y.append("        errorRate: { acceptable: 1% }\n");
        }
        return y.toString();
    }
}
