package dev.perf.bench;

import dev.perf.result.PerfException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.openjdk.jmh.runner.BenchmarkListEntry;

/**
 * Lists the JMH benchmarks compiled into a jar or class directory by reading its {@code
 * META-INF/BenchmarkList}, without starting a JVM.
 */
public final class BenchmarkCatalog {
    private static final String LIST = "META-INF/BenchmarkList";

    private BenchmarkCatalog() {}

    /** The benchmarks bundled with perf itself (the demo), from perf's own jar or class directory. */
    public static List<BenchmarkListEntry> own() {
        try {
            Path location = Path.of(BenchmarkCatalog.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            return of(location, "perf's own classpath");
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            throw PerfException.internal("cannot locate perf's own benchmarks: " + e, e);
        }
    }

    /**
     * The benchmarks in a jar or class directory; bad input naming {@code label} when it is missing or holds
     * no {@code META-INF/BenchmarkList}.
     */
    public static List<BenchmarkListEntry> of(Path location, String label) {
        if (!Files.exists(location)) {
            throw PerfException.badInput("cannot read " + label + ": no such file or directory"
                    + (label.endsWith(location.toString()) ? "" : " (looked for " + location + ")"));
        }
        try {
            if (Files.isDirectory(location)) {
                Path list = location.resolve(LIST);
                if (!Files.isRegularFile(list)) {
                    throw noBenchmarks(label);
                }
                try (InputStream in = Files.newInputStream(list)) {
                    return read(in, label, null);
                }
            }
            try (JarFile jar = new JarFile(location.toFile())) {
                ZipEntry entry = jar.getEntry(LIST);
                if (entry == null) {
                    throw noBenchmarks(label);
                }
                try (InputStream in = jar.getInputStream(entry)) {
                    return read(in, label, jmhVersion(jar));
                }
            }
        } catch (IOException e) {
            throw PerfException.badInput(
                    "cannot read " + label + ": " + e.getMessage() + " (expected a jar or a directory of classes)");
        } catch (RuntimeException e) {
            if (e instanceof PerfException) {
                throw e;
            }
            throw PerfException.badInput(
                    "cannot read " + label + ": its META-INF/BenchmarkList is invalid (" + e.getMessage() + ")");
        }
    }

    /**
     * The entries of a {@code META-INF/BenchmarkList}, as JMH reads them; a line an older JMH wrote is read in
     * today's form: 1.13–1.23 (its {@code @Param} values not yet armored: {@code jmhVersion} when known, else values
     * that cannot be armored) and 1.12 (another format); one older still is bad input saying to rebuild.
     */
    static List<BenchmarkListEntry> read(InputStream in, String label, String jmhVersion) throws IOException {
        boolean old = olderThan124(jmhVersion);
        List<BenchmarkListEntry> out = new ArrayList<>();
        for (String line :
                new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
            if (SeparatedBenchmarkList.matches(line)) {
                out.add(pre113(line, label, jmhVersion));
                continue;
            }
            String upgraded = LegacyBenchmarkList.upgrade(line, old);
            out.add(new BenchmarkListEntry(upgraded != null ? upgraded : line));
        }
        return out;
    }

    private static BenchmarkListEntry pre113(String line, String label, String jmhVersion) {
        try {
            return SeparatedBenchmarkList.read(line);
        } catch (IllegalArgumentException e) {
            throw PerfException.badInput(label + " was built with JMH "
                    + (jmhVersion == null ? "1.11 or older" : jmhVersion)
                    + ", whose META-INF/BenchmarkList perf cannot read (" + e.getMessage()
                    + "): rebuild it with JMH 1.12 or newer");
        }
    }

    /** Whether {@code version} (e.g. {@code 1.16}) is a JMH before 1.24, which wrote {@code @Param} values raw. */
    static boolean olderThan124(String version) {
        return olderThan(version, 24);
    }

    /** Whether {@code version} is a known JMH 1.x older than 1.{@code minor}; false when unknown. */
    private static boolean olderThan(String version, int minor) {
        if (version == null) {
            return false;
        }
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("(\\d+)\\.(\\d+)").matcher(version);
        return m.lookingAt()
                && (Integer.parseInt(m.group(1)) < 1
                        || (Integer.parseInt(m.group(1)) == 1 && Integer.parseInt(m.group(2)) < minor));
    }

    /**
     * JVM options the JVM running {@code jar} as {@code java -jar} needs for the jar's JMH to start on today's JDK:
     * JMH before 1.15 opens {@code java.io} by reflection to guess the console's encoding, which JDK 16 and newer
     * refuse unless told ({@code InaccessibleObjectException} before any benchmark). Its forks inherit them.
     */
    static List<String> hostOptions(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return olderThan(jmhVersion(file), 15) ? List.of("--add-opens=java.base/java.io=ALL-UNNAMED") : List.of();
        } catch (IOException e) {
            return List.of(); // the jar was read when planned; running it will say what is wrong
        }
    }

