package dev.perf.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real RabbitMQ broker for tests: Debian's {@code rabbitmq-server} ({@code .ci/run} installs it) run as this
 * user from a temporary directory that holds its node's data, logs, configuration and Erlang cookie, listening on
 * 127.0.0.1 at a free port with no plugins; stopped with {@code rabbitmqctl stop}, then by its PID.
 */
public final class RabbitMq implements AutoCloseable {
    private static final Path SERVER = Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server");
    private static final Path CTL = Path.of("/usr/lib/rabbitmq/bin/rabbitmqctl");

    private final Path dir;
    private final Process server;
    private final int port;
    private final Map<String, String> env;

    private RabbitMq(Path dir, Process server, int port, Map<String, String> env) {
        this.dir = dir;
        this.server = server;
        this.port = port;
        this.env = env;
    }

    /** Whether the broker is installed here. */
    public static boolean installed() {
        return Files.isExecutable(SERVER);
    }

    /** Starts a node; ready when its AMQP listener accepts connections. */
    public static RabbitMq start() throws Exception {
        Path dir = Files.createTempDirectory("perf-rabbit");
        int port = JavaProcess.freePort();
        String node = "perf" + ProcessHandle.current().pid() + "x" + port + "@localhost";
        Files.writeString(dir.resolve("enabled_plugins"), "[].\n");
        Files.writeString(dir.resolve("rabbitmq.conf"), "listeners.tcp.default = 127.0.0.1:" + port + "\n");
        Map<String, String> env = Map.of(
                "HOME", dir.toString(),
                "RABBITMQ_NODENAME", node,
                "RABBITMQ_NODE_PORT", Integer.toString(port),
                "RABBITMQ_DIST_PORT", Integer.toString(JavaProcess.freePort()),
                "RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString(),
                "RABBITMQ_LOG_BASE", dir.resolve("log").toString(),
                "RABBITMQ_ENABLED_PLUGINS_FILE", dir.resolve("enabled_plugins").toString(),
                "RABBITMQ_CONFIG_FILE", dir.resolve("rabbitmq").toString(),
                "RABBITMQ_PID_FILE", dir.resolve("pid").toString());
        ProcessBuilder pb = new ProcessBuilder(SERVER.toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.out").toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        RabbitMq r = new RabbitMq(dir, p, port, env);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!r.accepts()) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                String out = Files.readString(dir.resolve("server.out"));
                r.close();
                throw new IllegalStateException("rabbitmq did not start: " + out);
            }
            Thread.sleep(200);
        }
        return r;
    }

    private boolean accepts() {
        return JavaProcess.accepts(port);
    }

    /** {@code amqp://guest:guest@127.0.0.1:PORT}. */
    public String uri() {
        return "amqp://guest:guest@127.0.0.1:" + port;
    }

    /** The broker's Erlang VM's process id (the server script becomes it), for a test that pauses it. */
    public long pid() throws IOException {
        Path pid = dir.resolve("pid");
        return Files.exists(pid) ? Long.parseLong(Files.readString(pid).trim()) : server.pid();
    }

    @Override
    public void close() throws Exception {
        ProcessBuilder stop = new ProcessBuilder(CTL.toString(), "-n", env.get("RABBITMQ_NODENAME"), "stop")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("stop.out").toFile());
        stop.environment().putAll(env);
        Process s = stop.start();
        if (!s.waitFor(30, TimeUnit.SECONDS)) {
            s.destroyForcibly();
        }
        if (!server.waitFor(20, TimeUnit.SECONDS)) {
            server.destroyForcibly();
            server.waitFor();
        }
        JavaProcess.delete(dir);
    }
}
