package dev.perf.load.record;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * How long a load loop's connections took to set up, apart from any request's latency: the TCP connect and
 * the TLS handshake, each from its start, over every connection the loop opened (before the measurement and
 * during it). Written on the event loops, read once at the end; connections are few next to requests.
 */
public final class ConnectStats {
    private final Histogram tcp = new Histogram(3);
    private final Histogram tls = new Histogram(3);
    private long opened;
    private long failed;
    private long retried;

    public synchronized void connected(long tcpNanos) {
        opened++;
        tcp.recordValue(Math.max(0, tcpNanos));
    }

    public synchronized void handshaken(long tlsNanos) {
        tls.recordValue(Math.max(0, tlsNanos));
    }

    public synchronized void failed() {
        failed++;
    }

    /** A request was sent again on a new connection: the server closed the reused one before answering it. */
    public synchronized void retried() {
        retried++;
    }

    /** What {@link #overall()} gives for several targets' connections together. */
    public static Map<String, Double> overall(java.util.List<ConnectStats> all) {
        ConnectStats sum = new ConnectStats();
        for (ConnectStats c : all) {
            synchronized (c) {
                sum.tcp.add(c.tcp);
                sum.tls.add(c.tls);
                sum.opened += c.opened;
                sum.failed += c.failed;
                sum.retried += c.retried;
            }
        }
        return sum.overall();
    }

    /**
     * {@code connect.p50}/{@code .p99} and {@code tlsHandshake.p50}/{@code .p99} in ms, {@code
     * connections.opened} and {@code connections.failed}, {@code connections.retried} when a request was sent
     * again; empty when no connection was tried.
     */
    public synchronized Map<String, Double> overall() {
        Map<String, Double> out = new LinkedHashMap<>();
        if (opened == 0 && failed == 0) {
            return out;
        }
        out.put("connections.opened", (double) opened);
        out.put("connections.failed", (double) failed);
        if (retried > 0) {
            out.put("connections.retried", (double) retried);
        }
        if (tcp.getTotalCount() > 0) {
            out.put("connect.p50", tcp.getValueAtPercentile(50) / 1e6);
            out.put("connect.p99", tcp.getValueAtPercentile(99) / 1e6);
        }
        if (tls.getTotalCount() > 0) {
            out.put("tlsHandshake.p50", tls.getValueAtPercentile(50) / 1e6);
            out.put("tlsHandshake.p99", tls.getValueAtPercentile(99) / 1e6);
        }
        return out;
    }
}
