package dev.perf.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/**
 * JMH fixture benchmarks (good, failing, crashing, slow) compiled at test time with the JMH annotation
 * processor, as a user's build would: a class directory (the {@code classpath:} route) and an uber-jar with
 * its own JMH (the {@code jar:} route). Built once per test JVM.
 */
public final class Fixtures {
    private static Path classes;
    private static Path uberJar;
    private static Path profileTarget;
    private static final java.util.Map<String, Path> oldJmhJars = new java.util.HashMap<>();

    private Fixtures() {}

    /** A directory of compiled fixture classes with JMH-generated code and META-INF/BenchmarkList. */
    public static synchronized Path classes() {
        if (classes == null) {
            try {
                Path root = Files.createTempDirectory("perf-fixtures-");
                classes = compile(
                        Path.of("src/test/resources/fixtures/jmh"),
                        root.resolve("classes"),
                        System.getProperty("java.class.path"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return classes;
    }

    /**
     * The {@code .java} files under {@code src} compiled into {@code out} with JMH's annotation processor, as
     * found on {@code classpath} (so a given JMH version generates the code and the BenchmarkList).
     */
    private static Path compile(Path src, Path out, String classpath) throws IOException {
        Files.createDirectories(out);
        List<String> args = new ArrayList<>(List.of(
                "-d",
                out.toString(),
                "-cp",
                classpath,
                "-processor",
                "org.openjdk.jmh.generators.BenchmarkProcessor",
                "--release",
                "17",
                "-nowarn"));
        try (Stream<Path> files = Files.walk(src)) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
        }
        // javac in its own JVM: in this one, JMH's processor would load from the test class path whatever -cp says
        args.add(0, Path.of(System.getProperty("java.home"), "bin", "javac").toString());
        Process javac = new ProcessBuilder(args).redirectErrorStream(true).start();
        String output = new String(javac.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            if (javac.waitFor() != 0) {
                throw new IllegalStateException("fixture compilation failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** A directory holding the compiled {@code ProfileTarget} and {@code SpinTarget}, JVMs with known hot spots. */
    public static synchronized Path profileTarget() {
        if (profileTarget == null) {
            try {
                Path out = Files.createTempDirectory("perf-profile-target-");
                int rc = ToolProvider.getSystemJavaCompiler()
                        .run(
                                null,
                                null,
                                null,
                                "-d",
                                out.toString(),
                                "--release",
                                "17",
                                "src/test/resources/fixtures/profile/ProfileTarget.java",
                                "src/test/resources/fixtures/profile/SpinTarget.java");
                if (rc != 0) {
                    throw new IllegalStateException("profile fixture compilation failed: " + rc);
                }
                profileTarget = out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return profileTarget;
    }

    /** Waits (up to 20 s) until {@code jcmd -l} lists the JVM {@code pid}, then lets its main class start. */
    public static void awaitAttachable(long pid) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            Process p = new ProcessBuilder(jcmd.toString(), "-l")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            if (out.lines().anyMatch(l -> l.startsWith(pid + " "))) {
                Thread.sleep(300); // listed before its main class runs: let the hot loop start
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("jcmd -l never listed " + pid);
    }

    /** An executable JMH uber-jar of the fixtures, with JMH and its dependencies inside. */
    public static synchronized Path uberJar() {
        if (uberJar == null) {
            try {
                List<Path> libs = new ArrayList<>();
                for (String type : List.of(
                        "org.openjdk.jmh.Main",
                        "joptsimple.OptionParser",
                        "org.apache.commons.math3.stat.descriptive.SummaryStatistics")) {
                    libs.add(locationOf(type));
                }
                uberJar = jar(classes(), libs, classes().getParent().resolve("benchmarks.jar"));
            } catch (IOException | ClassNotFoundException | URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return uberJar;
    }

    /**
     * An executable benchmarks uber-jar built with JMH {@code version} (1.12 and 1.16: the jars Maven copies to
     * {@code target/old-jmh}), of the benchmarks in {@code src/test/resources/fixtures/oldjmh}, as a project on
     * that JMH builds it: its BenchmarkList in that version's format, that JMH inside to run it.
     */
    public static synchronized Path oldJmhJar(String version) {
        return oldJmhJars.computeIfAbsent(version, v -> {
            try {
                Path lib = Path.of("target/old-jmh");
                List<Path> runtime = List.of(
                        lib.resolve("jmh-core-" + v + ".jar"),
                        lib.resolve("jopt-simple-4.6.jar"),
                        lib.resolve("commons-math3-3.2.jar"));
                String classpath = Stream.concat(
                                runtime.stream(), Stream.of(lib.resolve("jmh-generator-annprocess-" + v + ".jar")))
                        .map(Path::toString)
                        .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
                Path root = Files.createTempDirectory("perf-jmh-" + v + "-");
                Path classes =
                        compile(Path.of("src/test/resources/fixtures/oldjmh"), root.resolve("classes"), classpath);
                return jar(classes, runtime, root.resolve("benchmarks.jar"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** {@code classes} and the jars {@code libs} in one jar at {@code out} whose main class is JMH's. */
    private static Path jar(Path classes, List<Path> libs, Path out) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "org.openjdk.jmh.Main");
        Set<String> seen = new HashSet<>();
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(out), manifest)) {
            seen.add("META-INF/MANIFEST.MF");
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path p : files.filter(Files::isRegularFile).toList()) {
                    String name = classes.relativize(p).toString().replace('\\', '/');
                    seen.add(name);
                    jar.putNextEntry(new JarEntry(name));
                    Files.copy(p, jar);
                    jar.closeEntry();
                }
            }
            for (Path lib : libs) {
                copyJar(lib, jar, seen);
            }
        }
        return out;
    }

    private static Path locationOf(String type) throws ClassNotFoundException, URISyntaxException {
        return Path.of(Class.forName(type)
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
    }

    private static void copyJar(Path source, OutputStream target, Set<String> seen) throws IOException {
        JarOutputStream out = (JarOutputStream) target;
        try (JarFile jar = new JarFile(source.toFile())) {
            for (JarEntry e : jar.stream().toList()) {
                String name = e.getName();
                if (e.isDirectory()
                        || name.startsWith("META-INF/")
                                && (name.endsWith(".SF")
                                        || name.endsWith(".RSA")
                                        || name.endsWith(".DSA")
                                        || name.equals("META-INF/MANIFEST.MF"))
                        || !seen.add(name)) {
                    continue;
                }
                out.putNextEntry(new JarEntry(name));
                try (InputStream in = jar.getInputStream(e)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
    }
}
