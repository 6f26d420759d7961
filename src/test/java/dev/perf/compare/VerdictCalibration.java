package dev.perf.compare;

import java.util.Locale;

/**
 * Prints the calibration table of the verdict policy (A/A suites with any fail and with any flag, power) from
 * the same seeded simulation as {@link VerdictPolicyTest}, with more suites. Run by {@code
 * scripts/bench/verdict-calibration.sh}; {@code SUITES} sets the number of suites per cell.
 */
public final class VerdictCalibration {
    private VerdictCalibration() {}

    public static void main(String[] args) {
        int suites = Integer.parseInt(System.getenv().getOrDefault("SUITES", "4000"));
        System.out.printf(
                Locale.ROOT,
                "verdict policy: 20-benchmark suites, %d suites per cell, warn 10%% / fail 20%%, alpha 0.05%n%n",
                suites);
        System.out.println("| case | noise (total CV) | forks per side | suites with any fail | with any flag "
                + "(fail, warn or improved) | with any warn or fail | goal |");
        System.out.println("|---|---|---:|---:|---:|---:|---|");
        long seed = 100;
        for (VerdictPolicyTest.Noise noise : VerdictPolicyTest.Noise.values()) {
            for (int forks : new int[] {4, 5, 10}) {
                for (double cv : new double[] {0.05, 0.10, 0.15}) {
                    double[] r = VerdictPolicyTest.suiteRates(seed++, suites, forks, cv, 1.0, noise);
                    row(
                            "A/A",
                            noise.label + String.format(Locale.ROOT, ", CV %.0f%%", cv * 100),
                            forks,
                            r,
                            "fail <= 5%, flag <= 10%");
                }
            }
        }
        for (VerdictPolicyTest.Noise noise : VerdictPolicyTest.Noise.values()) {
            double[] thirty = VerdictPolicyTest.suiteRates(seed++, suites, 5, 0.05, 1.30, noise);
            row(
                    "one +30%",
                    noise.label + ", CV 5%",
                    5,
                    thirty,
                    noise == VerdictPolicyTest.Noise.LOGNORMAL ? "fail >= 90%" : "");
            double[] twenty = VerdictPolicyTest.suiteRates(seed++, suites, 10, 0.05, 1.20, noise);
            row(
                    "one +20%",
                    noise.label + ", CV 5%",
                    10,
                    twenty,
                    noise == VerdictPolicyTest.Noise.LOGNORMAL ? "warn or fail >= 90%" : "");
        }
    }

    private static void row(String kind, String noise, int forks, double[] r, String goal) {
        System.out.printf(
                Locale.ROOT,
                "| %s | %s | %d | %.1f%% | %.1f%% | %.1f%% | %s |%n",
                kind,
                noise,
                forks,
                100 * r[0],
                100 * r[1],
                100 * r[2],
                goal);
    }
}
