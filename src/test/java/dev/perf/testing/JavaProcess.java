package dev.perf.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A main class of perf's (a demo server) run in a JVM of its own on the tests' classpath, as a real server runs
 * apart from the load generator; started when its output says it is ready, stopped by its PID on {@link
 * #close()}.
 */
public final class JavaProcess implements AutoCloseable {
    private final Process process;

    private JavaProcess(Process process) {
        this.process = process;
    }

    /** Runs {@code main} with {@code args}, its output in {@code log}, until a line of it contains {@code ready}. */
    public static JavaProcess start(Class<?> main, Path log, String ready, String... args)
            throws IOException, InterruptedException {
        String[] command = new String[4 + args.length];
        command[0] = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        command[1] = "-cp";
        command[2] = System.getProperty("java.class.path");
        command[3] = main.getName();
        System.arraycopy(args, 0, command, 4, args.length);
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        JavaProcess own = new JavaProcess(p);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!Files.readString(log).contains(ready)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                own.close();
                throw new IllegalStateException(main.getName() + " did not start: " + Files.readString(log));
            }
            Thread.sleep(50);
        }
        return own;
    }

    /** A free port on 127.0.0.1 for such a server. */
    public static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Whether something accepts connections on 127.0.0.1 at {@code port} (a server is up). */
    public static boolean accepts(int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Removes {@code dir} and everything in it (a stopped server's temporary directory). */
    public static void delete(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
