package dev.perf.profile;

import dev.perf.report.Html;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A differential flame graph of two profiles as one self-contained HTML page (inline SVG, no script): the
 * frames of the second profile sized by its weight, coloured by how each frame's share of all samples
 * changed from the first — red grew, blue shrank, the stronger the more — as Brendan Gregg's differential
 * flame graphs do. Shares (not raw counts) are compared, so profiles of different lengths compare fairly.
 */
final class DiffFlameGraph {
    private static final int WIDTH = 1200;
    private static final int ROW = 17;

    private DiffFlameGraph() {}

    private static final class Node {
        final String name;
        final Map<String, Node> children = new LinkedHashMap<>();
        double before;
        double after;

        Node(String name) {
            this.name = name;
        }
    }

    /** The page for {@code before} → {@code after}, with the top changes of self share as a table. */
    static String html(StackProfile before, StackProfile after, String title, List<String[]> topChanges) {
        Node root = new Node("all");
        add(root, before, true);
        add(root, after, false);
        int depth = depth(root, 0);
        int height = (depth + 1) * ROW + 40;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg role=\"img\" width=\"")
                .append(WIDTH)
                .append("\" height=\"")
                .append(height)
                .append("\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(height)
                .append("\"><title>")
                .append(escape(title))
                .append("</title>");
        draw(svg, root, 0, WIDTH, height - 30 - ROW, Math.max(root.after, 1e-12));
        svg.append("</svg>");
        StringBuilder rows = new StringBuilder();
        for (String[] r : topChanges) {
            rows.append("<tr><td>")
                    .append(escape(r[0]))
                    .append("</td><td class=\"n\">")
                    .append(escape(r[1]))
                    .append("</td><td class=\"n\">")
                    .append(escape(r[2]))
                    .append("</td><td class=\"n\">")
                    .append(escape(r[3]))
                    .append("</td></tr>");
        }
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title><style>body{font:13px system-ui,sans-serif;margin:16px}rect{stroke:#fff;stroke-width:.5}"
                + "text{font:11px monospace;pointer-events:none}table{border-collapse:collapse}"
                + "td,th{border:1px solid #ddd;padding:3px 6px}td.n{text-align:right}</style></head><body><h1>"
                + escape(title) + "</h1><p>Width: share of the second profile. Colour: change of the frame's share"
                + " (inclusive) from the first — <b style=\"color:#c0392b\">red grew</b>, <b style=\"color:#2e6fb7\">"
                + "blue shrank</b>.</p>\n" + svg + "\n<h2>Top changes by self share</h2><table><tr><th>Method</th>"
                + "<th>Before %</th><th>After %</th><th>Change (points)</th></tr>" + rows + "</table></body></html>\n";
    }

    private static void add(Node root, StackProfile p, boolean before) {
        double total = Math.max(1, p.total());
        p.stacks().forEach((stack, weight) -> {
            Node n = root;
            double share = weight / total;
            if (before) {
                n.before += share;
            } else {
                n.after += share;
            }
            for (String raw : stack.split(";", -1)) {
                // one node per method, whether it ran interpreted, compiled or inlined (_[i], _[j], …)
                String method = StackProfile.method(raw);
                String frame = method == null ? raw : method;
                n = n.children.computeIfAbsent(frame, Node::new);
                if (before) {
                    n.before += share;
                } else {
                    n.after += share;
                }
            }
        });
    }

    private static int depth(Node n, int d) {
        int max = d;
        for (Node c : n.children.values()) {
            if (c.after > 0) {
                max = Math.max(max, depth(c, d + 1));
            }
        }
        return max;
    }

    private static void draw(StringBuilder svg, Node n, double x, double width, int y, double scale) {
        if (width < 0.3) {
            return;
        }
        double delta = n.after - n.before;
        svg.append(String.format(
                Locale.ROOT,
                "<g><title>%s: %.2f%% (was %.2f%%, %+.2f points)</title><rect x=\"%.2f\" y=\"%d\" width=\"%.2f\""
                        + " height=\"%d\" fill=\"%s\"/>",
                escape(n.name),
                100 * n.after,
                100 * n.before,
                100 * delta,
                x,
                y,
                width,
                ROW - 1,
                colour(delta)));
        if (width > 40) {
            int chars = (int) (width / 7);
            String label = n.name.length() > chars ? n.name.substring(0, Math.max(0, chars - 1)) + "…" : n.name;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.2f\" y=\"%d\">%s</text>", x + 3, y + 12, escape(label)));
        }
        svg.append("</g>");
        double cx = x;
        List<Node> children = new ArrayList<>(n.children.values());
        children.sort(Comparator.comparing(c -> c.name));
        for (Node c : children) {
            if (c.after <= 0) {
                continue;
            }
            double w = width * c.after / Math.max(n.after, 1e-12);
            draw(svg, c, cx, w, y - ROW, scale);
            cx += w;
        }
    }

    /** Red for growth, blue for shrinkage, grey for no change; saturated at ±5 points of share. */
    static String colour(double delta) {
        double t = Math.min(1, Math.abs(delta) / 0.05);
        int base = 225;
        int strong = (int) Math.round(base - t * 150);
        return delta >= 0
                ? String.format(Locale.ROOT, "rgb(%d,%d,%d)", base + (int) (t * 20), strong, strong)
                : String.format(Locale.ROOT, "rgb(%d,%d,%d)", strong, strong + (int) (t * 40), base + (int) (t * 20));
    }

    /** Self share per method in each profile, and the methods that changed most (absolute points). */
    static List<String[]> topChanges(StackProfile before, StackProfile after, int n) {
        Map<String, double[]> shares = new HashMap<>();
        for (StackProfile.MethodWeight w : before.methods()) {
            shares.computeIfAbsent(w.method(), k -> new double[2])[0] = (double) w.self() / Math.max(1, before.total());
        }
        for (StackProfile.MethodWeight w : after.methods()) {
            shares.computeIfAbsent(w.method(), k -> new double[2])[1] = (double) w.self() / Math.max(1, after.total());
        }
        return shares.entrySet().stream()
                .filter(e -> e.getValue()[0] != e.getValue()[1])
                .sorted(Comparator.comparingDouble(
                                (Map.Entry<String, double[]> e) -> -Math.abs(e.getValue()[1] - e.getValue()[0]))
                        .thenComparing(Map.Entry::getKey))
                .limit(n)
                .map(e -> new String[] {
                    e.getKey(),
                    String.format(Locale.ROOT, "%.2f", 100 * e.getValue()[0]),
                    String.format(Locale.ROOT, "%.2f", 100 * e.getValue()[1]),
                    String.format(Locale.ROOT, "%+.2f", 100 * (e.getValue()[1] - e.getValue()[0]))
                })
                .toList();
    }

    private static String escape(String s) {
        return Html.escape(s);
    }
}
