package dev.perf.cli;

import java.io.PrintStream;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The streams and the global flags ({@code --verbose}, {@code -q}) every command uses: the root command
 * provides them, and a command reaches them through its {@code @Spec}, not through a parent-command field.
 */
interface Console {
    /** Results for people: tables, paths. */
    PrintStream out();

    /** Progress, notices and errors. */
    PrintStream err();

    boolean verbose();

    boolean quiet();

    /** The console of the command tree {@code spec} belongs to. */
    static Console of(CommandSpec spec) {
        return (Console) spec.root().userObject();
    }
}
