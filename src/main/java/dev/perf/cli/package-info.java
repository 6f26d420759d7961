/**
 * The command line: picocli commands that turn flags into a request and call one capability, the exit-code
 * table and terminal detection. Nothing imports {@code cli}.
 */
package dev.perf.cli;
