package dev.perf.compare;

import dev.perf.compare.Comparison.Row;

/**
 * A row before the optional adjustment across rows.
 *
 * @param row the row; its verdict is null when it is judged by threshold alone
 * @param tested whether the row was decided by the policy's tests
 * @param decisiveP p of the threshold-shifted test behind a fail, warn or improved verdict, else NaN
 */
record PendingRow(Row row, boolean tested, double decisiveP) {}
