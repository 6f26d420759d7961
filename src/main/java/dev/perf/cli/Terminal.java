package dev.perf.cli;

import java.io.Console;
import java.lang.reflect.Method;
import java.util.Map;

/** Whether perf talks to a person at a terminal (bars and colours) or to a pipe or file (plain lines). */
final class Terminal {
    private Terminal() {}

    /**
     * True when stdin/stdout are a terminal. {@code System.console()} alone is not enough: from JDK 22 it
     * returns a console even when output is redirected, and only {@code Console.isTerminal()} (JDK 22+) tells.
     */
    @SuppressWarnings("SystemConsoleNull") // null on JDK 17-21; isTerminal() below covers JDK 22+
    static boolean attached() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // JDK 17-21: a non-null console is a terminal
        } catch (ReflectiveOperationException | ClassCastException e) {
            return false;
        }
    }

    /** Whether output may be coloured: a terminal, and no {@code NO_COLOR} set to a value (no-color.org). */
    static boolean colour(Map<String, String> environment) {
        return colour(environment, attached());
    }

    /** {@link #colour(Map)} for a known answer to whether a terminal is attached. */
    static boolean colour(Map<String, String> environment, boolean attached) {
        String noColor = environment.get("NO_COLOR");
        return attached && (noColor == null || noColor.isEmpty());
    }
}
