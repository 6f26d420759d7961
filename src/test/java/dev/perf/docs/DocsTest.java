package dev.perf.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.perf.cli.Perf;
import dev.perf.suite.SuiteLoader;
import dev.perf.testing.CliRun;
import dev.perf.testing.CommandWords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The README, the guides in {@code docs/} and the samples' pages cannot drift from perf: every suite entry in them
 * loads, every perf command line a user would copy parses with perf's own parser, and every relative link leads
 * to a file (and a heading, when it names one).
 */
class DocsTest {
    private static final Pattern FENCE = Pattern.compile("```(\\w*)\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern INLINE = Pattern.compile("`((?:scripts/)?perf [^`]+)`");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    /** A placeholder in a synopsis: {@code [...]}, {@code …}, {@code A|B}, {@code <x>}. */
    private static final Pattern SYNOPSIS = Pattern.compile("[\\[\\]…|<>]|\\.\\.\\.");

    /** The Markdown pages: the README, docs/ and every README under samples/. */
    static List<Path> pages() throws IOException {
        List<Path> out = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"));
                Stream<Path> samples = Files.walk(Path.of("samples"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(out::add);
            samples.filter(p -> p.getFileName().toString().equals("README.md"))
                    .sorted()
                    .forEach(out::add);
        }
        return out;
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    @Test
    void everySuiteEntryInTheDocs_loads() throws IOException {
        List<String> entries = new ArrayList<>();
        for (Path page : pages()) {
            Matcher m = FENCE.matcher(read(page));
            while (m.find()) {
                String block = m.group(2);
                if (m.group(1).equals("yaml") && (block.startsWith("- load:") || block.startsWith("- jmh:"))) {
                    entries.add(block);
                    String suite = "name: docs\nbenchmarks:\n" + block.indent(2);
                    assertThatCode(() -> SuiteLoader.parse(suite.getBytes(StandardCharsets.UTF_8), page.toString()))
                            .as("%s:%n%s", page, block)
                            .doesNotThrowAnyException();
                }
            }
        }
        assertThat(entries)
                .as("%d entries", entries.size())
                .hasSizeGreaterThan(5)
                .anyMatch(e -> e.contains("scenario:"));
    }

    /** The perf command lines of a page's shell blocks: what a user copies and runs. */
    static List<String> commands(String page) {
        List<String> out = new ArrayList<>();
        Matcher m = FENCE.matcher(page);
        while (m.find()) {
            if (!Set.of("bash", "sh", "shell", "console").contains(m.group(1))) {
                continue;
            }
            for (String line : m.group(2).split("\n", -1)) {
                String command = line.replaceFirst("^\\$ ", "")
                        .replaceFirst("\\s+#.*$", "")
                        .trim();
                if (command.startsWith("perf ") || command.startsWith("scripts/perf ")) {
                    out.add(command);
                }
            }
        }
        return out;
    }

    /**
     * The perf commands a page's prose mentions ({@code `perf run --shard I/N`}): not whole commands (their
     * placeholders and missing operands are the point), but their subcommands and options are perf's.
     */
    static List<String> mentions(String page) {
        List<String> out = new ArrayList<>();
        Matcher inline = INLINE.matcher(page.replaceAll("(?s)```.*?```", ""));
        while (inline.find()) {
            if (!SYNOPSIS.matcher(inline.group(1)).find()) {
                out.add(inline.group(1));
            }
        }
        return out;
    }

    private static CommandLine perf() {
        return new CommandLine(new Perf()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Test
    void everyPerfCommandLineInTheDocs_parses() throws IOException {
        int parsed = 0;
        List<String> refused = new ArrayList<>();
        for (Path page : pages()) {
            for (String command : commands(read(page))) {
                try {
                    perf().parseArgs(CommandWords.of(command.replaceFirst("^(scripts/)?perf ", "")));
                } catch (CommandLine.ParameterException e) {
                    refused.add(page + ": " + command + ": " + e.getMessage());
                }
                parsed++;
            }
            for (String mention : mentions(read(page))) {
                String unknown = unknownWord(CommandWords.of(mention.replaceFirst("^(scripts/)?perf ", "")));
                if (unknown != null) {
                    refused.add(page + ": `" + mention + "`: " + unknown + " is not perf's");
                }
                parsed++;
            }
        }
        assertThat(refused).isEmpty();
        assertThat(parsed).isGreaterThan(60);
    }

    /** The first word of a mention that names no subcommand or option of perf where it stands; null if none. */
    static String unknownWord(String[] words) {
        CommandLine at = perf();
        boolean options = false;
        for (String w : words) {
            if (w.equals("--")) {
                return null; // the rest is the command perf runs
            }
            if (w.startsWith("-")) {
                options = true;
                String name = w.contains("=") ? w.substring(0, w.indexOf('=')) : w;
                if (at.getCommandSpec().findOption(name) == null) {
                    return name;
                }
            } else if (!options && at.getSubcommands().containsKey(w)) {
                at = at.getSubcommands().get(w);
            } else if (!options && !at.getCommandSpec().positionalParameters().isEmpty()) {
                options = true; // an operand: what follows is the command's own
            } else if (!options) {
                return w;
            }
        }
        return null;
    }

    /** GitHub's anchor for a heading: lower case, punctuation but - and _ dropped, spaces as -. */
    static String anchor(String heading) {
        return heading.trim()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N} _-]", "")
                .replace(' ', '-');
    }

    private static Set<String> anchors(Path page) throws IOException {
        Set<String> out = new HashSet<>();
        boolean fenced = false;
        for (String line : read(page).split("\n", -1)) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            } else if (!fenced && line.startsWith("#")) {
                out.add(anchor(line.replaceFirst("^#+", "")));
            }
        }
        return out;
    }

    @Test
    void everyRelativeLinkInTheDocs_leadsToAFileAndItsHeading() throws IOException {
        int links = 0;
        for (Path page : pages()) {
            Matcher m = LINK.matcher(read(page).replaceAll("(?s)```.*?```", ""));
            while (m.find()) {
                String link = m.group(1);
                if (link.matches("^[a-z]+:.*")) {
                    continue; // https:, mailto:
                }
                String file = link.contains("#") ? link.substring(0, link.indexOf('#')) : link;
                Path target = file.isEmpty() ? page : page.resolveSibling(file).normalize();
                assertThat(target).as("%s links to %s", page, link).exists();
                if (link.contains("#") && target.toString().endsWith(".md")) {
                    assertThat(anchors(target))
                            .as("%s links to %s: a heading of %s", page, link, target)
                            .contains(link.substring(link.indexOf('#') + 1));
                }
                links++;
            }
        }
        assertThat(links).isGreaterThan(30);
    }

    /** The text of the README's block {@code <!-- refresh: NAME -->} (what {@code scripts/docs/refresh.sh} wrote). */
    public static String refreshed(String name) throws IOException {
        String readme = read(Path.of("README.md"));
        String start = "<!-- refresh: " + name + " -->\n```text\n";
        int a = readme.indexOf(start);
        assertThat(a).as("README.md has the block %s", name).isNotNegative();
        return readme.substring(a + start.length(), readme.indexOf("```\n<!-- /refresh -->", a));
    }

    @Test
    void theReadmesComparison_isWhatPerfPrintsForTheSamples() throws IOException {
        CliRun r = CliRun.perf("compare", "samples/compare/base.json", "samples/compare/c1-only.json");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).as("regenerate with scripts/docs/refresh.sh").isEqualTo(refreshed("compare"));
    }

    @Test
    void aMentionOfARenamedFlagOrCommand_isCaught() {
        assertThat(unknownWord(new String[] {"run", "--shard", "I/N"})).isNull();
        assertThat(unknownWord(new String[] {"run", "--shards", "I/N"})).isEqualTo("--shards");
        assertThat(unknownWord(new String[] {"rpeort", "merge"})).isEqualTo("rpeort");
        assertThat(unknownWord(new String[] {"profile", "--pid", "P", "start"})).isNull();
    }

    @Test
    void anchors_areGithubs() {
        assertThat(anchor(" HTTP targets: HTTPS, HTTP/2, varied requests, checks"))
                .isEqualTo("http-targets-https-http2-varied-requests-checks");
        assertThat(anchor("`perf.yaml` reference")).isEqualTo("perfyaml-reference");
    }
}