    /** The version of the JMH inside {@code jar} (an uber-jar keeps jmh-core's Maven properties); null if unknown. */
    static String jmhVersion(JarFile jar) throws IOException {
        ZipEntry props = jar.getEntry("META-INF/maven/org.openjdk.jmh/jmh-core/pom.properties");
        if (props == null) {
            return null;
        }
        java.util.Properties p = new java.util.Properties();
        try (InputStream in = jar.getInputStream(props)) {
            p.load(in);
        }
        return p.getProperty("version");
    }

    /**
     * Fails with bad input when {@code jar} cannot run its benchmarks as {@code java -jar}: no Main-Class in
     * its manifest, or no JMH inside (a published jar of benchmark classes rather than an uber-jar).
     */
    static void requireRunnable(Path jar, String label) {
        try (JarFile file = new JarFile(jar.toFile())) {
            boolean main = file.getManifest() != null
                    && file.getManifest().getMainAttributes().getValue("Main-Class") != null;
            if (!main || file.getEntry("org/openjdk/jmh/Main.class") == null) {
                throw PerfException.badInput(label + " has no JMH main class"
                        + (main ? " (no JMH inside)" : " (no Main-Class in its manifest)")
                        + ": list it under classpath: with jmh-core, or build an uber-jar");
            }
        } catch (IOException e) {
            throw PerfException.badInput("cannot read " + label + ": " + e.getMessage() + " (expected a jar)");
        }
    }

    /** The first entry of {@code classpath} that holds benchmarks, as JMH would see it; bad input if none. */
    public static List<BenchmarkListEntry> ofClasspath(List<Path> classpath, String label) {
        List<String> without = new ArrayList<>();
        for (Path entry : classpath) {
            if (!Files.exists(entry)) {
                throw PerfException.badInput("cannot read " + label + ": classpath entry " + entry + " does not exist");
            }
            try {
                return of(entry, label);
            } catch (PerfException e) {
                without.add(entry.toString());
            }
        }
        throw PerfException.badInput(label + " holds no JMH benchmarks: none of " + String.join(", ", without)
                + " has META-INF/BenchmarkList (build them with the JMH annotation processor)");
    }

    /** Parameter combinations JMH will run for {@code entry} given perf's overrides (for planning only). */
    static int combinations(BenchmarkListEntry entry, Map<String, List<String>> overrides) {
        Map<String, Integer> counts = new TreeMap<>();
        if (entry.getParams().hasValue()) {
            entry.getParams().get().forEach((k, v) -> counts.put(k, Math.max(1, v.length)));
        }
        overrides.forEach((k, v) -> {
            if (counts.containsKey(k)) {
                counts.put(k, Math.max(1, v.size()));
            }
        });
        int product = 1;
        for (int c : counts.values()) {
            product *= c;
        }
        return product;
    }

    private static PerfException noBenchmarks(String label) {
        return PerfException.badInput(label + " holds no JMH benchmarks (no META-INF/BenchmarkList): "
                + "build it with the JMH annotation processor, e.g. jmh-generator-annprocess");
    }
}
