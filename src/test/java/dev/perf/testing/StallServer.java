package dev.perf.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bare HTTP/1.1 test server on 127.0.0.1 that holds every response for 1 s once, from a given request on:
 * microseconds per response, so that what a test sees is the one stall, not the server's own overhead; a
 * thread per connection. It records when the hold ended and when the last request due during the hold was
 * answered, so a test can tell the hold from the time the machine took to drain the queue behind it. Close it
 * to stop it.
 */
public final class StallServer implements AutoCloseable {
    private static final byte[] RESPONSE =
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket listener;
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicLong holdUntil = new AtomicLong();
    private final AtomicLong backlogWritten = new AtomicLong();
    private final int stallAt;
    private final int backlogEnd;

    private StallServer(int stallAt, int backlogEnd) throws IOException {
        this.stallAt = stallAt;
        this.backlogEnd = backlogEnd;
        this.listener = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
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
        Thread acceptor = new Thread(server::accept);
        acceptor.setDaemon(true);
        acceptor.start();
        return server;
    }

    /** The port on 127.0.0.1. */
    public int port() {
        return listener.getLocalPort();
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

    @Override
    public void close() throws IOException {
        listener.close();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                socket.setTcpNoDelay(true);
                Thread t = new Thread(() -> serve(socket));
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket;
                InputStream in = new BufferedInputStream(socket.getInputStream());
                OutputStream out = socket.getOutputStream()) {
            int matched = 0;
            int b;
            while ((b = in.read()) >= 0) {
                matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                        ? matched + 1
                        : 0;
                if (matched == 4) {
                    matched = 0;
                    int number = count.incrementAndGet();
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
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away
        }
    }
}
