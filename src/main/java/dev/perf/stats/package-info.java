/**
 * Statistics: exact rank tests, interval estimates, change points and multiple-testing adjustment, on plain
 * arrays. Depends on nothing of perf (only the JDK and Commons Math).
 */
package dev.perf.stats;
