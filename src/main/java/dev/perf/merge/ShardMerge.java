package dev.perf.merge;

import dev.perf.result.BenchmarkResult;
import dev.perf.result.InputFiles;
import dev.perf.result.PerfException;
import dev.perf.result.PerfVersion;
import dev.perf.result.ResultReader;
import dev.perf.result.RunInfo;
import dev.perf.result.RunResult;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The exact merge of shards of one suite run on several machines ({@code perf run --shard I/N}): counters
 * add, HdrHistograms add bucket by bucket, every percentile is recomputed from the merged histograms (never
 * averaged), time series are aligned by wall clock (each shard's {@code startedAt}) and SLOs judged again.
 * JMH benchmarks measured by several shards keep every shard's forks as sample groups. With {@link
 * LoadMerge.Mode#SEQUENTIAL}, whole runs of one suite and commit that ran one after the other (rounds
 * interleaved with another revision's) merge as {@code perf run --repeat N} would. Pure.
 */
public final class ShardMerge {
    private ShardMerge() {}

    /**
     * The merge of the shard files {@code shards}: all N shards of one {@code perf run --shard I/N}, or, with
     * {@code allowPartial}, those there are.
     */
    public static RunResult mergeFiles(List<Path> shards, boolean allowPartial) {
        return mergeFiles(shards, allowPartial, LoadMerge.Mode.CONCURRENT);
    }

    /**
     * The merge of {@code files}: shards ({@link LoadMerge.Mode#CONCURRENT}), or with {@link
     * LoadMerge.Mode#SEQUENTIAL} whole runs repeated one after the other.
     */
    public static RunResult mergeFiles(List<Path> shards, boolean allowPartial, LoadMerge.Mode mode) {
        List<RunResult> results = new ArrayList<>();
        for (Path p : shards) {
            try {
                results.add(ResultReader.runResult(InputFiles.read(p, InputFiles.MAX_RESULT_BYTES), p.toString()));
            } catch (NoSuchFileException e) {
                throw PerfException.badInput("cannot read " + p + ": no such file");
            } catch (IOException e) {
                throw PerfException.badInput("cannot read " + p + ": " + e.getMessage());
            }
        }
        List<String> labels = shards.stream().map(Path::toString).toList();
        return mode == LoadMerge.Mode.CONCURRENT
                ? merge(results, labels, allowPartial)
                : mergeRuns(results, labels, mode);
    }

    /**
     * Merges whole runs of one suite, profile and commit that ran one after the other: JMH forks pool as
     * sample groups; each load loop's runs become its replicates ({@link LoadMerge.Mode#SEQUENTIAL}, as
     * {@code perf run --repeat N} would have) or one long run ({@link LoadMerge.Mode#ROUNDS}).
     */
    public static RunResult mergeRuns(List<RunResult> runs, List<String> labels, LoadMerge.Mode mode) {
        String flag = mode == LoadMerge.Mode.ROUNDS ? "--rounds" : "--repeats";
        if (runs.size() < 2) {
            throw PerfException.usage(flag + " needs at least two runs to merge");
        }
        for (int i = 0; i < runs.size(); i++) {
            RunInfo r = runs.get(i).run();
            if (r.shard() != null) {
                throw PerfException.badInput("cannot merge runs: " + labels.get(i) + " is "
                        + (r.shard().startsWith("merged")
                                ? "already a merge (" + r.shard() + ")"
                                : "shard " + r.shard())
                        + "; " + flag + " merges whole runs, merge shards without it");
            }
            String commit = r.git() == null ? null : r.git().commit();
            String firstCommit = runs.get(0).run().git() == null
                    ? null
                    : runs.get(0).run().git().commit();
            if (!Objects.equals(commit, firstCommit)) {
                throw PerfException.badInput("cannot merge runs: " + labels.get(0) + " ran commit " + firstCommit
                        + " but " + labels.get(i) + " ran " + commit + "; the runs merged must be of one revision");
            }
        }
        check(runs, labels, false);
        return combine(runs, mode, "merged " + runs.size() + (mode == LoadMerge.Mode.ROUNDS ? " rounds" : " repeats"));
    }

    /** Merges all the shards of one run, labelled by their files; bad input when they are not that. */
    public static RunResult merge(List<RunResult> shards, List<String> labels) {
        return merge(shards, labels, false);
    }

    /**
     * Merges {@code shards}, labelled by their files; bad input when they are not shards of one run, or when
     * some are missing and {@code allowPartial} is false.
     */
    public static RunResult merge(List<RunResult> shards, List<String> labels, boolean allowPartial) {
        if (shards.isEmpty()) {
            throw PerfException.usage("merge needs at least one shard");
        }
        check(shards, labels, allowPartial);
        return combine(shards, LoadMerge.Mode.CONCURRENT, "merged " + shards.size());
    }

    private static RunResult combine(List<RunResult> shards, LoadMerge.Mode mode, String mergedLabel) {
        RunResult first = shards.get(0);
        Map<String, List<BenchmarkResult>> byName = new LinkedHashMap<>();
        for (RunResult shard : shards) {
            for (BenchmarkResult b : shard.benchmarks()) {
                byName.computeIfAbsent(b.key(), k -> new ArrayList<>()).add(b);
            }
        }
        List<BenchmarkResult> merged = new ArrayList<>();
        for (List<BenchmarkResult> same : byName.values()) {
            merged.add(same.size() == 1 ? same.get(0) : LoadMerge.merge(same, mode));
        }
        Instant start = shards.stream()
                .map(r -> r.run().start())
                .min(Instant::compareTo)
                .orElseThrow();
        Instant end =
                shards.stream().map(r -> r.run().end()).max(Instant::compareTo).orElseThrow();
        RunInfo run = new RunInfo(
                first.run().id() + "-merged",
                start,
                end,
                first.run().profile(),
                first.run().suite(),
                first.run().suiteFile(),
                shards.stream().anyMatch(r -> r.run().interrupted()),
                first.run().git(),
                mergedLabel,
                first.run().jmhArguments());
        return new RunResult(RunResult.SCHEMA, PerfVersion.get(), run, first.environment(), first.thresholds(), merged);
    }

    private static void check(List<RunResult> shards, List<String> labels, boolean allowPartial) {
        RunResult first = shards.get(0);
        Map<String, String> seenShards = new TreeMap<>();
        for (int i = 0; i < shards.size(); i++) {
            RunInfo r = shards.get(i).run();
            if (!r.suite().equals(first.run().suite())) {
                throw PerfException.badInput("cannot merge: " + labels.get(0) + " is suite '"
                        + first.run().suite() + "' but " + labels.get(i) + " is suite '" + r.suite()
                        + "'; merge shards of one suite");
            }
            if (!r.profile().equals(first.run().profile())) {
                throw PerfException.badInput("cannot merge: " + labels.get(0) + " ran profile '"
                        + first.run().profile() + "' but " + labels.get(i) + " ran '" + r.profile()
                        + "'; merge shards of one profile");
            }
            if (r.shard() != null && r.shard().startsWith("merged")) {
                throw PerfException.badInput("cannot merge: " + labels.get(i) + " is already a merge (" + r.shard()
                        + "); merge the original shards");
            }
            String count =
                    r.shard() == null ? null : r.shard().substring(r.shard().indexOf('/') + 1);
            String firstCount = first.run().shard() == null
                    ? null
                    : first.run().shard().substring(first.run().shard().indexOf('/') + 1);
            if (!Objects.equals(count, firstCount)) {
                throw PerfException.badInput("cannot merge: " + labels.get(0) + " is shard "
                        + first.run().shard() + " but " + labels.get(i) + " is shard " + r.shard()
                        + "; merge the shards of one perf run --shard I/N");
            }
            if (r.shard() != null) {
                String previous = seenShards.put(r.shard(), labels.get(i));
                if (previous != null) {
                    throw PerfException.badInput("cannot merge: " + previous + " and " + labels.get(i)
                            + " are both shard " + r.shard() + "; each shard once");
                }
            }
        }
        String shard = first.run().shard();
        if (shard != null && !allowPartial) {
            int count = Integer.parseInt(shard.substring(shard.indexOf('/') + 1));
            List<String> missing = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                if (!seenShards.containsKey(i + "/" + count)) {
                    missing.add(i + "/" + count);
                }
            }
            if (!missing.isEmpty()) {
                throw PerfException.badInput("cannot merge: shard(s) " + String.join(", ", missing)
                        + " missing; give all " + count + " shards, or --allow-partial to merge what there is");
            }
        }
    }
}
