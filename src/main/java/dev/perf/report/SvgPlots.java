package dev.perf.report;

import dev.perf.result.Numbers;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/** Bar charts with error bars and interval (forest) plots, drawn with the pieces of {@link Svg}. */
final class SvgPlots {
    private SvgPlots() {}

    /** Horizontal bars with symmetric error bars (e.g. JMH score ± error), one row per label. */
    static String bars(String title, String unit, List<String> labels, double[] values, double[] errors) {
        StringBuilder sb = new StringBuilder();
        int rowHeight = 26;
        int labelWidth = 260;
        int height = Svg.TOP + rowHeight * labels.size() + Svg.BOTTOM;
        double max = 0;
        for (int i = 0; i < values.length; i++) {
            double e = Double.isFinite(errors[i]) ? errors[i] : 0;
            if (Double.isFinite(values[i])) {
                max = Math.max(max, values[i] + e);
            }
        }
        double[] ticks = Svg.niceTicks(0, max > 0 ? max : 1);
        double top = ticks[ticks.length - 1];
        Svg.openFigure(sb, title, "bars", height);
        if (labels.isEmpty()) {
            return Svg.noData(sb);
        }
        int plotWidth = Svg.WIDTH - labelWidth - Svg.RIGHT;
        Svg.horizontalAxis(sb, ticks, v -> labelWidth + plotWidth * v / top, height, unit, labelWidth, plotWidth);
        for (int i = 0; i < labels.size(); i++) {
            int y = Svg.TOP + i * rowHeight;
            double v = Double.isFinite(values[i]) ? values[i] : 0;
            double w = plotWidth * v / top;
            sb.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" class=\"label\">%s</text>",
                    labelWidth - 8,
                    y + 17,
                    Html.escape(Svg.shorten(labels.get(i), 40))));
            sb.append(String.format(
                    Locale.ROOT,
                    "<rect class=\"mark\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\">"
                            + "<title>%s: %s ± %s %s</title></rect>",
                    labelWidth,
                    y + 5,
                    Math.max(w, 1),
                    rowHeight - 10,
                    Svg.PALETTE[0],
                    Html.escape(labels.get(i)),
                    Numbers.label(values[i]),
                    Numbers.label(errors[i]),
                    Html.escape(unit)));
            if (Double.isFinite(errors[i]) && errors[i] > 0) {
                double lo = labelWidth + plotWidth * Math.max(0, v - errors[i]) / top;
                double hi = labelWidth + plotWidth * (v + errors[i]) / top;
                double mid = y + rowHeight / 2.0;
                sb.append(String.format(
                        Locale.ROOT,
                        "<path class=\"errorbar\" stroke=\"#111827\" d=\"M%.1f %.1f L%.1f %.1f M%.1f %.1f L%.1f %.1f"
                                + " M%.1f %.1f L%.1f %.1f\"/>",
                        lo,
                        mid,
                        hi,
                        mid,
                        lo,
                        mid - 5,
                        lo,
                        mid + 5,
                        hi,
                        mid - 5,
                        hi,
                        mid + 5));
            }
        }
        return Svg.close(sb);
    }

    /**
     * Point estimates with intervals around a reference line at 0 (a forest plot), e.g. relative changes with
     * their confidence intervals, in %; {@code colours} per row.
     */
    static String intervals(
            String title,
            String xLabel,
            List<String> labels,
            double[] points,
            double[] lows,
            double[] highs,
            List<String> colours) {
        StringBuilder sb = new StringBuilder();
        int rowHeight = 24;
        int labelWidth = 300;
        int height = Svg.TOP + rowHeight * labels.size() + Svg.BOTTOM;
        double min = 0;
        double max = 0;
        for (int i = 0; i < points.length; i++) {
            for (double v : new double[] {points[i], lows[i], highs[i]}) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        double[] ticks = Svg.niceTicks(min, max == min ? min + 1 : max);
        double lo = ticks[0];
        double hi = ticks[ticks.length - 1];
        Svg.openFigure(sb, title, "intervals", height);
        if (labels.isEmpty()) {
            return Svg.noData(sb);
        }
        int plotWidth = Svg.WIDTH - labelWidth - Svg.RIGHT;
        DoubleUnaryOperator x = v -> labelWidth + plotWidth * (v - lo) / (hi - lo);
        Svg.horizontalAxis(sb, ticks, x, height, xLabel, labelWidth, plotWidth);
        for (int i = 0; i < labels.size(); i++) {
            double mid = Svg.TOP + i * rowHeight + rowHeight / 2.0;
            sb.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" class=\"label\">%s</text>",
                    labelWidth - 8,
                    mid + 4,
                    Html.escape(Svg.shorten(labels.get(i), 46))));
            if (Double.isFinite(lows[i]) && Double.isFinite(highs[i])) {
                sb.append(String.format(
                        Locale.ROOT,
                        "<path stroke=\"%s\" stroke-width=\"2\" d=\"M%.1f %.1f L%.1f %.1f\"/>",
                        colours.get(i),
                        x.applyAsDouble(lows[i]),
                        mid,
                        x.applyAsDouble(highs[i]),
                        mid));
            }
            if (Double.isFinite(points[i])) {
                sb.append(String.format(
                        Locale.ROOT,
                        "<circle class=\"mark\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"><title>%s: %s [%s, %s]"
                                + "</title></circle>",
                        x.applyAsDouble(points[i]),
                        mid,
                        colours.get(i),
                        Html.escape(labels.get(i)),
                        Numbers.label(points[i]),
                        Numbers.label(lows[i]),
                        Numbers.label(highs[i])));
            }
        }
        return Svg.close(sb);
    }
}
