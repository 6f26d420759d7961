package dev.perf.cli;

import dev.perf.result.FailOn;
import picocli.CommandLine.Option;

/** {@code --fail-on}, shared by {@code run} and {@code compare}. */
final class FailOnOption {
    @Option(
            names = "--fail-on",
            defaultValue = "fail",
            paramLabel = "LEVEL",
            description = "Exit 1 on: fail (default), warn (fail or warn), inconclusive (also undecided verdicts and"
                    + " a generator that could not keep up), never. A failed benchmark always exits 1.")
    FailOn failOn;
}
