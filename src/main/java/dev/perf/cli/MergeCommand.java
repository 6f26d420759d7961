package dev.perf.cli;

import dev.perf.merge.ShardMerge;
import dev.perf.result.ResultFiles;
import dev.perf.result.RunResult;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code perf report merge SHARD... -o MERGED}. */
@Command(
        name = "merge",
        mixinStandardHelpOptions = true,
        description = "Merges the results of perf run --shard I/N into one result: counters add, histograms"
                + " merge exactly, percentiles are recomputed.")
final class MergeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SHARD", arity = "1..*", description = "Shard result files.")
    List<Path> shards;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            required = true,
            description = "The merged result file.")
    Path output;

    @Option(names = "--force", description = "Replace an -o file that is not a perf result.")
    boolean force;

    @Option(names = "--allow-partial", description = "Merge the shards there are when some of the N are missing.")
    boolean allowPartial;

    @Override
    public Integer call() {
        Outputs.check(ReportCommand.inputs("SHARD", shards), Outputs.of("-o", output));
        Outputs.replacesOnlyResults("-o", output, force);
        RunResult merged = ShardMerge.mergeFiles(shards, allowPartial);
        ResultFiles.write(output, merged);
        Console.of(spec)
                .err()
                .println("perf: merged " + shards.size() + " shard(s), "
                        + merged.benchmarks().size() + " benchmark(s), into " + output);
        return ExitCodes.OK;
    }
}
