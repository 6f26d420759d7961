package dev.perf.host;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The JDK's built-in HTTP server as perf uses it (the demo server, the live-metrics endpoint): with
 * TCP_NODELAY. The JDK server writes headers and body separately, so without it every response waits for the
 * client's delayed ACK (~40 ms); the setting is read once per JVM, when the first server's configuration
 * loads, so every server perf creates goes through here.
 */
public final class JdkHttpServers {
    private JdkHttpServers() {}

    /** A new (unstarted) server bound to {@code address}. */
    public static HttpServer create(InetSocketAddress address, int backlog) throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        return HttpServer.create(address, backlog);
    }
}
