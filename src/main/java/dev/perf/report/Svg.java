package dev.perf.report;

import dev.perf.result.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * Line charts as inline SVG (linear or custom x ticks, e.g. the "nines" axis of a latency distribution), and
 * the frame, axes and palette every chart shares; bar and interval (forest) charts are {@link SvgPlots}.
 * Generated here rather than drawn by
 * an inlined JavaScript library: the page stays small, works with scripts disabled, prints, and the same
 * input gives the same bytes (golden-testable). Every drawn data element has class {@code mark}; every text
 * is escaped. Pure and thread-safe.
 */
final class Svg {
    static final int WIDTH = 720;
    static final int HEIGHT = 280;
    static final int LEFT = 70;
    static final int RIGHT = 20;
    static final int TOP = 34;
    static final int BOTTOM = 46;
    static final String[] PALETTE = {"#2563eb", "#dc2626", "#16a34a", "#d97706", "#7c3aed", "#0891b2"};

    private Svg() {}

    /**
     * A named line: points (x[i], y[i]); NaN y values break the line. With {@code low} and {@code high} (else
     * null), each point where they differ gets an error bar from low[i] to high[i].
     */
    @SuppressWarnings("ArrayRecordComponent") // drawing input, built and read once, never compared
    record Series(String name, double[] x, double[] y, double[] low, double[] high) {
        /** A line without error bars. */
        Series(String name, double[] x, double[] y) {
            this(name, x, y, null, null);
        }
    }

    /** A labelled tick on an axis. */
    record Tick(double value, String label) {}

    /** A vertical marker at x, e.g. a change point. */
    record Marker(double x, String label) {}

    /** Everything a line chart shows; {@code xTicks} null for automatic ticks. */
    record LineChart(
            String title,
            String xLabel,
            String yLabel,
            List<Series> series,
            List<Tick> xTicks,
            List<Marker> markers,
            boolean zeroBased) {}

    /** The series' error bars: a vertical line from low to high with short caps, where they differ. */
    private static void errorBars(StringBuilder sb, Frame f, Series s, String stroke) {
        if (s.low() == null) {
            return;
        }
        for (int i = 0; i < s.x().length; i++) {
            double lo = s.low()[i];
            double hi = s.high()[i];
            if (!Double.isFinite(s.x()[i]) || !Double.isFinite(lo) || !Double.isFinite(hi) || lo == hi) {
                continue;
            }
            double x = f.x(s.x()[i]);
            sb.append(String.format(
                    Locale.ROOT,
                    "<path class=\"errorbar\" fill=\"none\" stroke-width=\"1.5\" stroke=\"%s\" d=\"M%.1f %.1f"
                            + " L%.1f %.1f M%.1f %.1f L%.1f %.1f M%.1f %.1f L%.1f %.1f\"><title>%s: %s–%s</title></path>",
                    stroke,
                    x,
                    f.y(lo),
                    x,
                    f.y(hi),
                    x - 4,
                    f.y(lo),
                    x + 4,
                    f.y(lo),
                    x - 4,
                    f.y(hi),
                    x + 4,
                    f.y(hi),
                    Html.escape(s.name()),
                    Numbers.label(lo),
                    Numbers.label(hi)));
        }
    }

