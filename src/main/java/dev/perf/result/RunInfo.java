package dev.perf.result;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What was run, when and from which source revision. Immutable.
 *
 * @param id unique id of the run (UTC timestamp plus a random suffix)
 * @param start wall-clock start
 * @param end wall-clock end (when the result was written)
 * @param profile profile name, {@code quick} or {@code full}
 * @param suite suite name
 * @param suiteFile suite file as given, or {@code built-in} for the demo suite
 * @param interrupted true when the run was stopped before every benchmark finished
 * @param git revision of the working directory; all fields null outside a git repository
 * @param shard which slice of the suite this run was, {@code I/N} (1-based), or {@code merged N} for a merge of
 *     N shards; null for a whole run
 * @param jmhArguments the JMH options passed through on perf's command line ({@code -p}, {@code -prof},
 *     {@code -bm}, {@code -tu}, {@code -jvmArgsPrepend}) as typed; empty for none
 */
public record RunInfo(
        String id,
        Instant start,
        Instant end,
        String profile,
        String suite,
        String suiteFile,
        boolean interrupted,
        Git git,
        String shard,
        List<String> jmhArguments) {

    /** A run without JMH pass-through options. */
    public RunInfo(
            String id,
            Instant start,
            Instant end,
            String profile,
            String suite,
            String suiteFile,
            boolean interrupted,
            Git git,
            String shard) {
        this(id, start, end, profile, suite, suiteFile, interrupted, git, shard, null);
    }

    /** A whole (unsharded) run. */
    public RunInfo(
            String id,
            Instant start,
            Instant end,
            String profile,
            String suite,
            String suiteFile,
            boolean interrupted,
            Git git) {
        this(id, start, end, profile, suite, suiteFile, interrupted, git, null, null);
    }

    public RunInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(suite, "suite");
        git = git == null ? Git.NONE : git;
        jmhArguments = jmhArguments == null ? List.of() : List.copyOf(jmhArguments);
    }

    /**
     * The git revision a run was made from.
     *
     * @param commit full commit hash, null outside a repository
     * @param branch branch name ({@code HEAD} when detached), null outside a repository
     * @param dirty whether tracked files had uncommitted changes, null outside a repository
     */
    public record Git(String commit, String branch, Boolean dirty) {
        public static final Git NONE = new Git(null, null, null);
    }
}
