package dev.perf.profile;

import java.nio.file.Path;

/**
 * How one profile records: the engine, async-profiler's library (null for JFR), the JFR settings file, where
 * JFR's and async-profiler's recordings go, and the log file that takes the agent's messages.
 *
 * @param use the engine
 * @param library async-profiler's extracted library; null unless {@code use} is {@link Use#ASYNC}
 * @param settings the {@code .jfc} file JFR records with
 * @param jfr JFR's recording (GC, CPU load; every event for the JFR engine)
 * @param async async-profiler's recording
 * @param log where the agent's messages go (perf's log file in the output directory)
 */
record Recording(Use use, Path library, Path settings, Path jfr, Path async, Path log) {
    /** The engine a profile runs on. */
    enum Use {
        JFR,
        ASYNC,
        NONE
    }

    /** The recording that holds the samples: async-profiler's or JFR's. */
    Path samples() {
        return use == Use.ASYNC ? async : jfr;
    }

    /** The same engine, its recordings in {@code dir}. */
    Recording in(Path dir) {
        return new Recording(
                use, library, settings, dir.resolve(Profiler.RECORDING), dir.resolve(Profiler.ASYNC_RECORDING), log);
    }
}
