package dev.perf.profile;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import dev.perf.result.PerfException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Talks to a running JVM from inside perf's own JVM through the attach API — a few milliseconds a command,
 * where starting {@code jcmd} costs most of a second (which made a 5 s recording last 8.5 s): lists attachable
 * JVMs, loads async-profiler's agent and runs diagnostic commands ({@code JFR.start}, {@code JFR.dump}, {@code
 * JFR.stop}). Diagnostic commands go through HotSpot's attach class, which the jar's manifest exports to perf
 * ({@code Add-Exports}); run otherwise, they fall back to the {@code jcmd} tool.
 */
final class Attach {
    private Attach() {}

    /** Whether {@code pid} is a JVM of this user that perf can attach to. Never attaches. */
    static boolean listed(long pid) {
        String id = Long.toString(pid);
        for (VirtualMachineDescriptor d : VirtualMachine.list()) {
            if (d.id().equals(id)) {
                return true;
            }
        }
        return false;
    }

    /** Loads async-profiler's agent {@code library} into {@code pid} with {@code options}. */
    static void loadAgent(long pid, Path library, String options) {
        VirtualMachine vm = attach(pid);
        try {
            vm.loadAgentPath(library.toString(), options);
        } catch (AgentLoadException | AgentInitializationException | IOException e) {
            throw PerfException.badInput("async-profiler in pid " + pid + " refused '" + options + "': "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } finally {
            detach(vm);
        }
    }

    /** Runs the diagnostic command {@code command} (e.g. {@code JFR.stop name=x}) in {@code pid}; its output. */
    static String jcmd(long pid, String command) {
        Method execute = executeJCmd();
        String name = command.substring(0, command.indexOf(' ') < 0 ? command.length() : command.indexOf(' '));
        if (execute == null) {
            return Jcmd.send(pid, command.split(" ", -1));
        }
        VirtualMachine vm = attach(pid);
        try (InputStream in = (InputStream) execute.invoke(vm, command)) {
            String out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (out.contains("Exception") || out.contains("Could not") || out.contains("error")) {
                throw PerfException.badInput("jcmd " + pid + " " + name + " failed: "
                        + out.strip().lines().findFirst().orElse(""));
            }
            return out;
        } catch (ReflectiveOperationException | IOException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw PerfException.badInput("jcmd " + pid + " " + name + " failed: " + cause.getMessage());
        } finally {
            detach(vm);
        }
    }

    /** HotSpot's {@code executeJCmd}, when its package is exported to perf; null otherwise. */
    private static Method executeJCmd() {
        try {
            Class<?> hotspot = Class.forName("sun.tools.attach.HotSpotVirtualMachine");
            if (!hotspot.getModule().isExported("sun.tools.attach", Attach.class.getModule())) {
                return null;
            }
            return hotspot.getMethod("executeJCmd", String.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static VirtualMachine attach(long pid) {
        try {
            return VirtualMachine.attach(Long.toString(pid));
        } catch (AttachNotSupportedException | IOException e) {
            throw PerfException.badInput("cannot attach to pid " + pid + ": " + e.getMessage()
                    + " (is it a JVM of this user, started without -XX:+DisableAttachMechanism?)");
        }
    }

    private static void detach(VirtualMachine vm) {
        try {
            vm.detach();
        } catch (IOException e) {
            // detached already, or the JVM exited: nothing to keep
        }
    }
}
