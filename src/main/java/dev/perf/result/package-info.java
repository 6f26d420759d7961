/**
 * The result model and its files: records of a run and its benchmarks, the JSON reader and writer (one
 * ObjectMapper family), the foreign formats (JMH, hyperfine, Go), atomic writes, redaction and {@link
 * dev.perf.result.PerfException} (an error kind with its exit code). May import {@code stats} only.
 */
package dev.perf.result;
