package dev.perf.cli;

import dev.perf.merge.LoadMerge;
import dev.perf.merge.ShardMerge;
import dev.perf.result.PerfException;
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
        description = {
            "Merges the results of perf run --shard I/N into one result: counters add, histograms merge exactly,"
                    + " percentiles are recomputed.",
            "With --repeats or --rounds: whole runs of one suite and commit that ran one after the other.",
        })
final class MergeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SHARD", arity = "1..*", description = "Shard result files (with --repeats: runs).")
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

    @Option(
            names = "--repeats",
            description = "The inputs are whole runs repeated one after the other, merged as perf run --repeat N"
                    + " would have: JMH forks pool, each load loop's runs become its replicates (5 or more test well).")
    boolean repeats;

    @Option(
            names = "--rounds",
            description = "The inputs are rounds of one revision interleaved with another's (perf-gate): JMH forks"
                    + " pool, each load loop's rounds become one long run judged on its pooled histograms.")
    boolean rounds;

    @Override
    public Integer call() {
        if (repeats && rounds) {
            throw PerfException.usage("give --repeats or --rounds, not both");
        }
        if ((repeats || rounds) && allowPartial) {
            throw PerfException.usage("--allow-partial is for shards; --repeats and --rounds merge the runs given");
        }
        Outputs.check(ReportCommand.inputs("SHARD", shards), Outputs.of("-o", output));
        Outputs.replacesOnlyResults("-o", output, force);
        RunResult merged = ShardMerge.mergeFiles(
                shards,
                allowPartial,
                repeats ? LoadMerge.Mode.SEQUENTIAL : rounds ? LoadMerge.Mode.ROUNDS : LoadMerge.Mode.CONCURRENT);
        ResultFiles.write(output, merged);
        Console.of(spec)
                .err()
                .println("perf: merged " + shards.size() + (repeats || rounds ? " runs, " : " shard(s), ")
                        + merged.benchmarks().size() + " benchmark(s), into " + output);
        return ExitCodes.OK;
    }
}
