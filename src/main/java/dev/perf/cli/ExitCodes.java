package dev.perf.cli;

import dev.perf.result.PerfException;
import java.util.LinkedHashMap;
import java.util.Map;

/** perf's exit codes, read from {@link PerfException.Kind} (their one definition), and their help list. */
public final class ExitCodes {
    /** Everything ran and nothing was found. */
    public static final int OK = 0;

    public static final int FINDING = PerfException.Kind.FINDING.exitCode();
    public static final int USAGE = PerfException.Kind.USAGE.exitCode();
    public static final int BAD_INPUT = PerfException.Kind.BAD_INPUT.exitCode();
    public static final int INTERNAL = PerfException.Kind.INTERNAL.exitCode();
    public static final int INTERRUPTED = PerfException.Kind.INTERRUPTED.exitCode();

    private ExitCodes() {}

    /** The list every command's {@code --help} ends with: code → meaning. */
    static Map<String, String> helpList() {
        Map<String, String> list = new LinkedHashMap<>();
        list.put(Integer.toString(OK), "ok");
        for (PerfException.Kind kind : PerfException.Kind.values()) {
            list.put(Integer.toString(kind.exitCode()), kind.meaning());
        }
        return list;
    }
}
