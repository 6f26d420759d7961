package dev.perf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Man pages: one per command, each naming every option its --help names, in valid man(7) roff. */
class ManPagesTest {
    private static final CommandLine ROOT = root();

    /** The command tree as perf runs it: with its exit codes. */
    private static CommandLine root() {
        CommandLine cl = new CommandLine(new Perf());
        Perf.withExitCodes(cl);
        return cl;
    }

    private static Map<String, ManPages.Page> pages() {
        return ManPages.of(ROOT, "1.2.3", "2026-11-30").stream()
                .collect(Collectors.toMap(ManPages.Page::fileName, Function.identity()));
    }

    @Test
    void everyCommandHasItsPage() {
        assertThat(pages().keySet())
                .containsExactlyInAnyOrder(
                        "perf.1",
                        "perf-run.1",
                        "perf-compare.1",
                        "perf-report.1",
                        "perf-report-merge.1",
                        "perf-profile.1",
                        "perf-profile-diff.1",
                        "perf-completion.1",
                        "perf-manpages.1",
                        "perf-init.1");
    }

    @Test
    void aPage_namesEveryOptionAndExitCode_ofItsCommand() {
        ManPages.Page run = pages().get("perf-run.1");
        assertThat(run.roff())
                .startsWith(
                        ".TH \"PERF-RUN\" \"1\" \"2026-11-30\" \"perf 1.2.3\" \"perf manual\"\n.SH NAME\nperf\\-run \\- ")
                .contains(".SH SYNOPSIS", ".SH OPTIONS", ".SH EXIT STATUS", ".SH SEE ALSO\n\\fBperf\\fR(1)");
        CommandLine runCl = ROOT.getSubcommands().get("run");
        for (OptionSpec o : runCl.getCommandSpec().options()) {
            if (!o.hidden()) {
                assertThat(run.roff()).as(o.longestName()).contains("\\fB" + ManPages.escape(o.longestName()) + "\\fR");
            }
        }
        runCl.getCommandSpec().usageMessage().exitCodeList().keySet().forEach(code -> assertThat(run.roff())
                .contains("\\fB" + code.strip() + "\\fR"));
        assertThat(pages().get("perf.1").roff()).contains(".SH COMMANDS", "See \\fBperf\\-run\\fR(1).");
    }

    @Test
    void roff_hasNoStrayRequests() {
        List<String> macros = List.of(".TH", ".SH", ".TP", ".nf", ".fi");
        for (ManPages.Page p : pages().values()) {
            for (String line : p.roff().lines().toList()) {
                if (line.startsWith(".") || line.startsWith("'")) {
                    assertThat(macros).as(p.fileName() + ": " + line).anyMatch(line::startsWith);
                }
            }
            assertThat(p.roff()).as(p.fileName()).doesNotContain("%n");
        }
    }
}
