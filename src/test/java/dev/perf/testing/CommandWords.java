package dev.perf.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A command line as a shell splits it, for perf's own parser: quotes removed, variables replaced. */
public final class CommandWords {
    private static final Pattern WORD = Pattern.compile("\"([^\"]*)\"|'([^']*)'|(\\S+)");

    private CommandWords() {}

    /** The words of {@code command}; {@code $VAR} and {@code ${VAR}} become 1 (a path and a count alike). */
    public static String[] of(String command) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(command.trim());
        while (m.find()) {
            String w = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            out.add(w.replaceAll("\\$\\{?[A-Za-z_]+}?", "1"));
        }
        return out.toArray(String[]::new);
    }
}
