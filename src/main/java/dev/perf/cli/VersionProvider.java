package dev.perf.cli;

import dev.perf.result.PerfVersion;
import picocli.CommandLine.IVersionProvider;

/** {@code perf --version}: perf's version, commit and build date, and the JVM it runs on. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {
            "perf " + PerfVersion.get() + " (commit " + PerfVersion.commit() + ", built " + PerfVersion.built() + ")",
            "JVM: " + System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                    + System.getProperty("java.runtime.version")
        };
    }
}
