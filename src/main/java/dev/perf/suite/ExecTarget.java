package dev.perf.suite;

import java.util.List;

/**
 * A command run to completion for every operation (wall time measured; non-zero exit is an error).
 *
 * @param command the program and its arguments, e.g. {@code [./bin/tool, --flag]}
 */
public record ExecTarget(List<String> command) {
    public ExecTarget {
        if (command == null || command.isEmpty()) {
            throw new IllegalArgumentException("exec.command is required: the program and its arguments");
        }
        command = List.copyOf(command);
    }
}
