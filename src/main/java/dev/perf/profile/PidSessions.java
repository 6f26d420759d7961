package dev.perf.profile;

import dev.perf.result.PerfException;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

/**
 * Recordings of a long-running JVM that outlive perf: {@code perf profile --pid P start} starts one and notes
 * it in a small file of this user's ({@code java.io.tmpdir/perf-profile-USER/P.properties}); {@code dump} writes
 * the outputs of what it holds so far and lets it go on; {@code stop} ends it and writes them. Starting a pid
 * that perf already records is refused.
 */
final class PidSessions {
    private PidSessions() {}

    /**
     * A recording in progress.
     *
     * @param recording its engine and files (async-profiler writes to its own file as it goes)
     * @param mode what it samples
     * @param startedAt when it started
     */
    record Session(Recording recording, ProfileRequest.Mode mode, Instant startedAt) {}

    static Path directory() {
        return Path.of(System.getProperty("java.io.tmpdir"), "perf-profile-" + System.getProperty("user.name"));
    }

    private static Path state(long pid) {
        return directory().resolve(pid + ".properties");
    }

    /** The session of {@code pid}, or null; a session of a process that has ended is forgotten. */
    static Session find(long pid) {
        Path file = state(pid);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
            Instant started = Instant.parse(p.getProperty("startedAt"));
            boolean alive = ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .flatMap(h -> h.info().startInstant())
                    .map(s -> !s.isAfter(started))
                    .orElse(false);
            if (!alive) {
                Files.deleteIfExists(file);
                return null;
            }
            String library = p.getProperty("library");
            Recording rec = new Recording(
                    Recording.Use.valueOf(p.getProperty("use")),
                    library == null ? null : Path.of(library),
                    Path.of(p.getProperty("settings")),
                    Path.of(p.getProperty("jfr")),
                    Path.of(p.getProperty("async")),
                    Path.of(p.getProperty("log")));
            return new Session(rec, ProfileRequest.Mode.valueOf(p.getProperty("mode")), started);
        } catch (IOException | RuntimeException e) {
            throw PerfException.badInput("cannot read " + file + " (perf's note of a recording of pid " + pid + "): "
                    + e.getMessage() + "; delete it and start again");
        }
    }

    /** Starts recording {@code pid} with {@code rec}; refused while perf already records it. */
    static void start(long pid, ProfileRequest request, Recording rec) {
        Session running = find(pid);
        if (running != null) {
            throw PerfException.badInput("pid " + pid + " is already being recorded by perf since "
                    + running.startedAt() + " (" + running.mode() + "): perf profile --pid " + pid
                    + " dump, or stop it first");
        }
        PidRecording.start(pid, request, rec);
        Properties p = new Properties();
        p.setProperty("use", rec.use().name());
        if (rec.library() != null) {
            p.setProperty("library", rec.library().toString());
        }
        p.setProperty("settings", rec.settings().toAbsolutePath().toString());
        p.setProperty("jfr", rec.jfr().toAbsolutePath().toString());
        p.setProperty("async", rec.async().toAbsolutePath().toString());
        p.setProperty("log", rec.log().toAbsolutePath().toString());
        p.setProperty("mode", request.mode().name());
        p.setProperty("startedAt", Instant.now().toString());
        try {
            Files.createDirectories(directory());
            try (Writer out = Files.newBufferedWriter(state(pid), StandardCharsets.UTF_8)) {
                p.store(out, "perf profile --pid " + pid + " start");
            }
        } catch (IOException e) {
            throw PerfException.badInput("cannot note the recording in " + directory() + ": " + e.getMessage());
        }
    }

    /**
     * Writes the recording of {@code pid} so far into {@code to}'s files; with {@code stop} it ends. Returns how
     * long it has been recording.
     */
    static Duration collect(long pid, Session session, Recording to, boolean stop) {
        Recording rec = session.recording();
        if (stop) {
            PidRecording.stop(pid, rec, to);
        } else {
            PidRecording.dump(pid, rec, to);
        }
        try {
            // async-profiler keeps writing the file it started with: the outputs take a copy
            if (rec.use() == Recording.Use.ASYNC && !Files.exists(to.async()) && Files.exists(rec.async())) {
                Files.copy(rec.async(), to.async(), StandardCopyOption.REPLACE_EXISTING);
            }
            if (stop) {
                Files.deleteIfExists(state(pid));
                Files.deleteIfExists(rec.async());
            }
        } catch (IOException e) {
            throw PerfException.badInput("cannot collect the recording of pid " + pid + ": " + e.getMessage());
        }
        return Duration.between(session.startedAt(), Instant.now());
    }

    /** The session of {@code pid}; bad input when there is none. */
    static Session require(long pid, ProfileRequest.Action action) {
        Session s = find(pid);
        if (s == null) {
            throw PerfException.badInput("pid " + pid + " has no recording to " + action + ": start one with perf"
                    + " profile --pid " + pid + " start");
        }
        return s;
    }
}
