package dev.perf.cli;

import dev.perf.result.PerfException;
import dev.perf.result.Printable;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code perf} command: parses the command line, runs one subcommand and maps every failure to the
 * documented exit code. {@link #main} is the only place that exits the JVM; tests call {@link #run}.
 */
@Command(
        name = "perf",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        subcommands = {
            RunCommand.class,
            CompareCommand.class,
            ReportCommand.class,
            ProfileCommand.class,
            InitCommand.class,
            CompletionCommand.class,
            ManPagesCommand.class,
            CommandLine.HelpCommand.class
        },
        description = "Performance tool for JVM projects: JMH microbenchmarks, load loops, comparisons, reports.",
        footerHeading = "%n",
        footer = {
            "Examples:",
            "  perf init                      a commented perf.yaml for this project",
            "  perf run quick                 ./perf.yaml (or the demo), quick profile",
            "  perf run full -o base.json     the full profile, result in base.json",
            "  perf run --only 'Cache.*' --md summary.md",
            "  perf compare base.json current.json --github   (CI: exit 1 on regression)",
            "  perf run --html report.html    also a self-contained HTML report",
            "  perf report base.json current.json --format html -o compare.html",
            "  perf report --history perf-results/             trends and change points",
            "  perf profile -- java -jar app.jar              flame graph, hot methods",
            "  perf profile --pid 4242 --duration 30s --mode alloc"
        })
public final class Perf implements Console {

    @Option(
            names = "--verbose",
            scope = ScopeType.INHERIT,
            description = "Show JMH's raw output and stack traces of errors.")
    boolean verbose;

    @Option(
            names = {"-q", "--quiet"},
            scope = ScopeType.INHERIT,
            description = "No progress and no summary on the terminal; files are still written.")
    boolean quiet;

    /** Where subcommands write results for people (tables, paths). */
    private PrintStream out;

    /** Where subcommands write progress, notices and errors. */
    private PrintStream err;

    @Override
    public PrintStream out() {
        return out;
    }

    @Override
    public PrintStream err() {
        return err;
    }

    @Override
    public boolean verbose() {
        return verbose;
    }

    @Override
    public boolean quiet() {
        return quiet;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(out, err, args));
    }

    /** Runs perf with {@code args}, writing to {@code out} and {@code err}; returns the exit code. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        Perf perf = new Perf();
        perf.out = out;
        perf.err = err;
        CommandLine cl = new CommandLine(perf);
        cl.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        withExitCodes(cl);
        cl.setParameterExceptionHandler((ex, arguments) -> {
            err.println("perf: " + Printable.of(ex.getMessage()) + " (see perf " + commandPath(ex.getCommandLine())
                    + "--help)");
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> handle(ex, err, perf.verbose));
        cl.setExitCodeExceptionMapper(t -> ExitCodes.INTERNAL);
        return cl.execute(args);
    }

    /** The one handler: a one-line message (stack trace only with --verbose) and the exit code. */
    static int handle(Throwable ex, PrintStream err, boolean verbose) {
        if (ex instanceof PerfException pe) {
            if (pe.kind() == PerfException.Kind.INTERNAL) {
                err.println("perf: internal error: " + Printable.of(pe.getMessage())
                        + " (please report it; --verbose shows details)");
            } else {
                err.println("perf: " + Printable.of(pe.getMessage()));
            }
            if (verbose && pe.getCause() != null) {
                pe.printStackTrace(err);
            }
            return pe.kind().exitCode();
        }
        err.println("perf: internal error: " + Printable.of(String.valueOf(ex))
                + " (please report it; --verbose shows the stack trace)");
        if (verbose) {
            ex.printStackTrace(err);
        }
        return ExitCodes.INTERNAL;
    }

    /** Every command's help ends with the exit codes, listed from their one definition. */
    static void withExitCodes(CommandLine cl) {
        cl.getCommandSpec()
                .usageMessage()
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(ExitCodes.helpList());
        cl.getSubcommands().values().forEach(Perf::withExitCodes);
    }

    private static String commandPath(CommandLine cl) {
        StringBuilder sb = new StringBuilder();
        for (CommandLine c = cl; c != null && c.getParent() != null; c = c.getParent()) {
            sb.insert(0, c.getCommandName() + " ");
        }
        return sb.toString();
    }
}
