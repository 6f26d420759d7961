package dev.perf.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bare HTTP/1.1 test server on 127.0.0.1: a thread per connection reads requests (each ends at an empty
 * line; no body) and lets a subclass answer them. Close it to stop it.
 */
abstract class LoopbackServer implements AutoCloseable {
    private final ServerSocket listener;
    private final AtomicInteger requests = new AtomicInteger();

    LoopbackServer() throws IOException {
        this.listener = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
    }

    /** Starts accepting connections. */
    final void startAccepting(String name) {
        Thread acceptor = new Thread(this::accept, name);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The port on 127.0.0.1. */
    public final int port() {
        return listener.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }

    /** Answers request {@code number} (1-based, over all connections); false closes the connection after it. */
    abstract boolean respond(Socket socket, OutputStream out, int number) throws IOException, InterruptedException;

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
            int matched = 0; // how much of CR LF CR LF has been seen
            int b;
            while ((b = in.read()) >= 0) {
                matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                        ? matched + 1
                        : 0;
                if (matched == 4) {
                    matched = 0;
                    if (!respond(socket, out, requests.incrementAndGet())) {
                        return;
                    }
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away
        }
    }
}
