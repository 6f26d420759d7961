package dev.perf.result;

import java.util.ArrayList;
import java.util.List;

/**
 * One figure of the service, read while a load loop was measured ({@code observe:}): per second and for the
 * whole run. Immutable.
 *
 * @param name its name in the suite (targets and compare use it; its metric is {@code observed.NAME})
 * @param source where it came from: the scraped series or the PromQL query
 * @param unit its unit as the suite gave it
 * @param better {@code higher} or {@code lower}
 * @param value the whole-run figure: the mean of its seconds (a counter's rate over the whole window); NaN
 *     when no second was read
 * @param perSecond one value per measured second, null where none could be read
 * @param warning why some or all seconds are missing (an unreachable endpoint, Prometheus's error); null when
 *     none are
 */
public record Observed(
        String name, String source, String unit, String better, double value, List<Double> perSecond, String warning) {
    public Observed {
        perSecond = perSecond == null ? List.of() : java.util.Collections.unmodifiableList(new ArrayList<>(perSecond));
    }

    /** Its seconds that were read, for a metric's samples. */
    public List<Double> readSeconds() {
        return perSecond.stream().filter(v -> v != null && !v.isNaN()).toList();
    }
}
