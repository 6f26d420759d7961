package dev.perf.host;

import dev.perf.result.MonitoredProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import oshi.software.os.InternetProtocolStats;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * One process a load loop watches: found once when the loop starts, then sampled each second until it
 * exits. A process that cannot be found, or that exits, is noted rather than failing the run. One thread at a
 * time.
 */
final class WatchedProcess {
    private final MonitorTarget target;
    private final long pid;
    private final String command;
    private final ProcessReader reader;
    private final HsPerfData heap;
    private final List<MonitoredProcess.Sample> samples = new ArrayList<>();
    private String note;

    WatchedProcess(Supplier<OperatingSystem> os, MonitorTarget target) {
        this.target = target;
        OSProcess found = null;
        try {
            found = find(os.get(), target);
        } catch (NotFound e) {
            note = "not found: " + e.getMessage() + "; not sampled";
        } catch (RuntimeException e) {
            note = "not found: the process list is unreadable here (" + e.getMessage() + "); not sampled";
        }
        if (found == null && note == null) {
            note = "not found: no such process; not sampled";
        }
        this.pid = found == null ? -1 : found.getProcessID();
        this.command = found == null ? null : found.getName();
        this.reader = found == null ? null : ProcessReader.of(os, (int) pid);
        this.heap = found == null ? null : HsPerfData.open(pid);
    }

    private static final class NotFound extends Exception {
        private static final long serialVersionUID = 1L;

        NotFound(String why) {
            super(why, null, false, false);
        }
    }

    private static OSProcess find(OperatingSystem os, MonitorTarget t) throws NotFound {
        if (t.pid() != null) {
            return os.getProcess(t.pid().intValue());
        }
        if (t.process() != null) {
            Pattern name = Pattern.compile(t.process());
            return os.getProcesses().stream()
                    .filter(p -> name.matcher(p.getName()).find() && p.getProcessID() != os.getProcessId())
                    .findFirst()
                    .orElseThrow(() -> new NotFound("no process is named like '" + t.process() + "'"));
        }
        if (t.pidFile() != null) {
            String text;
            try {
                text = new String(Files.readAllBytes(t.pidFile()), StandardCharsets.US_ASCII).strip();
            } catch (IOException e) {
                throw new NotFound(
                        "cannot read " + t.pidFile() + " (" + e.getClass().getSimpleName() + ")");
            }
            if (!text.matches("[1-9][0-9]{0,9}")) {
                throw new NotFound(t.pidFile() + " holds no pid");
            }
            OSProcess p = os.getProcess(Integer.parseInt(text));
            if (p == null) {
                throw new NotFound("no process has the pid " + text + " that " + t.pidFile() + " holds");
            }
            return p;
        }
        for (InternetProtocolStats.IPConnection c :
                os.getInternetProtocolStats().getConnections()) {
            if (c.getType().startsWith("tcp")
                    && c.getState() == InternetProtocolStats.TcpState.LISTEN
                    && c.getLocalPort() == t.port()
                    && c.getowningProcessId() > 0) {
                return os.getProcess(c.getowningProcessId());
            }
        }
        throw new NotFound("no process of this user listens on TCP port " + t.port());
    }

    /** Its sample for {@code second}, or null when it is not (or no longer) there. */
    MonitoredProcess.Sample sample(long second) {
        if (reader == null || note != null) {
            return null;
        }
        ProcessSampler.Sample s = reader.read(second);
        if (s == null) {
            note = "exited during second " + second + " of the loop; sampled until then";
            return null;
        }
        MonitoredProcess.Sample out = new MonitoredProcess.Sample(
                second, s.cpuPercent(), s.rssBytes(), heap == null ? -1 : heap.heapUsedBytes());
        samples.add(out);
        return out;
    }

    /** Lets go of the files its reader holds open. */
    void close() {
        if (reader != null) {
            reader.close();
        }
    }

    /** Drops the samples taken so far (a throw-away first look). */
    void forgetSamples() {
        samples.clear();
    }

    /** What was seen, for the result. */
    MonitoredProcess result() {
        return new MonitoredProcess(target.label(), pid, command, note, samples, null);
    }

    /** Why it is not sampled, or null while it is. */
    String note() {
        return note;
    }

    String label() {
        return target.label();
    }
}
