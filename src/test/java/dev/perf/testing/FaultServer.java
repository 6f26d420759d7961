package dev.perf.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A raw HTTP test server on 127.0.0.1 that misbehaves in one chosen way for every request, to check what
 * the load generator counts and how fast it gives up. Close it to stop it.
 */
public final class FaultServer extends LoopbackServer {
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
        /** HTTP/1.0 with a Content-Length and no keep-alive: the server closes after it, without saying so. */
        HTTP10_LENGTH,
        /**
         * A kept-alive connection closed by the server when its second request arrives, before any byte of an
         * answer (an idle-timeout close racing a request): an idempotent request is sent again on a new one.
         */
        CLOSE_ON_REUSE,
        /** One in five responses is a 503. */
        BURST_5XX,
        /** One in five responses is a 503 with "Connection: close", and the connection is closed after it. */
        CLOSE_ON_ERRORS,
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
        BIG_BODY,
        /** Content-Length: 100, five bytes of body, then an orderly close (FIN). */
        TRUNCATED,
        /** Content-Length: -5. */
        NEGATIVE_LENGTH
    }

    private static final byte[] OK =
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII);

    private final Mode mode;
    /** The connections that have had one answer ({@link Mode#CLOSE_ON_REUSE}). */
    private final Set<Socket> answeredOnce = ConcurrentHashMap.newKeySet();

    private FaultServer(Mode mode) throws IOException {
        this.mode = mode;
    }

    /** Starts a server answering every request in {@code mode}. */
    public static FaultServer start(Mode mode) throws IOException {
        FaultServer server = new FaultServer(mode);
        server.startAccepting("fault-server");
        return server;
    }

    /** Writes one response; false when the connection is to be closed after it. */
    @Override
    boolean respond(Socket socket, OutputStream out, int number) throws IOException, InterruptedException {
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
            case HTTP10_LENGTH -> {
                out.write(ascii("HTTP/1.0 200 OK\r\nContent-Length: 5\r\n\r\nhello"));
                out.flush();
                return false;
            }
            case CLOSE_ON_REUSE -> {
                if (!answeredOnce.add(socket)) {
                    return false; // closed without an answer
                }
                out.write(OK);
            }
            case HTTP10 -> {
                out.write(ascii("HTTP/1.0 200 OK\r\n\r\nhello"));
                out.flush();
                return false;
            }
            case BURST_5XX -> out.write(
                    number % 5 == 0 ? ascii("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n") : OK);
            case CLOSE_ON_ERRORS -> {
                if (number % 5 == 0) {
                    out.write(ascii(
                            "HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"));
                    out.flush();
                    return false;
                }
                out.write(OK);
            }
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
            case TRUNCATED -> {
                out.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort"));
                out.flush();
                return false;
            }
            case NEGATIVE_LENGTH -> out.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\nok"));
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