    /** A line chart inside a {@code <figure>}; "no data" text when no series has a finite point. */
    static String line(LineChart c) {
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (Series s : c.series()) {
            for (int i = 0; i < s.x().length; i++) {
                if (Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i])) {
                    xMin = Math.min(xMin, s.x()[i]);
                    xMax = Math.max(xMax, s.x()[i]);
                    yMin = Math.min(yMin, s.y()[i]);
                    yMax = Math.max(yMax, s.y()[i]);
                    if (s.low() != null && Double.isFinite(s.low()[i]) && Double.isFinite(s.high()[i])) {
                        yMin = Math.min(yMin, s.low()[i]);
                        yMax = Math.max(yMax, s.high()[i]);
                    }
                }
            }
        }
        StringBuilder sb = open(c.title(), "line");
        if (!Double.isFinite(xMin)) {
            return noData(sb);
        }
        if (c.xTicks() != null) {
            for (Tick t : c.xTicks()) {
                xMin = Math.min(xMin, t.value());
                xMax = Math.max(xMax, t.value());
            }
        }
        if (c.zeroBased()) {
            yMin = Math.min(0, yMin);
        }
        double[] yTicks = niceTicks(yMin, yMax);
        yMin = yTicks[0];
        yMax = yTicks[yTicks.length - 1];
        if (xMax == xMin) {
            xMax = xMin + 1;
        }
        Frame f = new Frame(xMin, xMax, yMin, yMax);
        List<Tick> xTicks = c.xTicks();
        if (xTicks == null) {
            xTicks = new ArrayList<>();
            for (double v : niceTicks(xMin, xMax)) {
                if (v >= xMin && v <= xMax) {
                    xTicks.add(new Tick(v, Numbers.label(v)));
                }
            }
        }
        axes(sb, f, xTicks, yTicks, c.xLabel(), c.yLabel());
        for (Marker m : c.markers()) {
            double x = f.x(m.x());
            sb.append(String.format(
                    Locale.ROOT,
                    "<line class=\"marker\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#9333ea\""
                            + " stroke-dasharray=\"4 3\"><title>%s</title></line>",
                    x,
                    TOP,
                    x,
                    HEIGHT - BOTTOM,
                    Html.escape(m.label())));
        }
        int colour = 0;
        for (Series s : c.series()) {
            String stroke = PALETTE[colour++ % PALETTE.length];
            StringBuilder d = new StringBuilder();
            boolean pen = false;
            int points = 0;
            for (int i = 0; i < s.x().length; i++) {
                if (!Double.isFinite(s.x()[i]) || !Double.isFinite(s.y()[i])) {
                    pen = false;
                    continue;
                }
                d.append(pen ? 'L' : 'M')
                        .append(String.format(Locale.ROOT, "%.1f %.1f ", f.x(s.x()[i]), f.y(s.y()[i])));
                pen = true;
                points++;
            }
            if (points == 0) {
                continue;
            }
            errorBars(sb, f, s, stroke);
            sb.append("<path class=\"mark\" fill=\"none\" stroke-width=\"2\" stroke=\"")
                    .append(stroke)
                    .append("\" d=\"")
                    .append(d.toString().strip())
                    .append("\"><title>")
                    .append(Html.escape(s.name()))
                    .append("</title></path>");
            if (points <= 60) {
                for (int i = 0; i < s.x().length; i++) {
                    if (Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i])) {
                        sb.append(String.format(
                                Locale.ROOT,
                                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"><title>%s: %s</title></circle>",
                                f.x(s.x()[i]),
                                f.y(s.y()[i]),
                                stroke,
                                Html.escape(s.name()),
                                Numbers.label(s.y()[i])));
                    }
                }
            }
        }
        legend(sb, c.series().stream().map(Series::name).toList());
        return close(sb);
    }

    // ---- frame, axes and ticks ----

    /** Vertical grid lines with tick labels below (the zero line darker) and the axis label, for row charts. */
    static void horizontalAxis(
            StringBuilder sb,
            double[] ticks,
            DoubleUnaryOperator x,
            int height,
            String label,
            int labelWidth,
            int plotWidth) {
        for (double t : ticks) {
            double at = x.applyAsDouble(t);
            sb.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>"
                            + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" class=\"tick\">%s</text>",
                    at,
                    TOP,
                    at,
                    height - BOTTOM,
                    t == 0 ? "#6b7280" : "#e5e7eb",
                    at,
                    height - BOTTOM + 16,
                    Numbers.label(t)));
        }
        sb.append(String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" class=\"axis\">%s</text>",
                labelWidth + plotWidth / 2.0,
                height - 8,
                Html.escape(label)));
    }

    record Frame(double xMin, double xMax, double yMin, double yMax) {
        double x(double v) {
            return LEFT + (WIDTH - LEFT - RIGHT) * (v - xMin) / (xMax - xMin);
        }

        double y(double v) {
            return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * (v - yMin) / (yMax - yMin);
        }
    }

    static StringBuilder open(String title, String kind) {
        StringBuilder sb = new StringBuilder();
        openFigure(sb, title, kind, HEIGHT);
        return sb;
    }

    static void openFigure(StringBuilder sb, String title, String kind, int height) {
        sb.append("<figure class=\"chart\" data-kind=\"")
                .append(kind)
                .append("\"><svg role=\"img\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(height)
                .append("\" width=\"")
                .append(WIDTH)
                .append("\" height=\"")
                .append(height)
                .append("\"><title>")
                .append(Html.escape(title))
                .append("</title><text x=\"")
                .append(WIDTH / 2)
                .append("\" y=\"20\" text-anchor=\"middle\" class=\"title\">")
                .append(Html.escape(title))
                .append("</text>");
    }

    static String noData(StringBuilder sb) {
        sb.append("<text x=\"")
                .append(WIDTH / 2)
                .append("\" y=\"")
                .append(HEIGHT / 2)
                .append("\" text-anchor=\"middle\" class=\"nodata\">no data</text>");
        return close(sb);
    }

    static String close(StringBuilder sb) {
        return sb.append("</svg></figure>\n").toString();
    }

    static void axes(StringBuilder sb, Frame f, List<Tick> xTicks, double[] yTicks, String xLabel, String yLabel) {
        for (double t : yTicks) {
            double y = f.y(t);
            sb.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e5e7eb\"/>"
                            + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" class=\"tick\">%s</text>",
                    LEFT,
                    y,
                    WIDTH - RIGHT,
                    y,
                    LEFT - 6,
                    y + 4,
                    Numbers.label(t)));
        }
        for (Tick t : xTicks) {
            double x = f.x(t.value());
            sb.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#f3f4f6\"/>"
                            + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" class=\"tick\">%s</text>",
                    x,
                    TOP,
                    x,
                    HEIGHT - BOTTOM,
                    x,
                    HEIGHT - BOTTOM + 16,
                    Html.escape(t.label())));
        }
        sb.append(String.format(
                Locale.ROOT,
                "<path stroke=\"#6b7280\" fill=\"none\" d=\"M%d %d L%d %d L%d %d\"/>",
                LEFT,
                TOP,
                LEFT,
                HEIGHT - BOTTOM,
                WIDTH - RIGHT,
                HEIGHT - BOTTOM));
        sb.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" class=\"axis\">%s</text>",
                (LEFT + WIDTH - RIGHT) / 2,
                HEIGHT - 8,
                Html.escape(xLabel)));
        sb.append(String.format(
                Locale.ROOT,
                "<text transform=\"translate(16 %d) rotate(-90)\" text-anchor=\"middle\" class=\"axis\">%s</text>",
                (TOP + HEIGHT - BOTTOM) / 2,
                Html.escape(yLabel)));
    }

    static void legend(StringBuilder sb, List<String> names) {
        if (names.size() < 2) {
            return;
        }
        int x = LEFT + 8;
        for (int i = 0; i < names.size(); i++) {
            sb.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                            + "<text x=\"%d\" y=\"%d\" class=\"legend\">%s</text>",
                    x,
                    TOP + 2,
                    PALETTE[i % PALETTE.length],
                    x + 14,
                    TOP + 11,
                    Html.escape(names.get(i))));
            x += 24 + 7 * Math.min(names.get(i).length(), 30);
        }
    }

    /** 4–8 round tick values covering [min, max]. */
    static double[] niceTicks(double min, double max) {
        if (!(max > min)) {
            double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
            min -= pad;
            max += pad;
        }
        double raw = (max - min) / 5;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude;
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * magnitude >= raw) {
                step = m * magnitude;
                break;
            }
        }
        double first = Math.floor(min / step) * step;
        double last = Math.ceil(max / step) * step;
        int n = (int) Math.round((last - first) / step) + 1;
        double[] ticks = new double[n];
        for (int i = 0; i < n; i++) {
            ticks[i] = first + i * step;
        }
        return ticks;
    }

    static String shorten(String s, int max) {
        return s.length() <= max ? s : "…" + s.substring(s.length() - max + 1);
    }
}
