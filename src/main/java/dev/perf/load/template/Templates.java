package dev.perf.load.template;

import dev.perf.result.PerfException;
import dev.perf.suite.DataFile;
import dev.perf.suite.Placeholders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Compiles the texts of one target (one request, one statement, one message) into {@link Template}s: the
 * target's data files read once, {@code ${env.X}} read once, and its draws numbered across all its texts so
 * that two {@code ${random}}s of one operation differ. Bad input names the loop ({@code where}) and the key.
 */
public final class Templates {
    private final String where;
    private final Map<String, DataTable> data;
    private final UnaryOperator<String> env;
    private final List<String> vars;
    private final long seed;
    private int draws;

    /**
     * A compiler for the target at {@code where} whose {@code data} tables are read already; {@code env} gives
     * {@code ${env.NAME}}'s value (null: not set); {@code vars} are a scenario session's variables by slot (empty
     * for a single request).
     */
    public Templates(
            String where, Map<String, DataTable> data, UnaryOperator<String> env, List<String> vars, long seed) {
        this.where = where;
        this.data = data;
        this.env = env;
        this.vars = vars;
        this.seed = seed;
    }

    /** Reads a loop's {@code data:} files from {@code baseDir}, each drawn with {@code seed}. */
    public static Map<String, DataTable> read(String where, Map<String, DataFile> files, Path baseDir, long seed) {
        Map<String, DataTable> tables = new LinkedHashMap<>();
        files.forEach((name, file) -> tables.put(name, DataTable.read(where, name, file, baseDir, seed)));
        return tables;
    }

    /** How many placeholders that draw (all but literals and {@code ${env}}) the texts compiled so far hold. */
    public int draws() {
        return draws;
    }

    /** Compiles {@code text}, the value of {@code key}; a session variable in it goes where {@code place} says. */
    public Template compile(String key, String text, Template.Place place) {
        List<Template.Seg> out = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        for (Placeholders.Part p : Placeholders.parse(text, where + ": " + key)) {
            if (p instanceof Placeholders.Literal l) {
                literal.append(l.text());
                continue;
            }
            if (p instanceof Placeholders.Env e) {
                String value = env.apply(e.name());
                if (value == null) {
                    throw PerfException.badInput(where + ": " + key + ": ${env." + e.name()
                            + "}: the environment variable " + e.name() + " is not set; export it before the run");
                }
                literal.append(value);
                continue;
            }
            if (literal.length() > 0) {
                out.add(lit(literal.toString()));
                literal.setLength(0);
            }
            draws++;
            if (p instanceof Placeholders.Seq) {
                out.add(new Template.Seg(Template.SEQ, null, 0, 0, 0, null, 0));
            } else if (p instanceof Placeholders.Random r) {
                out.add(new Template.Seg(Template.RANDOM, null, r.lo(), r.hi(), draws, null, 0));
            } else if (p instanceof Placeholders.Uuid) {
                out.add(new Template.Seg(Template.UUID, null, 0, 0, draws, null, 0));
            } else if (p instanceof Placeholders.Var v) {
                out.add(variable(key, v));
            } else {
                out.add(data(key, (Placeholders.Data) p));
            }
        }
        if (literal.length() > 0) {
            out.add(lit(literal.toString()));
        }
        return new Template(out.toArray(new Template.Seg[0]), seed, place);
    }

    private Template.Seg data(String key, Placeholders.Data d) {
        DataTable table = data.get(d.name());
        if (table == null) {
            throw PerfException.badInput(where + ": " + key + ": ${data." + d.name() + "." + d.column()
                    + "}: no data named '" + d.name() + "'"
                    + (data.isEmpty()
                            ? "; define it: data: { " + d.name() + ": { csv: FILE } }"
                            : "; the loop's data: " + String.join(", ", data.keySet())));
        }
        return new Template.Seg(Template.DATA, null, 0, 0, 0, table, table.column(where + ": " + key, d.column()));
    }

    private Template.Seg variable(String key, Placeholders.Var v) {
        int slot = vars.indexOf(v.name());
        if (slot < 0) {
            throw PerfException.badInput(where + ": " + key + ": ${" + v.name() + "} is not a value an earlier"
                    + " scenario step extracts; use ${seq}, ${random(1,1000)}, ${uuid}, ${data.NAME.COLUMN} or"
                    + " ${env.NAME}");
        }
        return new Template.Seg(Template.VAR, v.name().getBytes(StandardCharsets.UTF_8), 0, 0, 0, null, slot);
    }

    private static Template.Seg lit(String text) {
        return new Template.Seg(Template.LITERAL, text.getBytes(StandardCharsets.UTF_8), 0, 0, 0, null, 0);
    }
}
