package dev.perf.suite;

/**
 * A table of values for the requests of a load loop: {@code ${data.NAME.COLUMN}} takes the column of row
 * {@code index mod rows} (or of a seeded shuffle of the rows). Paths are relative to the suite's directory.
 *
 * @param csv a CSV file whose first row names the columns (RFC 4180 quoting)
 * @param jsonl a JSON Lines file: one object per line, its keys the columns
 * @param shuffle visit the rows in an order shuffled by the suite's seed instead of in file order
 */
public record DataFile(String csv, String jsonl, Boolean shuffle) {
    public DataFile {
        if ((csv == null) == (jsonl == null)) {
            throw new IllegalArgumentException("a data file needs csv: FILE or jsonl: FILE (one of them)");
        }
        shuffle = shuffle != null && shuffle;
    }

    /** The file named, as written. */
    public String file() {
        return csv != null ? csv : jsonl;
    }
}
