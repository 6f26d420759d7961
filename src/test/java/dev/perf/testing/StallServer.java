package dev.perf.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A bare HTTP/1.1 test server on 127.0.0.1 that holds every response for 1 s once, from a given request on:
 * microseconds per response, so that what a test sees is the one stall, not the server's own overhead. It records when the hold ended and when the last request due during the hold was
 * answered, so a test can tell the hold from the time the machine took to drain the queue behind it. Close it
 * to stop it.
 */
public final class StallServer extends LoopbackServer {
    private static final byte[] RESPONSE =
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII);

    private final AtomicLong holdUntil = new AtomicLong();
    private final AtomicLong backlogWritten = new AtomicLong();
    private final AtomicLongArray arrivals = new AtomicLongArray(4096);
    private final int stallAt;
    private final int backlogEnd;

    private StallServer(int stallAt, int backlogEnd) throws IOException {
        this.stallAt = stallAt;
        this.backlogEnd = backlogEnd;
    }

    /**
     * Starts the server. From the {@code stallAt}-th request (counted over all connections) on, every response
     * is held until 1 s after that request arrived; {@link Integer#MAX_VALUE} never stalls.
     */
    public static StallServer start(int stallAt) throws IOException {
        return start(stallAt, Integer.MAX_VALUE);
    }

    /**
     * Starts the server as {@link #start(int)} does, and notes when the response to request number {@code
     * backlogEnd} is written: the last request that was due during the hold, so {@link #drainSeconds()} says
     * how long the queue behind the hold took to clear.
     */
    public static StallServer start(int stallAt, int backlogEnd) throws IOException {
        StallServer server = new StallServer(stallAt, backlogEnd);
        server.startAccepting("stall-server");
        return server;
    }

    /**
     * How long after the hold ended the response to request {@code backlogEnd} was written, in seconds: the
     * time this machine took to clear the queue behind the hold (0 when that request has not been answered).
     */
    public double drainSeconds() {
        long release = holdUntil.get();
        long written = backlogWritten.get();
        return release == 0 || written == 0 ? 0 : Math.max(0, written - release) / 1e9;
    }

    /**
     * How much later than the schedule the request that started the hold arrived, in seconds, compared with the
     * most punctual of the 100 requests before it, sent one every {@code periodSeconds}: a busy machine that
     * delays that request (the client's dispatch, this server's read) starts the whole hold that much later, so
     * every held request waits that much longer than the analytic value says.
     */
    public double stallLateSeconds(double periodSeconds) {
        long stall = stallAt < arrivals.length() ? arrivals.get(stallAt) : 0;
        double late = 0;
        for (int j = Math.max(1, stallAt - 100); stall != 0 && j < stallAt; j++) {
            long earlier = arrivals.get(j);
            if (earlier != 0) {
                late = Math.max(late, (stall - earlier) / 1e9 - (stallAt - j) * periodSeconds);
            }
        }
        return late;
    }

    @Override
    boolean respond(Socket socket, OutputStream out, int number) throws IOException, InterruptedException {
        if (number < arrivals.length()) {
            arrivals.set(number, System.nanoTime());
        }
        if (number == stallAt) {
            holdUntil.set(System.nanoTime() + 1_000_000_000L);
        }
        long wait = holdUntil.get() - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        out.write(RESPONSE);
        out.flush();
        if (number == backlogEnd) {
            backlogWritten.set(System.nanoTime());
        }
        return true;
    }
}
