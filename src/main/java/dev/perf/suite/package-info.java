/**
 * The suite file {@code perf.yaml}: its records, profiles and the loader that validates it with messages
 * that name the line. May import {@code result}.
 */
package dev.perf.suite;
