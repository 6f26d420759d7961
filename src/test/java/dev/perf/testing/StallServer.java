package dev.perf.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicInteger;

/** A bare HTTP/1.1 test server on 127.0.0.1 that holds every response for 1 s once, from a given request on. */
public final class StallServer {
    private StallServer() {}

    /**
     * Starts the server: microseconds per response, so that what a test sees is the one stall, not the
     * server's own overhead; thread per connection; close the returned socket to stop it. From the {@code stallAt}-th request (counted
     * over all connections) on, every response is held until 1 s after that request arrived.
     */
    public static ServerSocket start(int stallAt) throws IOException {
        ServerSocket listener = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        AtomicInteger count = new AtomicInteger();
        java.util.concurrent.atomic.AtomicLong holdUntil = new java.util.concurrent.atomic.AtomicLong();
        Thread acceptor = new Thread(() -> {
            while (!listener.isClosed()) {
                try {
                    java.net.Socket socket = listener.accept();
                    socket.setTcpNoDelay(true);
                    Thread t = new Thread(() -> serve(socket, count, stallAt, holdUntil));
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        return listener;
    }

    private static void serve(
            java.net.Socket socket,
            AtomicInteger count,
            int stallAt,
            java.util.concurrent.atomic.AtomicLong holdUntil) {
        byte[] response =
                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (socket;
                java.io.InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
                OutputStream out = socket.getOutputStream()) {
            int matched = 0;
            int b;
            while ((b = in.read()) >= 0) {
                matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                        ? matched + 1
                        : 0;
                if (matched == 4) {
                    matched = 0;
                    if (count.incrementAndGet() == stallAt) {
                        holdUntil.set(System.nanoTime() + 1_000_000_000L);
                    }
                    long wait = holdUntil.get() - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    out.write(response);
                    out.flush();
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away
        }
    }
}
