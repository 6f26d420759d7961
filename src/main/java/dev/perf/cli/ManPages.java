package dev.perf.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Man pages in roff (man(7) macros) for a command and each of its subcommands, made from the command tree
 * itself — names, synopsis, descriptions, options, arguments, subcommands, exit codes and examples — so that
 * they never fall behind the options. Pure.
 */
final class ManPages {
    private ManPages() {}

    /** One page: its file name ({@code perf-report-merge.1}) and its roff text. */
    record Page(String fileName, String roff) {}

    /** The pages of {@code root} and every visible subcommand below it, the root first. */
    static List<Page> of(CommandLine root, String version, String date) {
        List<Page> pages = new ArrayList<>();
        add(root, version, date, pages);
        return pages;
    }

    private static void add(CommandLine cl, String version, String date, List<Page> pages) {
        CommandSpec spec = cl.getCommandSpec();
        if (spec.usageMessage().hidden() || spec.userObject() instanceof CommandLine.HelpCommand) {
            return;
        }
        pages.add(new Page(name(spec) + ".1", page(cl, version, date)));
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (sub.getCommandSpec().parent() == spec
                    && sub.getCommandName().equals(sub.getCommandSpec().name())) {
                add(sub, version, date, pages);
            }
        }
    }

    /** {@code perf-report-merge} for {@code perf report merge}. */
    static String name(CommandSpec spec) {
        return spec.qualifiedName("-");
    }

    private static String page(CommandLine cl, String version, String date) {
        CommandSpec spec = cl.getCommandSpec();
        Help help = new Help(spec, Help.defaultColorScheme(Help.Ansi.OFF));
        StringBuilder r = new StringBuilder();
        String name = name(spec);
        r.append(".TH \"")
                .append(name.toUpperCase(Locale.ROOT))
                .append("\" \"1\" \"")
                .append(date)
                .append("\" \"perf ")
                .append(escape(version))
                .append("\" \"perf manual\"\n");
        r.append(".SH NAME\n")
                .append(escape(name))
                .append(" \\- ")
                .append(escape(firstLine(spec.usageMessage().description())))
                .append('\n');
        r.append(".SH SYNOPSIS\n.nf\n")
                .append(escapeLines(help.synopsis(0).stripTrailing()))
                .append("\n.fi\n");
        String[] description = spec.usageMessage().description();
        if (description.length > 0) {
            r.append(".SH DESCRIPTION\n");
            for (String line : description) {
                r.append(escapeLines(format(line))).append('\n');
            }
        }
        List<PositionalParamSpec> params =
                spec.positionalParameters().stream().filter(p -> !p.hidden()).toList();
        if (!params.isEmpty()) {
            r.append(".SH ARGUMENTS\n");
            for (PositionalParamSpec p : params) {
                r.append(".TP\n\\fI")
                        .append(escape(p.paramLabel()))
                        .append("\\fR\n")
                        .append(escapeLines(String.join(" ", descriptions(p.description()))))
                        .append('\n');
            }
        }
        List<OptionSpec> options =
                spec.options().stream().filter(o -> !o.hidden()).toList();
        if (!options.isEmpty()) {
            r.append(".SH OPTIONS\n");
            for (OptionSpec o : options) {
                r.append(".TP\n");
                List<String> names = new ArrayList<>();
                for (String n : o.names()) {
                    names.add("\\fB" + escape(n) + "\\fR");
                }
                r.append(String.join(", ", names));
                if (o.arity().max() > 0) {
                    r.append("=\\fI").append(escape(o.paramLabel())).append("\\fR");
                }
                r.append('\n')
                        .append(escapeLines(String.join(" ", descriptions(o.description()))))
                        .append('\n');
            }
        }
        List<CommandLine> subs = cl.getSubcommands().values().stream()
                .filter(s -> s.getCommandSpec().parent() == spec)
                .filter(s -> s.getCommandName().equals(s.getCommandSpec().name()))
                .filter(s -> !s.getCommandSpec().usageMessage().hidden())
                .toList();
        if (!subs.isEmpty()) {
            r.append(".SH COMMANDS\n");
            for (CommandLine s : subs) {
                r.append(".TP\n\\fB")
                        .append(escape(s.getCommandName()))
                        .append("\\fR\n")
                        .append(escape(
                                firstLine(s.getCommandSpec().usageMessage().description())));
                if (!(s.getCommandSpec().userObject() instanceof CommandLine.HelpCommand)) {
                    r.append(" See \\fB")
                            .append(escape(name(s.getCommandSpec())))
                            .append("\\fR(1).");
                }
                r.append('\n');
            }
        }
        Map<String, String> exits = spec.usageMessage().exitCodeList();
        if (!exits.isEmpty()) {
            r.append(".SH EXIT STATUS\n");
            exits.forEach((code, meaning) -> r.append(".TP\n\\fB")
                    .append(escape(code.strip()))
                    .append("\\fR\n")
                    .append(escapeLines(meaning.strip()))
                    .append('\n'));
        }
        String[] footer = spec.usageMessage().footer();
        if (footer.length > 0) {
            r.append(".SH EXAMPLES\n.nf\n");
            for (String line : footer) {
                if (!line.strip().equals("Examples:")) {
                    r.append(escapeLines(format(line))).append('\n');
                }
            }
            r.append(".fi\n");
        }
        r.append(".SH SEE ALSO\n");
        List<String> see = new ArrayList<>();
        if (spec.parent() != null) {
            see.add("\\fB" + escape(name(spec.parent())) + "\\fR(1)");
        }
        see.add("docs/perf-yaml.md in perf's sources (the perf.yaml reference)");
        r.append(String.join(", ", see)).append('\n');
        return r.toString();
    }

    private static List<String> descriptions(String[] lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            out.add(format(l));
        }
        return out;
    }

    /** picocli's {@code %n} as a line break; other format specifiers stay as written. */
    private static String format(String line) {
        return line.replace("%n", "\n").replace("%%", "%");
    }

    private static String firstLine(String[] description) {
        if (description.length == 0) {
            return "";
        }
        String first = format(description[0]).lines().findFirst().orElse("").strip();
        return first.endsWith(".") ? first.substring(0, first.length() - 1) : first;
    }

    /** Escapes roff's special characters in running text: backslashes and hyphens (as minus signs). */
    static String escape(String text) {
        return text.replace("\\", "\\e").replace("-", "\\-");
    }

    /** {@link #escape}, and a line that starts with a dot or a quote is protected from being read as a request. */
    static String escapeLines(String text) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            String e = escape(line);
            sb.append(e.startsWith(".") || e.startsWith("'") ? "\\&" + e : e);
        }
        return sb.toString();
    }
}
