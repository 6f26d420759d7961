package dev.perf.cli;

import dev.perf.result.Json;
import dev.perf.result.PerfException;
import dev.perf.result.ResultFiles;
import dev.perf.suite.StarterSuite;
import dev.perf.suite.SuiteSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code perf init}: a commented perf.yaml for the project in the working directory, and its JSON Schema. */
@Command(
        name = "init",
        mixinStandardHelpOptions = true,
        description = "Write a commented perf.yaml for this project (its JMH uber-jar under target/ or build/libs/"
                + " when there is one) and, with --schema, the JSON Schema editors use to check it.",
        footerHeading = "%n",
        footer = {"Examples:", "  perf init && perf run quick", "  perf init --schema perf.schema.json"})
final class InitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Suite file to write. Default: perf.yaml")
    Path output = Path.of("perf.yaml");

    @Option(
            names = "--schema",
            paramLabel = "FILE",
            description = "Also write perf.yaml's JSON Schema there, and name it in the suite for editors.")
    Path schema;

    @Option(names = "--force", description = "Replace an existing suite file.")
    boolean force;

    @Override
    public Integer call() {
        if (Files.exists(output) && !force) {
            throw PerfException.badInput(output + " exists; keep it, or replace it with perf init --force");
        }
        Path dir = output.toAbsolutePath().normalize().getParent();
        String schemaRef = schema == null
                ? null
                : dir.relativize(schema.toAbsolutePath().normalize()).toString();
        if (schema != null) {
            ResultFiles.writeAtomically(schema, (Json.write(SuiteSchema.of()) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        ResultFiles.writeAtomically(output, StarterSuite.render(dir, schemaRef).getBytes(StandardCharsets.UTF_8));
        Console.of(spec)
                .err()
                .println("perf: wrote " + output + (schema == null ? "" : " and " + schema)
                        + "; run it with perf run quick"
                        + (output.toString().equals("perf.yaml") ? "" : " -s " + output));
        return ExitCodes.OK;
    }
}
