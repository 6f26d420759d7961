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

/**
 * A raw HTTP test server on 127.0.0.1 that misbehaves in one chosen way for every request, to check what
 * the load generator counts and how fast it gives up. A thread per connection; close it to stop it.
 */
public final class FaultServer implements AutoCloseable {
    /** How every response goes wrong (or, for the first ones, right in an unusual way). */
    public enum Mode {
        /** A plain, correct response. */
        OK,
        /** A correct response sent a few bytes at a time, 2 ms apart. */
        DRIBBLE,
        /** "Connection: close" and a close after every response (the client must reconnect, never fail). */
        CLOSE_EACH,
        /** HTTP/1.0: no Content-Length, the body ends when the connection closes. */
        HTTP10,
        /** One in five responses is a 503. */
        BURST_5XX,
        /** The response starts, then the connection is reset (RST) in the middle of the body. */
        RESET,
        /** An invalid status line. */
        BAD_STATUS,
        /** Content-Length: abc. */
        BAD_CONTENT_LENGTH,
        /** A chunked body whose chunk size is not hexadecimal. */
        BAD_CHUNK,
        /** 200 KiB of headers. */
        HUGE_HEADERS,
        /** A 4 MiB body (legal: read and discarded). */
        BIG_BODY
    }

    private static final byte[] OK =
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket listener;
    private final Mode mode;
    private final AtomicInteger requests = new AtomicInteger();

    private FaultServer(Mode mode) throws IOException {
        this.mode = mode;
        this.listener = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
    }

    /** Starts a server answering every request in {@code mode}. */
    public static FaultServer start(Mode mode) throws IOException {
        FaultServer server = new FaultServer(mode);
        Thread acceptor = new Thread(server::accept, "fault-server");
        acceptor.setDaemon(true);
        acceptor.start();
        return server;
    }

    /** The port on 127.0.0.1. */
    public int port() {
        return listener.getLocalPort();
    }

    /** Requests received. */
    public int requests() {
        return requests.get();
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
                    if (!respond(socket, out, requests.incrementAndGet())) {
                        return;
                    }
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away
        }
    }

    /** Writes one response; false when the connection is to be closed after it. */
    private boolean respond(Socket socket, OutputStream out, int number) throws IOException, InterruptedException {
        switch (mode) {
            case OK -> out.write(OK);
            case DRIBBLE -> {
                for (int i = 0; i < OK.length; i += 8) {
                    out.write(OK, i, Math.min(8, OK.length - i));
                    out.flush();
                    Thread.sleep(2);
                }
            }
            case CLOSE_EACH -> {
                out.write(ascii("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok"));
                out.flush();
                return false;
            }
            case HTTP10 -> {
                out.write(ascii("HTTP/1.0 200 OK\r\n\r\nhello"));
                out.flush();
                return false;
            }
            case BURST_5XX -> out.write(
                    number % 5 == 0 ? ascii("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n") : OK);
            case RESET -> {
                out.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\npartial"));
                out.flush();
                socket.setSoLinger(true, 0); // close sends RST
                return false;
            }
            case BAD_STATUS -> out.write(ascii("HTTP/1.1 2x0 OK\r\nContent-Length: 2\r\n\r\nok"));
            case BAD_CONTENT_LENGTH -> out.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\nok"));
            case BAD_CHUNK -> out.write(
                    ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nok\r\n0\r\n\r\n"));
            case HUGE_HEADERS -> {
                out.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-Big: "));
                out.write(ascii("a".repeat(200 * 1024)));
                out.write(ascii("\r\n\r\nok"));
            }
            case BIG_BODY -> {
                int size = 4 << 20;
                out.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: " + size + "\r\n\r\n"));
                byte[] block = new byte[64 * 1024];
                for (int sent = 0; sent < size; sent += block.length) {
                    out.write(block);
                }
            }
        }
        out.flush();
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
