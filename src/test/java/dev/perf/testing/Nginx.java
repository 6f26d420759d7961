package dev.perf.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx (.ci/run installs nginx-light), started by a test on 127.0.0.1 as a TLS front that speaks
 * HTTP/2 (and HTTP/1.1, as ALPN decides) and proxies to an application over HTTP/1.1 keep-alive — the way a
 * service usually meets browsers. One process (no master, no daemon), its files in the test's directory,
 * stopped by its PID.
 */
public final class Nginx implements AutoCloseable {
    /** Where Debian installs it. */
    public static final Path BINARY = Path.of("/usr/sbin/nginx");

    private final Process process;
    private final int port;
    private final Path dir;

    private Nginx(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** Whether nginx is installed here. */
    public static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /**
     * Starts nginx in {@code dir} with the certificate {@code cert} and key {@code key}, proxying everything to
     * {@code upstream} ({@code host:port}); returns once it accepts connections.
     */
    public static Nginx start(Path dir, String upstream, Path cert, Path key) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path config = dir.resolve("nginx.conf");
        String d = dir.toAbsolutePath().toString();
        Files.writeString(
                config,
                """
                daemon off;
                master_process off;
                worker_processes 1;
                pid DIR/nginx.pid;
                error_log DIR/error.log warn;
                events { worker_connections 1024; }
                http {
                  log_format connections '$connection $server_protocol $request_method $uri $status';
                  access_log DIR/access.log connections;
                  client_body_temp_path DIR/body;
                  proxy_temp_path DIR/proxy;
                  fastcgi_temp_path DIR/fastcgi;
                  uwsgi_temp_path DIR/uwsgi;
                  scgi_temp_path DIR/scgi;
                  keepalive_requests 100000;
                  upstream app { server UPSTREAM; keepalive 64; }
                  server {
                    listen 127.0.0.1:PORT ssl http2;
                    ssl_certificate CERT;
                    ssl_certificate_key KEY;
                    location / {
                      proxy_pass http://app;
                      proxy_http_version 1.1;
                      proxy_set_header Connection "";
                    }
                  }
                }
                """
                        .replace("DIR", d)
                        .replace("UPSTREAM", upstream)
                        .replace("PORT", Integer.toString(port))
                        .replace("CERT", cert.toAbsolutePath().toString())
                        .replace("KEY", key.toAbsolutePath().toString()));
        Path log = dir.resolve("nginx.out");
        Process p = new ProcessBuilder(
                        List.of(BINARY.toString(), "-p", d + "/", "-e", d + "/error.log", "-c", config.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Nginx nginx = new Nginx(p, port, dir);
        for (int i = 0; i < 100 && p.isAlive(); i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return nginx;
            } catch (IOException starting) {
                Thread.sleep(50);
            }
        }
        nginx.close();
        throw new AssertionError("nginx did not start: " + Files.readString(log) + nginx.errors());
    }

    public int port() {
        return port;
    }

    /** The requests nginx logged, one line each, with their protocol ({@code HTTP/2.0} for h2). */
    public List<String> accessLog() throws IOException {
        Path log = dir.resolve("access.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    /** What nginx wrote to its error log. */
    public String errors() throws IOException {
        Path log = dir.resolve("error.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
