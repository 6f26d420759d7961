package dev.perf.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code perf completion bash|zsh}: the shell completion script of every command, option and enum value, made
 * from the command tree itself (picocli's generator), so it never falls behind the options.
 */
@Command(
        name = "completion",
        mixinStandardHelpOptions = true,
        description = "Print the completion script for bash or zsh.",
        footerHeading = "%n",
        footer = {
            "Examples:",
            "  source <(perf completion bash)                       this shell",
            "  perf completion bash > ~/.local/share/bash-completion/completions/perf",
            "  perf completion zsh > ~/.zfunc/_perf                  (with fpath+=~/.zfunc; compinit)"
        })
final class CompletionCommand implements Callable<Integer> {
    /** The shells the script serves: picocli's script is bash's, and zsh runs it through bashcompinit. */
    enum Shell {
        bash,
        zsh
    }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh.")
    Shell shell;

    @Override
    public Integer call() {
        String script = AutoComplete.bash("perf", spec.root().commandLine());
        Console.of(spec).out().print(script);
        return 0;
    }
}
