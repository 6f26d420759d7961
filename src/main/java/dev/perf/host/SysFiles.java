package dev.perf.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reading the small text files of /proc and /sys, where a missing or unreadable file means "not known here". */
final class SysFiles {
    private SysFiles() {}

    /** The lines of {@code file}, or no lines when it cannot be read. */
    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** The first non-blank line of {@code file}, stripped, or null when it cannot be read or holds none. */
    static String firstLine(Path file) {
        return lines(file).stream()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .findFirst()
                .orElse(null);
    }
}
