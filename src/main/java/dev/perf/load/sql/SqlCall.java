package dev.perf.load.sql;

import dev.perf.load.record.CheckFailure;
import dev.perf.load.record.LoadRecorder;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;

/**
 * One operation of an sql target, run on a thread of its own (JDBC blocks): a connection taken from the pool,
 * each statement prepared, bound, executed and its rows read as {@code fetch} says, a transaction committed
 * (rolled back on a failure). Records when each part ended, so that the loop thread can time every part.
 */
final class SqlCall {
    /** When each part ended (ns, {@code System.nanoTime}); parts after a failed one stay 0. */
    final long[] ends;

    /** The part that failed, or -1. */
    int failedPart = -1;

    /** Why it failed, as the recorder counts it, or null. */
    Throwable failure;

    /** When the operation ended. */
    long end;

    private SqlCall(int parts) {
        this.ends = new long[parts];
    }

    /** Runs operation {@code seq} of {@code plan} on a connection of {@code pool}. */
    static SqlCall run(SqlPlan plan, DataSource pool, long seq) {
        List<SqlPlan.Statement> statements = plan.statements();
        SqlCall call = new SqlCall(plan.partCount());
        int part = 0;
        try (Connection c = pool.getConnection()) {
            call.ends[part++] = System.nanoTime();
            int queryTimeout = (int)
                    Math.min(Integer.MAX_VALUE, Math.max(1, (plan.timeoutNanos() + 999_999_999L) / 1_000_000_000L));
            try {
                for (SqlPlan.Statement s : statements) {
                    execute(c, s, seq, queryTimeout, plan.target().fetchMode());
                    call.ends[part++] = System.nanoTime();
                }
                if (plan.transaction()) {
                    c.commit();
                    call.ends[part++] = System.nanoTime();
                }
            } catch (SQLException | RuntimeException e) {
                if (plan.transaction()) {
                    rollback(c);
                }
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            call.failedPart = part;
            call.failure = outcome(e, part == 0);
        }
        call.end = System.nanoTime();
        if (call.failedPart >= 0) {
            call.ends[call.failedPart] = call.end;
        }
        return call;
    }

    /**
     * Records each part this call reached into {@code parts}: the acquisition from the operation's intended start
     * (so that a wait for the pool is never hidden), each later part from the end of the one before.
     */
    void record(LoadRecorder.Writer[] parts, long intendedNanos, long startNanos, long timeoutNanos) {
        long from = startNanos;
        for (int i = 0; i < ends.length && ends[i] != 0; i++) {
            parts[i].count(LoadRecorder.Counter.SENT);
            parts[i].complete(
                    i == 0 ? intendedNanos : from, from, ends[i], i == failedPart ? failure : null, timeoutNanos);
            from = ends[i];
        }
    }

    private static void execute(Connection c, SqlPlan.Statement s, long seq, int queryTimeout, String fetch)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(s.sql())) {
            ps.setQueryTimeout(queryTimeout);
            for (int i = 0; i < s.params().size(); i++) {
                String text = s.params().get(i).render(seq);
                try {
                    s.binds().get(i).bind(ps, i + 1, text);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("params[" + i + "]: " + e.getMessage(), e);
                }
            }
            if (fetch.equals("first")) {
                ps.setMaxRows(1);
            }
            boolean rows = ps.execute();
            if (rows && !fetch.equals("none")) {
                try (ResultSet rs = ps.getResultSet()) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            rs.getObject(i); // every value decoded, as an application reads it
                        }
                    }
                }
            }
        }
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken: the pool drops it; the failure that matters is the statement's
        }
    }

    /**
     * What the recorder counts for {@code e}: a timeout (the pool gave no connection in time, or the query
     * timeout cancelled the statement), an I/O error (SQL state class 08: the connection failed), a bad
     * parameter as check {@code params}, else an error counted by its SQL state ({@code sqlstate.23505}).
     */
    static Throwable outcome(Exception e, boolean acquiring) {
        if (e instanceof SQLException sql) {
            String state = sql.getSQLState();
            if ((acquiring && e instanceof SQLTransientConnectionException) || "57014".equals(state)) {
                return new TimeoutException(oneLine(sql.getMessage()));
            }
            if (state != null && state.startsWith("08")) {
                return new IOException(oneLine(sql.getMessage()), sql);
            }
            return new CheckFailure(
                    state == null ? "sqlstate.unknown" : "sqlstate." + state,
                    CheckFailure.truncate(oneLine(sql.getMessage())),
                    0);
        }
        return new CheckFailure("params", CheckFailure.truncate(oneLine(e.getMessage())), 0);
    }

    private static String oneLine(String m) {
        return m == null ? "" : m.replaceAll("[\\r\\n]+", " ");
    }
}
