package dev.perf.load.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perf.result.InputFiles;
import dev.perf.result.Json;
import dev.perf.result.PerfException;
import dev.perf.suite.DataFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The rows of a {@code data:} file, each cell's UTF-8 bytes encoded once: a request takes row {@code index mod
 * rows}, or the row at that place in a permutation shuffled by the seed. Immutable once read.
 */
public final class DataTable {
    /** The largest data file read (256 MiB): its cells are held in memory for the whole run. */
    static final long MAX_BYTES = 256L << 20;

    private final String name;
    private final List<String> columns;
    private final byte[][][] rows;
    private final int[] order;

    private DataTable(String name, List<String> columns, List<byte[][]> rows, boolean shuffle, long seed) {
        this.name = name;
        this.columns = List.copyOf(columns);
        this.rows = rows.toArray(new byte[0][][]);
        this.order = shuffle ? permutation(this.rows.length, seed ^ name.hashCode()) : null;
    }

    /**
     * Reads {@code file} (relative to {@code baseDir}); bad input naming the loop ({@code where}), the key and
     * the file when it cannot be read or holds no row.
     */
    public static DataTable read(String where, String name, DataFile file, Path baseDir, long seed) {
        String key = where + ": data." + name + "." + (file.csv() != null ? "csv" : "jsonl");
        Path path = baseDir.resolve(file.file());
        String text;
        try {
            text = new String(InputFiles.read(path, MAX_BYTES), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw PerfException.badInput(key + ": " + file.file() + " does not exist"
                    + (path.toString().equals(file.file()) ? "" : " (looked for " + path + ")"));
        } catch (IOException e) {
            throw PerfException.badInput(key + ": cannot read " + file.file() + ": " + e.getMessage());
        }
        List<String> columns = new ArrayList<>();
        List<byte[][]> rows = new ArrayList<>();
        if (file.csv() != null) {
            List<List<String>> records = Csv.parse(text, key + ": " + file.file());
            if (records.isEmpty()) {
                throw PerfException.badInput(key + ": " + file.file() + " is empty; its first row names the columns");
            }
            columns.addAll(records.get(0));
            for (int r = 1; r < records.size(); r++) {
                List<String> record = records.get(r);
                if (record.size() != columns.size()) {
                    throw PerfException.badInput(key + ": " + file.file() + " row " + (r + 1) + " has " + record.size()
                            + " fields, the header " + columns.size());
                }
                rows.add(encode(record));
            }
        } else {
            readJsonLines(key + ": " + file.file(), text, columns, rows);
        }
        if (rows.isEmpty()) {
            throw PerfException.badInput(key + ": " + file.file() + " has no data row");
        }
        return new DataTable(name, columns, rows, file.shuffle(), seed);
    }

    private static void readJsonLines(String where, String text, List<String> columns, List<byte[][]> rows) {
        ObjectMapper json = Json.strictJsonReader();
        String[] lines = text.split("\r?\n", -1);
        List<Map<String, String>> objects = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = json.readTree(lines[i]);
            } catch (JsonProcessingException e) {
                throw PerfException.badInput(where + ":" + (i + 1) + ": not JSON: " + e.getOriginalMessage());
            }
            if (node == null || !node.isObject()) {
                throw PerfException.badInput(where + ":" + (i + 1) + ": each line must be a JSON object");
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                row.put(
                        f.getKey(),
                        f.getValue().isValueNode()
                                ? f.getValue().asText()
                                : f.getValue().toString());
                if (!columns.contains(f.getKey())) {
                    columns.add(f.getKey());
                }
            }
            objects.add(row);
        }
        for (Map<String, String> o : objects) {
            List<String> cells = new ArrayList<>();
            for (String c : columns) {
                cells.add(o.getOrDefault(c, ""));
            }
            rows.add(encode(cells));
        }
    }

    private static byte[][] encode(List<String> cells) {
        byte[][] out = new byte[cells.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = cells.get(i).getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    /** The index of {@code column}; bad input listing the columns there are when the file lacks it. */
    public int column(String where, String column) {
        int i = columns.indexOf(column);
        if (i < 0) {
            throw PerfException.badInput(where + ": ${data." + name + "." + column + "}: data " + name
                    + " has no column '" + column + "'; it has " + String.join(", ", columns));
        }
        return i;
    }

    public int rows() {
        return rows.length;
    }

    /** The cell of {@code column} in the row the operation of global index {@code seq} takes. */
    public byte[] cell(long seq, int column) {
        int r = (int) Long.remainderUnsigned(seq, rows.length);
        return rows[order == null ? r : order[r]][column];
    }

    /** A permutation of {@code n} rows (Fisher-Yates), the same for the same seed. */
    private static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** RFC 4180 CSV: fields separated by commas, quoted with double quotes ({@code ""} inside is one quote). */
    static final class Csv {
        private Csv() {}

        static List<List<String>> parse(String text, String where) {
            List<List<String>> records = new ArrayList<>();
            List<String> record = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            int line = 1;
            int i = text.startsWith("\uFEFF") ? 1 : 0;
            boolean quoted = false;
            boolean any = false;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    if (c == '"') {
                        quoted = false;
                    } else {
                        line += c == '\n' ? 1 : 0;
                        field.append(c);
                    }
                    i++;
                    continue;
                }
                if (c == '"' && field.length() == 0) {
                    quoted = true;
                    any = true;
                } else if (c == ',') {
                    record.add(field.toString());
                    field.setLength(0);
                    any = true;
                } else if (c == '\n' || c == '\r') {
                    if (any || field.length() > 0) {
                        record.add(field.toString());
                        records.add(record);
                    }
                    record = new ArrayList<>();
                    field.setLength(0);
                    any = false;
                    if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    line++;
                } else {
                    field.append(c);
                }
                i++;
            }
            if (quoted) {
                throw PerfException.badInput(where + ":" + line + ": a quoted field is not closed");
            }
            if (any || field.length() > 0) {
                record.add(field.toString());
                records.add(record);
            }
            return records;
        }
    }
}
