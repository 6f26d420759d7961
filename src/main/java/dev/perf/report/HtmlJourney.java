package dev.perf.report;

import dev.perf.result.Numbers;
import java.util.Locale;

/**
 * A scenario's journey drawn as a waterfall (inline SVG): one row per request step, a solid bar for its
 * median from where the earlier steps' medians end and a pale one on to its p99; a last row for the whole
 * iteration. What the step bars leave of the iteration's median is the pauses and the waits between steps.
 */
final class HtmlJourney {
    private HtmlJourney() {}

    private static final int ROW = 26;
    private static final int LABEL = 150;

    /** The waterfall of {@code j}. */
    static String waterfall(Journey j) {
        int rows = j.steps().size() + 1;
        int height = Svg.TOP + rows * ROW + Svg.BOTTOM;
        StringBuilder sb = new StringBuilder();
        Svg.openFigure(
                sb, "Journey " + j.name() + ": each step's median (solid) and p99 (pale), ms", "waterfall", height);
        double span = j.span();
        if (!(span > 0)) {
            return Svg.noData(sb);
        }
        double[] ticks = Svg.niceTicks(0, span);
        double max = ticks[ticks.length - 1];
        int width = Svg.WIDTH - LABEL - Svg.RIGHT;
        for (double t : ticks) {
            double x = LABEL + width * t / max;
            sb.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e5e7eb\"/>"
                            + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" class=\"tick\">%s</text>",
                    x,
                    Svg.TOP,
                    x,
                    Svg.TOP + rows * ROW,
                    x,
                    Svg.TOP + rows * ROW + 16,
                    Numbers.label(t)));
        }
        int i = 0;
        for (Journey.Step s : j.steps()) {
            row(sb, i++, s.name(), s.offset(), s.p50(), s.p99(), max, width, Svg.PALETTE[0]);
        }
        row(sb, i, "iteration", 0, j.iterationP50(), j.iterationP99(), max, width, Svg.PALETTE[4]);
        sb.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" class=\"legend\">%s</text>",
                LABEL,
                Svg.TOP + rows * ROW + 34,
                Html.escape(
                        "pauses and waits between steps at the median: " + Numbers.label(j.betweenSteps()) + " ms")));
        return Svg.close(sb);
    }

    private static void row(
            StringBuilder sb,
            int index,
            String name,
            double offset,
            double p50,
            double p99,
            double max,
            int width,
            String colour) {
        double y = Svg.TOP + index * ROW + 4;
        sb.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" class=\"tick\">%s</text>",
                LABEL - 6,
                y + 13,
                Html.escape(Svg.shorten(name, 22))));
        if (Double.isNaN(p50)) {
            return;
        }
        double x0 = LABEL + width * offset / max;
        double x50 = LABEL + width * (offset + p50) / max;
        double x99 = Double.isNaN(p99) ? x50 : LABEL + width * (offset + p99) / max;
        sb.append(String.format(
                Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"18\" fill=\"%s\" fill-opacity=\"0.25\">"
                        + "<title>%s p99 %s ms</title></rect>"
                        + "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"18\" fill=\"%s\">"
                        + "<title>%s median %s ms</title></rect>",
                x0,
                y,
                Math.max(1, x99 - x0),
                colour,
                Html.escape(name),
                Numbers.label(p99),
                x0,
                y,
                Math.max(1, x50 - x0),
                colour,
                Html.escape(name),
                Numbers.label(p50)));
    }
}
