package dev.perf.cli;

import java.io.Console;
import java.lang.reflect.Method;

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
}
