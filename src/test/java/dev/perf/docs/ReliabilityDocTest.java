package dev.perf.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.testing.FaultServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/reliability.md true: every promise names a test, every test it names exists, and every count it
 * gives is the count in the code (test cases of a class, corpus rows, fault modes, control characters, fuzz
 * tries, interruption rounds).
 */
class ReliabilityDocTest {
    private static final Path DOC = Path.of("docs/reliability.md");
    private static final Path TESTS = Path.of("src/test/java");
    private static final Pattern TEST_CLASS = Pattern.compile("`([A-Z]\\w*(?:Test|IT))`");

    private static String doc() {
        try {
            return Files.readString(DOC);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The source of each test class under src/test/java, by simple name. */
    private static Map<String, String> testSources() throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(TESTS)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                out.put(f.getFileName().toString().replace(".java", ""), Files.readString(f));
            }
        }
        return out;
    }

    private static List<String> promiseRows() {
        return doc().lines().filter(l -> l.matches("\\| \\d+ \\|.*")).toList();
    }

    @Test
    void everyPromise_namesATest_andEveryTestNamedExists() throws IOException {
        Map<String, String> sources = testSources();
        assertThat(promiseRows()).hasSizeGreaterThanOrEqualTo(12);
        for (String row : promiseRows()) {
            String[] cells = row.split("\\|");
            String heldBy = cells[cells.length - 1];
            assertThat(TEST_CLASS.matcher(heldBy).find())
                    .as("a promise without a test: %s", row)
                    .isTrue();
        }
        Matcher m = TEST_CLASS.matcher(doc());
        while (m.find()) {
            assertThat(sources).as("docs/reliability.md names %s", m.group(1)).containsKey(m.group(1));
        }
    }

    /** {@code `Class` (N cases}: N is the number of test methods in the class. */
    @Test
    void theCasesCountedPerClass_areTheTestMethodsInIt() throws IOException {
        Map<String, String> sources = testSources();
        Matcher m = Pattern.compile("`(\\w+)` \\((\\d+) cases").matcher(doc());
        int found = 0;
        while (m.find()) {
            found++;
            String source = sources.get(m.group(1));
            long tests = Pattern.compile("@(Test|ParameterizedTest|Property)\\b")
                    .matcher(source)
                    .results()
                    .count();
            assertThat(tests).as(m.group()).isEqualTo(Long.parseLong(m.group(2)));
        }
        assertThat(found).isPositive();
    }

    @Test
    void theOtherCounts_areTheCodes() throws IOException {
        String doc = doc();
        Map<String, String> sources = testSources();
        long corpus = Files.readAllLines(Path.of("src/test/resources/bad-input/cases.tsv")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .count();
        assertThat(doc).contains("(a corpus of " + corpus + " cases of broken suites");
        assertThat(doc).contains("(" + FaultServer.Mode.values().length + " fault modes at 200/s");
        long controls = java.util.stream.IntStream.rangeClosed(0, Character.MAX_VALUE)
                .filter(Character::isISOControl)
                .count(); // every one of them goes through HostileNamesTest
        assertThat(doc).contains("(" + controls + " control characters");
        String fuzz = sources.get("ReaderFuzzTest");
        List<Integer> tries = new ArrayList<>();
        Pattern.compile("@Property\\(tries = (\\d+)")
                .matcher(fuzz)
                .results()
                .forEach(r -> tries.add(Integer.parseInt(r.group(1))));
        int total = tries.stream().mapToInt(Integer::intValue).sum();
        assertThat(doc)
                .contains("(" + tries.size() + " readers, "
                        + String.format("%,d", total).replace(',', ' ') + " mutated inputs");
        Matcher rounds = Pattern.compile("ROUNDS = (\\d+);").matcher(sources.get("InterruptionRoundsIT"));
        assertThat(rounds.find()).isTrue();
        assertThat(doc).contains("(" + rounds.group(1) + " seeded rounds");
    }
}
