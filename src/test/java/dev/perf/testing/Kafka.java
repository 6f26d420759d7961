package dev.perf.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Kafka broker for tests, in KRaft mode (broker and controller in one process): its storage
 * formatted by Kafka's own {@code kafka.tools.StorageTool} in a temporary directory and {@code kafka.Kafka} run
 * in a JVM of its own from the Maven jars on the tests' classpath (no download), listening on 127.0.0.1 at a
 * free port, and stopped by its PID on {@link #close()}.
 */
public final class Kafka implements AutoCloseable {
    private final Path dir;
    private final Process server;
    private final int port;

    private Kafka(Path dir, Process server, int port) {
        this.dir = dir;
        this.server = server;
        this.port = port;
    }

    /** Formats a log directory and starts the broker; ready when its listener accepts connections. */
    public static Kafka start() throws Exception {
        Path dir = Files.createTempDirectory("perf-kafka");
        int port = JavaProcess.freePort();
        int controller = JavaProcess.freePort();
        Path props = dir.resolve("server.properties");
        Files.writeString(
                props,
                String.join(
                        "\n",
                        "process.roles=broker,controller",
                        "node.id=1",
                        "controller.quorum.voters=1@127.0.0.1:" + controller,
                        "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
                        "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                        "controller.listener.names=CONTROLLER",
                        "inter.broker.listener.name=PLAINTEXT",
                        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                        "log.dirs=" + dir.resolve("logs"),
                        "num.partitions=1",
                        "offsets.topic.replication.factor=1",
                        "offsets.topic.num.partitions=4",
                        "transaction.state.log.replication.factor=1",
                        "transaction.state.log.min.isr=1",
                        "share.coordinator.state.topic.replication.factor=1",
                        "share.coordinator.state.topic.min.isr=1",
                        "group.initial.rebalance.delay.ms=0",
                        ""));
        Path log = dir.resolve("kafka.log");
        run(
                dir,
                log,
                "kafka.tools.StorageTool",
                "format",
                "-t",
                Uuid.randomUuid().toString(),
                "-c",
                props.toString());
        Process p = java(dir, log, "kafka.Kafka", props.toString());
        Kafka k = new Kafka(dir, p, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!k.accepts()) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                k.close();
                throw new IllegalStateException("kafka did not start: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
        return k;
    }

    private boolean accepts() {
        return JavaProcess.accepts(port);
    }

    private static void run(Path dir, Path log, String main, String... args) throws Exception {
        Process p = java(dir, log, main, args);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(main + " failed: " + Files.readString(log));
        }
    }

    private static Process java(Path dir, Path log, String main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms256m",
                "-Xmx512m",
                "-XX:+UseG1GC",
                "-cp",
                System.getProperty("java.class.path"),
                main));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    /** {@code 127.0.0.1:PORT}, the broker's bootstrap address. */
    public String bootstrap() {
        return "127.0.0.1:" + port;
    }

    /** The broker's process id, for a test that pauses it. */
    public long pid() {
        return server.pid();
    }

    @Override
    public void close() throws Exception {
        server.destroy();
        if (!server.waitFor(20, TimeUnit.SECONDS)) {
            server.destroyForcibly();
            server.waitFor();
        }
        JavaProcess.delete(dir);
    }
}
