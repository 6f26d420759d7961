package dev.perf.cli;

import dev.perf.result.PerfException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one check that no output overwrites an input or another output of the same command, before anything
 * runs. Devices and FIFOs ({@code /dev/null}, {@code /dev/stdout}) may take several outputs.
 */
final class Outputs {
    private Outputs() {}

    /**
     * Throws a usage error when an output is one of {@code inputs} or two outputs are one file.
     *
     * @param inputs flag or parameter name → input path (null entries are skipped)
     * @param outputs flag name → output path (null entries are skipped)
     */
    static void check(Map<String, Path> inputs, Map<String, Path> outputs) {
        List<Map.Entry<String, Path>> seen = new ArrayList<>();
        for (Map.Entry<String, Path> out : outputs.entrySet()) {
            if (out.getValue() == null || special(out.getValue())) {
                continue;
            }
            for (Map.Entry<String, Path> in : inputs.entrySet()) {
                if (in.getValue() != null && same(in.getValue(), out.getValue())) {
                    throw PerfException.usage(out.getKey() + " " + out.getValue() + " is also the input " + in.getKey()
                            + ": writing it would destroy the input; choose another output file");
                }
            }
            for (Map.Entry<String, Path> other : seen) {
                if (same(other.getValue(), out.getValue())) {
                    throw PerfException.usage(other.getKey() + " and " + out.getKey() + " are the same file ("
                            + out.getValue() + "): one would overwrite the other; give each its own file");
                }
            }
            seen.add(out);
        }
    }

    /**
     * Throws a usage error when {@code output} is an existing regular file that is not a perf result and
     * {@code force} is not set: {@code -o notes.md} by mistake must not destroy the notes.
     */
    static void replacesOnlyResults(String flag, Path output, boolean force) {
        if (force || output == null || !Files.isRegularFile(output)) {
            return;
        }
        try (InputStream in = Files.newInputStream(output)) {
            byte[] head = in.readNBytes(4096);
            String text = new String(head, StandardCharsets.UTF_8);
            if (head.length == 0 || text.matches("(?s)\\s*\\{\\s*\"schema\"\\s*:\\s*\"perf-result/.*")) {
                return;
            }
        } catch (IOException e) {
            return; // the write itself will report what is wrong with the file
        }
        throw PerfException.usage(flag + " " + output + " exists and is not a perf result: give --force to replace it, "
                + "or choose another file");
    }

    /** A map that keeps the order flags were given in and allows null values. */
    static Map<String, Path> of(Object... nameThenPath) {
        Map<String, Path> out = new LinkedHashMap<>();
        for (int i = 0; i < nameThenPath.length; i += 2) {
            out.put((String) nameThenPath[i], (Path) nameThenPath[i + 1]);
        }
        return out;
    }

    private static boolean special(Path p) {
        return Files.exists(p) && !Files.isRegularFile(p) && !Files.isDirectory(p);
    }

    private static boolean same(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (IOException e) {
            // fall through to comparing the paths
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
}
