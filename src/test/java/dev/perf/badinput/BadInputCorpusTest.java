package dev.perf.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.testing.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus ({@code src/test/resources/bad-input/cases.tsv}): every case runs through the real
 * command line and must end with its documented exit code and one line on stderr that starts with
 * {@code perf:}, names the problem (and the file, where a file is at fault), shows no stack trace, class
 * or Jackson internals, and leaves every file as it was, with nothing half-written beside them.
 */
class BadInputCorpusTest {
    private static final Path CORPUS = Path.of("src/test/resources/bad-input");
    private static final Pattern TOKEN = Pattern.compile("\\{f:([^}]+)\\}");
    private static final List<String> INTERNALS = List.of(
            "\tat ", "Exception", "com.fasterxml", "java.lang.", "java.util.", "java.io.", "(through reference chain");

    @TempDir
    Path dir;

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (String line : Files.readAllLines(CORPUS.resolve("cases.tsv"), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            out.add(Arguments.of(f[0], f[1], Integer.parseInt(f[2]), f.length > 3 ? f[3] : ""));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @Timeout(60)
    void badInput_getsItsExitCodeAndOneClearLine(String id, String args, int exit, String expected) throws IOException {
        Matcher m = TOKEN.matcher(args);
        StringBuilder resolved = new StringBuilder();
        while (m.find()) {
            Path copy = dir.resolve(m.group(1));
            if (!Files.exists(copy)) {
                Files.copy(CORPUS.resolve("files").resolve(m.group(1)), copy);
            }
            m.appendReplacement(resolved, Matcher.quoteReplacement(copy.toString()));
        }
        m.appendTail(resolved);
        String[] argv = split(resolved.toString().replace("{tmp}", dir.toString()));
        Map<Path, byte[]> before = snapshot();

        CliRun r = CliRun.perf(argv);

        List<String> lines = r.err().lines().filter(l -> !l.isBlank()).toList();
        String all = String.join("\n", lines);
        // every outcome, for review: target/bad-input-outcomes.tsv
        Files.writeString(
                Path.of("target/bad-input-outcomes.tsv"),
                id + "\t" + r.exitCode() + "\t"
                        + all.replace(dir.toString(), "TMP").replace("\n", " | ") + "\n",
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        assertThat(r.exitCode()).as("%s: exit code; stderr:%n%s", id, all).isEqualTo(exit);
        assertThat(lines).as("%s: one line on stderr", id).hasSize(1);
        assertThat(lines.get(0)).as(id).startsWith("perf: ");
        for (String internal : INTERNALS) {
            assertThat(all).as("%s: no internals", id).doesNotContain(internal);
        }
        assertThat(all.chars()
                        .filter(c -> c != '\n' && Character.isISOControl(c))
                        .count())
                .as("%s: no control characters (an escape or a line break from the input) on stderr", id)
                .isZero();
        if (!expected.isEmpty()) {
            assertThat(all).as(id).containsIgnoringCase(expected);
        }
        assertThat(snapshot().keySet())
                .as("%s: nothing written beside the inputs", id)
                .isEqualTo(before.keySet());
        for (Map.Entry<Path, byte[]> e : before.entrySet()) {
            assertThat(Files.readAllBytes(e.getKey()))
                    .as("%s: %s unchanged", id, e.getKey())
                    .isEqualTo(e.getValue());
        }
    }

    private Map<Path, byte[]> snapshot() throws IOException {
        Map<Path, byte[]> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                files.put(p, Files.readAllBytes(p));
            }
        }
        return files;
    }

    /** Splits on spaces; double quotes group (and are removed). */
    private static String[] split(String args) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : args.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (c == ' ' && !quoted) {
                if (any || cur.length() > 0) {
                    out.add(cur.toString());
                }
                cur.setLength(0);
                any = false;
            } else {
                cur.append(c);
            }
        }
        if (any || cur.length() > 0) {
            out.add(cur.toString());
        }
        return out.toArray(String[]::new);
    }
}
