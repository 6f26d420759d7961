package dev.perf.profile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * async-profiler's native library, as shipped inside perf's jar by {@code tools.profiler:async-profiler}
 * (linux-x64, linux-arm64, macOS): extracted once per user to a cache directory, then checked by loading it
 * into perf's own JVM and starting the requested event for a moment — the cheapest way to learn whether it
 * works here (kernel settings, containers, the C library).
 */
final class AsyncProfilerLibrary {
    private AsyncProfilerLibrary() {}

    /**
     * The library path, or why it cannot be used.
     *
     * @param path extracted library, null when unusable
     * @param problem one line saying why not, null when usable
     */
    record Availability(Path path, String problem) {}

    /** Extracts and checks the library for {@code event} (cpu, wall, alloc or lock). */
    static Availability check(String event) {
        String resource = resource();
        if (resource == null) {
            return new Availability(
                    null,
                    "async-profiler has no library for " + System.getProperty("os.name") + "/"
                            + System.getProperty("os.arch"));
        }
        Path lib;
        try {
            lib = extract(resource);
        } catch (IOException e) {
            return new Availability(null, "cannot extract async-profiler's library: " + e.getMessage());
        }
        try {
            one.profiler.AsyncProfiler profiler = one.profiler.AsyncProfiler.getInstance(lib.toString());
            profiler.execute("start,event=" + event + ",interval=10ms");
            profiler.execute("stop");
        } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            return new Availability(
                    null, "async-profiler cannot sample " + event + " here: " + why.strip() + hint(why));
        }
        return new Availability(lib, null);
    }

    private static String hint(String why) {
        return why.contains("perf_event") || why.contains("Permission")
                ? " (see /proc/sys/kernel/perf_event_paranoid; containers may block perf events)"
                : "";
    }

    /** The library's resource in the async-profiler jar for this platform, null when there is none. */
    static String resource() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (os.contains("linux")) {
            if (arch.equals("amd64") || arch.equals("x86_64")) {
                return "linux-x64/libasyncProfiler.so";
            }
            if (arch.equals("aarch64") || arch.equals("arm64")) {
                return "linux-arm64/libasyncProfiler.so";
            }
            return null;
        }
        if (os.contains("mac")) {
            return "macos/libasyncProfiler.so";
        }
        return null;
    }

    private static Path extract(String resource) throws IOException {
        Path dir =
                Path.of(System.getProperty("java.io.tmpdir"), "perf-async-profiler-" + System.getProperty("user.name"));
        Files.createDirectories(dir);
        Path target = dir.resolve(resource.replace('/', '-'));
        try (InputStream in = AsyncProfilerLibrary.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is not in perf's jar");
            }
            byte[] bytes = in.readAllBytes();
            if (!Files.exists(target) || Files.size(target) != bytes.length) {
                Path temp = Files.createTempFile(dir, "lib", ".tmp");
                Files.write(temp, bytes);
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        return target;
    }
}
