package dev.perf.result;

/**
 * Regression thresholds used by {@code perf compare}, per metric class; written by the suite, stored in
 * each result so that compare applies the current result's policy. Immutable.
 *
 * @param time mean, median and JMH score
 * @param tail p95 and p99
 * @param memory RSS and allocated bytes per operation
 */
public record Thresholds(Limit time, Limit tail, Limit memory) {
    /** The defaults: time +10 %/+20 %, tail +15 %/+25 %, memory +20 %/+50 %. */
    public static final Thresholds DEFAULTS =
            new Thresholds(new Limit("10%", "20%"), new Limit("15%", "25%"), new Limit("20%", "50%"));

    public Thresholds {
        time = time == null ? DEFAULTS_TIME : time;
        tail = tail == null ? DEFAULTS_TAIL : tail;
        memory = memory == null ? DEFAULTS_MEMORY : memory;
    }

    private static final Limit DEFAULTS_TIME = new Limit("10%", "20%");
    private static final Limit DEFAULTS_TAIL = new Limit("15%", "25%");
    private static final Limit DEFAULTS_MEMORY = new Limit("20%", "50%");

    /**
     * A warn and a fail level of relative change in the worse direction, written as percentages.
     *
     * @param warn e.g. {@code 10%}
     * @param fail e.g. {@code 20%}; at least {@code warn}
     */
    public record Limit(String warn, String fail) {
        public Limit {
            if (warn == null || fail == null) {
                throw new IllegalArgumentException(
                        "a threshold needs both warn and fail, e.g. { warn: 10%, fail: 20% }");
            }
            double w = parse(warn);
            double f = parse(fail);
            if (w > f) {
                throw new IllegalArgumentException("threshold warn " + warn + " is above fail " + fail);
            }
        }

        /** The warn level as a fraction (0.10 for 10 %). */
        public double warnFraction() {
            return parse(warn);
        }

        /** The fail level as a fraction. */
        public double failFraction() {
            return parse(fail);
        }

        private static double parse(String text) {
            return percent(text);
        }
    }

    /**
     * Parses a percentage such as {@code 10%} (or a bare {@code 10}) into a fraction (0.10).
     *
     * @throws IllegalArgumentException when it is not a non-negative number
     */
    public static double percent(String text) {
        {
            String t = text == null ? "" : text.trim();
            if (t.endsWith("%")) {
                t = t.substring(0, t.length() - 1).trim();
            }
            try {
                double value = Double.parseDouble(t);
                if (!(value >= 0) || Double.isInfinite(value)) {
                    throw new NumberFormatException();
                }
                return value / 100;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid percentage '" + text + "': use a number with %, e.g. 10%");
            }
        }
    }
}
