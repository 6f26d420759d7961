package dev.perf.load.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.perf.load.Workload;
import dev.perf.load.drive.BlockingSource;
import dev.perf.load.drive.Lane;
import dev.perf.load.record.ConnectStats;
import dev.perf.load.record.LoadRecorder;
import dev.perf.result.PerfException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code sql} target: a HikariCP pool of {@code pool} connections, filled before the measurement. JDBC
 * blocks, so alone it runs on {@link dev.perf.load.drive.ThreadDriver}'s threads (a worker per operation in
 * flight, or per user), each call drawing from its global index and recording its parts, with nothing handed
 * between threads; in a mix with asynchronous entries its lanes ({@link SqlLane}) put the calls on threads of
 * their own and record them on perf's event loops.
 */
public final class SqlWorkload implements Workload, BlockingSource {

    private final SqlPlan plan;
    private final ConnectStats connects = new ConnectStats();
    private HikariDataSource pool;
    private ExecutorService threads;

    public SqlWorkload(SqlPlan plan) {
        this.plan = plan;
    }

    SqlPlan plan() {
        return plan;
    }

    HikariDataSource pool() {
        return pool;
    }

    ExecutorService threads() {
        return threads;
    }

    /** Opens the pool's connections, all of them, before the first operation; bad input when none can be. */
    @Override
    public void setUp(Map<String, String> params) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("perf-sql");
        Properties driverProperties = new Properties();
        plan.target().properties().forEach(driverProperties::setProperty);
        if (plan.driver() != null) {
            // a driver from the suite's jar: the pool asks it directly (DriverManager would not see it)
            config.setDataSource(
                    new DriverSource(plan.driver(), plan.url(), plan.user(), plan.password(), driverProperties));
        } else {
            config.setJdbcUrl(plan.url());
            config.setDataSourceProperties(driverProperties);
            if (plan.user() != null) {
                config.setUsername(plan.user());
            }
            if (plan.password() != null) {
                config.setPassword(plan.password());
            }
        }
        int size = plan.target().poolSize();
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setConnectionTimeout(Math.max(250, TimeUnit.NANOSECONDS.toMillis(plan.timeoutNanos())));
        config.setInitializationFailTimeout(1); // one try: a database that is not there fails the loop at once
        config.setAutoCommit(!plan.transaction());
        long start = System.nanoTime();
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) { // HikariPool.PoolInitializationException, or no driver for the url
            throw PerfException.badInput(plan.where() + ": cannot connect to " + plan.shownUrl() + ": " + cause(e)
                    + " (is the database running, and are url, user and password right?)");
        }
        connects.connected(System.nanoTime() - start);
        fill(size);
        AtomicInteger n = new AtomicInteger();
        threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "perf-sql-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Takes every connection of the pool at once, so that none is opened during the measurement. */
    private void fill(int size) {
        Connection[] held = new Connection[size];
        try {
            for (int i = 0; i < size; i++) {
                long start = System.nanoTime();
                held[i] = pool.getConnection();
                if (i > 0) {
                    connects.connected(System.nanoTime() - start);
                }
            }
        } catch (SQLException e) {
            pool.close();
            throw PerfException.badInput(plan.where() + ": the pool could not open " + size + " connections to "
                    + plan.shownUrl() + ": " + cause(e) + " (lower sql.pool, or raise the server's max_connections)");
        } finally {
            for (Connection c : held) {
                close(c);
            }
        }
    }

    private static void close(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // returned to the pool or dropped: either way not ours any more
            }
        }
    }

    private static String cause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return m.replaceAll("[\\r\\n]+", " ");
    }

    @Override
    public Lane open(Lane.Place place) {
        return new SqlLane(place, this);
    }

    @Override
    public java.util.List<String> parts() {
        return plan.parts();
    }

    @Override
    public ConnectStats connects() {
        return connects;
    }

    @Override
    public String targetNote() {
        return " (pool " + plan.target().poolSize() + ")";
    }

    @Override
    public Throwable call(long seq, long intendedNanos, long startNanos, LoadRecorder.Writer[] parts) {
        SqlCall call = SqlCall.run(plan, pool, seq);
        if (parts != null) {
            call.record(parts, intendedNanos, startNanos, plan.timeoutNanos());
        }
        return call.failure;
    }

    @Override
    public void call() {
        throw new UnsupportedOperationException("an sql target is called with its operation's index");
    }

    @Override
    public void tearDown() {
        if (threads != null) {
            threads.shutdownNow();
        }
        if (pool != null) {
            pool.close();
        }
    }

    @Override
    public String toString() {
        return plan.target().describe();
    }
}
