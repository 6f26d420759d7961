package dev.perf.cli;

import dev.perf.result.PerfException;
import dev.perf.result.PerfVersion;
import dev.perf.result.ResultFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code perf manpages DIR}: the man pages of perf and every subcommand, in roff, made from the command tree. */
@Command(
        name = "manpages",
        mixinStandardHelpOptions = true,
        description = "Write the man pages (roff) of perf and every subcommand into DIR.",
        footerHeading = "%n",
        footer = {
            "Examples:",
            "  perf manpages ~/.local/share/man/man1 && man perf-run",
            "  (scripts/install.sh does this)"
        })
final class ManPagesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Directory to write perf.1, perf-run.1, ... into.")
    Path dir;

    @Override
    public Integer call() {
        String date = PerfVersion.built().matches("\\d{4}-\\d{2}-\\d{2}.*")
                ? PerfVersion.built().substring(0, 10)
                : LocalDate.now(ZoneOffset.UTC).toString();
        try {
            Files.createDirectories(dir);
            int n = 0;
            for (ManPages.Page page : ManPages.of(spec.root().commandLine(), PerfVersion.get(), date)) {
                ResultFiles.writeAtomically(
                        dir.resolve(page.fileName()), page.roff().getBytes(StandardCharsets.UTF_8));
                n++;
            }
            Console.of(spec).err().println("perf: wrote " + n + " man pages to " + dir);
            return 0;
        } catch (IOException e) {
            throw PerfException.badInput("cannot write man pages to " + dir + ": " + e.getMessage(), e);
        }
    }
}
