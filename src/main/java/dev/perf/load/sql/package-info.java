/**
 * The sql target: a statement or a transaction per operation over JDBC, on a HikariCP pool filled before the
 * measurement; the blocking calls run on threads of their own and are recorded on perf's event loops, with the
 * connection's acquisition, each statement and the commit as parts of their own and failures counted by SQL
 * state. May import {@code result}, {@code suite}, {@code load.template}, {@code load.drive}, {@code
 * load.record} and the {@code Workload} API.
 */
package dev.perf.load.sql;
