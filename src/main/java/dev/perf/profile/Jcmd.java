package dev.perf.profile;

import dev.perf.result.PerfException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The JDK's {@code jcmd}, found beside the JVM perf runs on: lists JVMs and sends diagnostic commands
 * (JFR.start, JFR.stop, JVMTI.agent_load) to one through the attach mechanism. Only JVMs of the same user
 * can be attached to.
 */
final class Jcmd {
    private Jcmd() {}

    static Path executable() {
        Path home = Path.of(System.getProperty("java.home"));
        for (Path candidate : List.of(home.resolve("bin/jcmd"), home.resolve("../bin/jcmd"))) {
            if (Files.isExecutable(candidate)) {
                return candidate.normalize();
            }
        }
        throw PerfException.badInput("jcmd is not in " + home + ": run perf with a JDK (not a JRE) to attach to a JVM");
    }

    /**
     * Whether {@code pid} is a JVM this user can attach to, as {@code jcmd -l} lists them. Never attaches:
     * attaching to a process that is not a JVM would send it SIGQUIT.
     */
    static boolean isJvm(long pid) {
        // a JVM that started a moment ago registers for attach within a second or two: give a java process that
        // long before deciding it is not a JVM
        boolean java = ProcessHandle.of(pid)
                .flatMap(h -> h.info().command())
                .map(c -> Profiler.isJava(c))
                .orElse(false);
        long deadline = System.nanoTime() + (java ? 3_000_000_000L : 0);
        while (true) {
            if (Attach.listed(pid)) {
                return true;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** Runs {@code jcmd PID args...}; bad input with jcmd's own words when it fails. */
    static String send(long pid, String... args) {
        List<String> all = new ArrayList<>();
        all.add(Long.toString(pid));
        all.addAll(List.of(args));
        String out = run(all, 60);
        if (out.contains("Exception") || out.contains("Could not") || out.contains("error")) {
            throw PerfException.badInput("jcmd " + pid + " " + args[0] + " failed: " + firstLine(out));
        }
        return out;
    }

    private static String run(List<String> args, int timeoutSeconds) {
        List<String> command = new ArrayList<>();
        command.add(executable().toString());
        command.addAll(args);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] bytes = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw PerfException.badInput(
                        "jcmd " + String.join(" ", args) + " did not answer in " + timeoutSeconds + " s");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw PerfException.badInput("cannot run jcmd: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PerfException.interrupted("interrupted while waiting for jcmd");
        }
    }

    private static String firstLine(String text) {
        for (String line : text.lines().toList()) {
            if (!line.isBlank() && !line.matches("\\d+:")) {
                return line.strip();
            }
        }
        return text.strip();
    }
}
