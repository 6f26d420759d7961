package dev.perf.suite;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A database called over JDBC through a connection pool: one operation is one {@code statement}, or one {@code
 * transaction} of several, on a connection taken from the pool. Parameters ({@code ?}) are bound from {@link
 * Placeholders} drawn from the operation's index, as an http request's are. The url, user and password may read
 * {@code ${env.NAME}} and nothing else; the password is never written to a result.
 *
 * @param url a JDBC URL, e.g. {@code jdbc:postgresql://127.0.0.1:5432/shop}
 * @param user the user, e.g. {@code ${env.PGUSER}}
 * @param password the password, e.g. {@code ${env.PGPASSWORD}}
 * @param pool the pool's connections, opened before the measurement; default 8
 * @param statement the one statement of an operation (or {@code transaction})
 * @param params what {@code statement}'s {@code ?} are bound to, in order
 * @param types the JDBC type of each parameter ({@code INTEGER}, {@code BIGINT}, {@code VARCHAR}, {@code
 *     NUMERIC}, {@code DOUBLE}, {@code BOOLEAN}, {@code UUID}, {@code OTHER}); by default a parameter that is
 *     exactly {@code ${seq}} or {@code ${random(a,b)}} is a BIGINT, exactly {@code ${uuid}} a UUID, any other text
 *     a VARCHAR
 * @param transaction the statements of an operation, run in one transaction and committed (or {@code statement})
 * @param fetch {@code all} (default: every row of a query read), {@code first} (the first row) or {@code none}
 * @param properties the driver's connection properties by name
 * @param driver a jar with the JDBC driver, relative to the suite (PostgreSQL's is bundled)
 * @param driverClass the driver's class in {@code driver}; default the one of its drivers that accepts the url
 */
public record SqlTarget(
        String url,
        String user,
        String password,
        Integer pool,
        String statement,
        List<String> params,
        List<String> types,
        List<Statement> transaction,
        String fetch,
        Map<String, String> properties,
        String driver,
        String driverClass) {

    /** The parameter types a {@code types:} entry may name. */
    public static final List<String> TYPES =
            List.of("INTEGER", "BIGINT", "VARCHAR", "NUMERIC", "DOUBLE", "BOOLEAN", "UUID", "OTHER");

    /** The part names perf gives an operation's connection acquisition and commit. */
    public static final String ACQUIRE = "acquire";

    public static final String COMMIT = "commit";

    /** The part name of a single {@code statement}. */
    public static final String QUERY = "query";

    /**
     * One statement of a transaction.
     *
     * @param name its name in results and SLOs ({@code steps.NAME.p99})
     * @param statement the SQL, with {@code ?} for parameters
     * @param params what its {@code ?} are bound to
     * @param types the JDBC type of each parameter, as a target's {@code types}
     */
    public record Statement(String name, String statement, List<String> params, List<String> types) {
        public Statement {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("sql.transaction: every statement needs a name, e.g. name: debit");
            }
            if (name.equals(ACQUIRE) || name.equals(COMMIT) || name.contains("/")) {
                throw new IllegalArgumentException("sql.transaction: a statement may not be named '" + name
                        + "' (acquire and commit are perf's own parts; a name has no '/')");
            }
            params = params == null ? List.of() : List.copyOf(params);
            types = types == null ? List.of() : List.copyOf(types);
            checkStatement("sql.transaction." + name, statement, params, types);
        }
    }

    public SqlTarget {
        if (url == null || url.isBlank() || !(url.startsWith("jdbc:") || url.startsWith("${env."))) {
            throw new IllegalArgumentException("sql.url must be a JDBC URL, e.g. jdbc:postgresql://127.0.0.1:5432/shop"
                    + (url == null || url.isBlank() ? "" : " (got '" + shownUrl(url) + "')"));
        }
        for (String[] kv : new String[][] {{"url", url}, {"user", user}, {"password", password}}) {
            onlyEnv("sql." + kv[0], kv[1]);
        }
        if (pool != null && (pool < 1 || pool > 1000)) {
            throw new IllegalArgumentException("sql.pool must be between 1 and 1000 connections (got " + pool + ")");
        }
        if ((statement == null) == (transaction == null || transaction.isEmpty())) {
            throw new IllegalArgumentException("sql needs exactly one of statement: \"SELECT ...\" and transaction:"
                    + " [ { name: ..., statement: ... }, ... ]");
        }
        params = params == null ? List.of() : List.copyOf(params);
        types = types == null ? List.of() : List.copyOf(types);
        if (statement != null) {
            checkStatement("sql.statement", statement, params, types);
        } else if (!params.isEmpty() || !types.isEmpty()) {
            throw new IllegalArgumentException("sql: params and types belong to each statement of a transaction");
        }
        transaction = transaction == null ? List.of() : List.copyOf(transaction);
        Set<String> names = new HashSet<>();
        for (Statement s : transaction) {
            if (!names.add(s.name())) {
                throw new IllegalArgumentException("sql.transaction: two statements are named '" + s.name() + "'");
            }
        }
        if (fetch != null && !List.of("all", "first", "none").contains(fetch)) {
            throw new IllegalArgumentException("sql.fetch must be all, first or none (got '" + fetch + "')");
        }
        properties = properties == null ? Map.of() : Map.copyOf(properties);
        if (driver != null && driver.isBlank()) {
            throw new IllegalArgumentException("sql.driver is empty: give the driver's jar, e.g. drivers/mysql.jar");
        }
        if (driverClass != null && driver == null) {
            throw new IllegalArgumentException("sql.driverClass needs sql.driver: the jar it is in");
        }
    }

    /** Whether the password is written in the suite's file itself instead of read from {@code ${env.NAME}}. */
    public boolean passwordWritten() {
        return password != null
                && !password.isEmpty()
                && Placeholders.parse(password, "sql.password").stream().noneMatch(Placeholders.Env.class::isInstance);
    }

    /** The pool's size. */
    public int poolSize() {
        return pool == null ? 8 : pool;
    }

    /** How much of a query's answer is read: {@code all}, {@code first} or {@code none}. */
    public String fetchMode() {
        return fetch == null ? "all" : fetch;
    }

    /** The statements of an operation: the one {@code statement} (named {@code query}) or the transaction's. */
    public List<Statement> statements() {
        return statement != null ? List.of(new Statement(QUERY, statement, params, types)) : transaction;
    }

    /** The parts an operation records on its own: the acquisition, each statement, and a transaction's commit. */
    public List<String> partNames() {
        List<String> out = new ArrayList<>();
        out.add(ACQUIRE);
        statements().forEach(s -> out.add(s.name()));
        if (statement == null) {
            out.add(COMMIT);
        }
        return out;
    }

    /** {@code sql:URL STATEMENT…}: the URL without its query (where drivers take credentials). */
    public String describe() {
        String what = statement != null
                ? oneLine(statement)
                : "transaction "
                        + String.join(
                                ",", transaction.stream().map(Statement::name).toList());
        return "sql:" + shownUrl(url) + " " + what;
    }

    /** A statement's description: {@code sql:STATEMENT} on one line, cut at 80 characters. */
    public static String describe(Statement s) {
        return "sql:" + oneLine(s.statement());
    }

    private static String oneLine(String sql) {
        String one = sql.strip().replaceAll("\\s+", " ");
        return one.length() <= 80 ? one : one.substring(0, 80) + "…";
    }

    /** {@code url} without its query or properties, where a driver may be given a password. */
    public static String shownUrl(String url) {
        int cut = url.length();
        for (char c : new char[] {'?', ';'}) {
            int at = url.indexOf(c);
            if (at >= 0) {
                cut = Math.min(cut, at);
            }
        }
        return url.substring(0, cut);
    }

    private static void onlyEnv(String key, String value) {
        if (value == null) {
            return;
        }
        for (Placeholders.Part p : Placeholders.parse(value, key)) {
            if (!(p instanceof Placeholders.Literal || p instanceof Placeholders.Env)) {
                throw new IllegalArgumentException(
                        key + " may read ${env.NAME} and nothing else; it is the same for every operation");
            }
        }
    }

    private static void checkStatement(String key, String sql, List<String> params, List<String> types) {
        if (sql == null || sql.isBlank()) {
            throw new IllegalArgumentException(key + " is empty; give the SQL, e.g. SELECT 1");
        }
        int marks = parameterMarks(sql);
        if (marks != params.size()) {
            throw new IllegalArgumentException(key + " has " + marks + " parameter" + (marks == 1 ? "" : "s")
                    + " (?) but " + params.size() + " value" + (params.size() == 1 ? "" : "s")
                    + " in params; give one value per ?");
        }
        if (!types.isEmpty() && types.size() != params.size()) {
            throw new IllegalArgumentException(key + ": types has " + types.size() + " entries for " + params.size()
                    + " params; give one type per parameter, or none");
        }
        for (String t : types) {
            if (t == null || !TYPES.contains(t.toUpperCase(Locale.ROOT))) {
                throw new IllegalArgumentException(
                        key + ": unknown parameter type '" + t + "'; use one of " + String.join(", ", TYPES));
            }
        }
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i) == null) {
                throw new IllegalArgumentException(key + ": params[" + i + "] is empty; give a value or a placeholder");
            }
            for (Placeholders.Part p : Placeholders.parse(params.get(i), key + ".params[" + i + "]")) {
                if (p instanceof Placeholders.Var v) {
                    throw new IllegalArgumentException(key + ".params[" + i + "]: unknown placeholder ${" + v.name()
                            + "}; use ${seq}, ${random(1,1000)}, ${uuid}, ${data.NAME.COLUMN} or ${env.NAME}");
                }
            }
        }
    }

    /**
     * The {@code ?} of {@code sql} that are parameters: not inside quotes ({@code '…'}, {@code "…"}), comments,
     * or PostgreSQL's {@code ??} and {@code ?|}/{@code ?&} JSON operators written as {@code ??}.
     */
    static int parameterMarks(String sql) {
        int n = 0;
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int end = sql.indexOf(c, i + 1);
                while (end >= 0 && end + 1 < sql.length() && sql.charAt(end + 1) == c) {
                    end = sql.indexOf(c, end + 2); // a doubled quote stands for itself
                }
                i = end < 0 ? sql.length() : end + 1;
            } else if (c == '-' && sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? sql.length() : end + 1;
            } else if (c == '/' && sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 2;
            } else if (c == '?' && sql.startsWith("??", i)) {
                i += 2; // an escaped question mark (pgjdbc): an operator, not a parameter
            } else {
                if (c == '?') {
                    n++;
                }
                i++;
            }
        }
        return n;
    }
}
