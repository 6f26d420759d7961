package dev.perf.compare;

import java.util.Locale;

/**
 * Prints the calibration table of the verdict policy (A/A family-wise false fails, power) from the same
 * seeded simulation as {@link VerdictPolicyTest}, with more suites. Run by
 * {@code scripts/bench/verdict-calibration.sh}; {@code SUITES} sets the number of suites per cell.
 */
public final class VerdictCalibration {
    private VerdictCalibration() {}

    public static void main(String[] args) {
        int suites = Integer.parseInt(System.getenv().getOrDefault("SUITES", "10000"));
        int quick = VerdictPolicyTest.QUICK_FORKS;
        int full = VerdictPolicyTest.FULL_FORKS;
        System.out.printf(
                Locale.ROOT,
                "verdict policy: 20-benchmark suites, %d suites per cell, warn 10%% / fail 20%%, alpha 0.05%n",
                suites);
        System.out.println("| case | noise | forks per side | suites with any fail | with any warn or fail | goal |");
        System.out.println("|---|---|---:|---:|---:|---|");
        long seed = 100;
        for (boolean bimodal : new boolean[] {false, true}) {
            String noise = bimodal ? "log-normal + 20% of forks +15%" : "log-normal";
            for (int forks : new int[] {quick, full}) {
                for (double cv : new double[] {0.03, 0.10}) {
                    double fail = VerdictPolicyTest.suiteRate(seed++, suites, forks, cv, 1.0, Verdict.FAIL, bimodal);
                    double warn = VerdictPolicyTest.suiteRate(seed++, suites, forks, cv, 1.0, Verdict.WARN, bimodal);
                    row(
                            "A/A",
                            noise + String.format(Locale.ROOT, ", CV %.0f%%", cv * 100),
                            forks,
                            fail,
                            warn,
                            "fail <= 5%");
                }
            }
            for (int forks : new int[] {quick, full}) {
                for (double shift : new double[] {1.20, 1.30}) {
                    double fail =
                            VerdictPolicyTest.suiteRate(seed++, suites, forks, 0.05, shift, Verdict.FAIL, bimodal);
                    double warn =
                            VerdictPolicyTest.suiteRate(seed++, suites, forks, 0.05, shift, Verdict.WARN, bimodal);
                    String goal = shift == 1.30 && forks == quick
                            ? "fail >= 90%"
                            : shift == 1.20 && forks == full ? "warn or fail >= 90%" : "";
                    row(
                            String.format(Locale.ROOT, "one +%.0f%%", (shift - 1) * 100),
                            noise + ", CV 5%",
                            forks,
                            fail,
                            warn,
                            goal);
                }
            }
        }
    }

    private static void row(String kind, String noise, int forks, double fail, double warn, String goal) {
        System.out.printf(
                Locale.ROOT,
                "| %s | %s | %d | %.1f%% | %.1f%% | %s |%n",
                kind,
                noise,
                forks,
                100 * fail,
                100 * warn,
                goal);
    }
}
