package dev.perf.load.sql;

import dev.perf.load.template.DataTable;
import dev.perf.load.template.Template;
import dev.perf.load.template.Templates;
import dev.perf.result.PerfException;
import dev.perf.suite.DataFile;
import dev.perf.suite.Placeholders;
import dev.perf.suite.SqlTarget;
import java.math.BigDecimal;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.UnaryOperator;

/**
 * An sql target resolved before anything runs: its url, user and password read from the environment, each
 * statement's parameters compiled into templates with their JDBC types, so that bad input (a data file, an
 * unset variable) is reported before the first connection. Immutable.
 *
 * @param where the loop, for messages
 * @param target the suite's entry
 * @param url the JDBC URL, {@code ${env}} read
 * @param user the user, or null
 * @param password the password, or null; never written anywhere
 * @param statements the operation's statements, in order
 * @param transaction whether they run in one transaction, committed at the end
 * @param timeoutNanos how long an operation may take: the pool's acquisition timeout, each statement's query
 *     timeout
 * @param driver the driver that accepts the url: perf's, one of {@code --classpath} or of {@code sql.driver}'s jar
 */
public record SqlPlan(
        String where,
        SqlTarget target,
        String url,
        String user,
        String password,
        List<Statement> statements,
        boolean transaction,
        long timeoutNanos,
        Driver driver) {

    /**
     * One statement compiled.
     *
     * @param name its part's name
     * @param sql the SQL
     * @param params its parameters' templates, in order
     * @param binds how each parameter is bound
     */
    public record Statement(String name, String sql, List<Template> params, List<Bind> binds) {}

    /** How a parameter's text is bound: as the JDBC type it names. */
    public enum Bind {
        INTEGER,
        BIGINT,
        VARCHAR,
        NUMERIC,
        DOUBLE,
        BOOLEAN,
        UUID,
        /** Sent untyped, for the server to infer (PostgreSQL: an enum, a date, a JSON value). */
        OTHER;

        /** Binds {@code text} to parameter {@code i}; a text that is not of this type is an IllegalArgumentException. */
        void bind(PreparedStatement ps, int i, String text) throws SQLException {
            try {
                switch (this) {
                    case INTEGER -> ps.setInt(i, Integer.parseInt(text.strip()));
                    case BIGINT -> ps.setLong(i, Long.parseLong(text.strip()));
                    case NUMERIC -> ps.setBigDecimal(i, new BigDecimal(text.strip()));
                    case DOUBLE -> ps.setDouble(i, Double.parseDouble(text.strip()));
                    case BOOLEAN -> ps.setBoolean(i, bool(text.strip()));
                    case UUID -> ps.setObject(i, java.util.UUID.fromString(text.strip()));
                    case OTHER -> ps.setObject(i, text, Types.OTHER);
                    default -> ps.setString(i, text);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not " + (this == INTEGER ? "an " : "a ") + this);
            }
        }

        private static boolean bool(String text) {
            if (text.equalsIgnoreCase("true") || text.equals("1")) {
                return true;
            }
            if (text.equalsIgnoreCase("false") || text.equals("0")) {
                return false;
            }
            throw new NumberFormatException(text);
        }
    }

    public SqlPlan {
        statements = List.copyOf(statements);
    }

    /** Resolves {@code target}; {@code where} names the loop in bad input; data files are read from {@code baseDir}. */
    public static SqlPlan of(
            String where,
            SqlTarget target,
            Map<String, DataFile> data,
            Path baseDir,
            long seed,
            UnaryOperator<String> env,
            long timeoutNanos) {
        Map<String, DataTable> tables = Templates.read(where, data, baseDir, seed);
        Templates fixed = new Templates(where, Map.of(), env, List.of(), seed);
        Templates drawn = new Templates(where, tables, env, List.of(), seed);
        List<Statement> statements = new ArrayList<>();
        for (SqlTarget.Statement s : target.statements()) {
            String key = target.statement() != null ? "sql" : "sql.transaction." + s.name();
            List<Template> params = new ArrayList<>();
            List<Bind> binds = new ArrayList<>();
            for (int i = 0; i < s.params().size(); i++) {
                String text = s.params().get(i);
                params.add(drawn.compile(key + ".params[" + i + "]", text, Template.Place.BODY));
                binds.add(
                        s.types().isEmpty()
                                ? inferred(text, key + ".params[" + i + "]")
                                : Bind.valueOf(s.types().get(i).toUpperCase(Locale.ROOT)));
            }
            statements.add(new Statement(s.name(), s.statement(), params, binds));
        }
        String url = constant(fixed, "sql.url", target.url());
        if (!url.startsWith("jdbc:")) {
            throw PerfException.badInput(where + ": sql.url must be a JDBC URL, e.g."
                    + " jdbc:postgresql://127.0.0.1:5432/shop (" + target.url() + " is '" + SqlTarget.shownUrl(url)
                    + "')");
        }
        return new SqlPlan(
                where,
                target,
                url,
                constant(fixed, "sql.user", target.user()),
                constant(fixed, "sql.password", target.password()),
                statements,
                target.statement() == null,
                timeoutNanos,
                target.driver() == null ? bundled(where, url) : driver(where, target, url, baseDir));
    }

    /**
     * The driver that accepts {@code url} among perf's (PostgreSQL's) and those of {@code --classpath} (the
     * planning thread's context class loader); bad input saying what to do when none does.
     */
    private static Driver bundled(String where, String url) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            for (Driver d :
                    ServiceLoader.load(Driver.class, loader == null ? SqlPlan.class.getClassLoader() : loader)) {
                if (d.acceptsURL(url)) {
                    return d;
                }
            }
        } catch (SQLException | java.util.ServiceConfigurationError e) {
            throw PerfException.badInput(where + ": cannot load the JDBC drivers: " + e.getMessage());
        }
        throw PerfException.badInput(where + ": no JDBC driver accepts " + SqlTarget.shownUrl(url) + "; perf bundles"
                + " PostgreSQL's (jdbc:postgresql://…): give another database's driver jar as sql.driver: FILE or"
                + " with --classpath JAR");
    }

    /**
     * The driver in {@code target}'s jar: its {@code driverClass}, or the one of the jar's drivers that accepts
     * {@code url}; bad input naming the jar when there is none.
     */
    private static Driver driver(String where, SqlTarget target, String url, Path baseDir) {
        Path jar = baseDir.resolve(target.driver());
        if (!Files.isRegularFile(jar)) {
            throw PerfException.badInput(where + ": sql.driver " + target.driver() + " does not exist"
                    + (jar.toString().equals(target.driver()) ? "" : " (looked for " + jar + ")"));
        }
        try {
            URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, SqlPlan.class.getClassLoader());
            if (target.driverClass() != null) {
                return Class.forName(target.driverClass(), true, loader)
                        .asSubclass(Driver.class)
                        .getConstructor()
                        .newInstance();
            }
            for (Driver d : ServiceLoader.load(Driver.class, loader)) {
                if (d.acceptsURL(url) && d.getClass().getClassLoader() == loader) {
                    return d;
                }
            }
        } catch (ReflectiveOperationException
                | ClassCastException
                | LinkageError
                | SQLException
                | java.io.IOException
                | java.util.ServiceConfigurationError e) {
            throw PerfException.badInput(where + ": cannot load the JDBC driver "
                    + (target.driverClass() == null ? "" : target.driverClass() + " ") + "from " + target.driver()
                    + ": " + e);
        }
        throw PerfException.badInput(where + ": no JDBC driver in " + target.driver() + " accepts "
                + SqlTarget.shownUrl(url) + "; give sql.driverClass");
    }

    /** The URL as messages show it: without its query, where a driver may be given a password. */
    public String shownUrl() {
        return SqlTarget.shownUrl(url);
    }

    /** The parts an operation records: acquire, each statement, and a transaction's commit. */
    public List<String> parts() {
        return target.partNames();
    }

    /** How many parts an operation records, without building their names (it is asked once per operation). */
    int partCount() {
        return 1 + statements.size() + (transaction ? 1 : 0);
    }

    private static String constant(Templates t, String key, String text) {
        return text == null ? null : t.compile(key, text, Template.Place.BODY).render(0);
    }

    /** How a parameter without {@code types:} is bound: a whole number drawn as a BIGINT, a UUID as a UUID. */
    static Bind inferred(String text, String key) {
        List<Placeholders.Part> parts = Placeholders.parse(text, key);
        if (parts.size() == 1) {
            Placeholders.Part p = parts.get(0);
            if (p instanceof Placeholders.Seq || p instanceof Placeholders.Random) {
                return Bind.BIGINT;
            }
            if (p instanceof Placeholders.Uuid) {
                return Bind.UUID;
            }
        }
        return Bind.VARCHAR;
    }
}
