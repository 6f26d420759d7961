/**
 * The texts a target sends, compiled once: placeholders ({@code ${seq}}, {@code ${random(a,b)}}, {@code
 * ${uuid}}, {@code ${data.NAME.COLUMN}}, {@code ${env.NAME}}, a scenario's {@code ${VAR}}) drawn from the
 * operation's index and the suite's seed, and the {@code data:} files they read. Every protocol (http, sql, …)
 * writes its requests from these. May import {@code load.schedule}, {@code result} and {@code suite}.
 */
package dev.perf.load.template;
