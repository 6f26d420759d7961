package dev.perf.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.perf.host.JdkHttpServers;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small shop for journeys, on 127.0.0.1: {@code POST /login} answers a bearer token in JSON and sets a
 * {@code session} cookie; {@code GET /page} (with the cookie) carries a CSRF token in its HTML; {@code GET
 * /items} (with the token) lists items in JSON; {@code POST /cart} needs the cookie, the token and the CSRF
 * token of the same session; {@code POST /checkout} needs them too and a non-empty cart, and answers an order
 * id. {@code GET /stats} counts logins, orders and requests whose token and cookie belong to different
 * sessions. Each request may be delayed by {@code delay} ms ({@code /login} by {@code loginDelay}). For the
 * scenario sample and the tests; run it with {@code java -cp perf.jar dev.perf.demo.DemoShop [PORT]}.
 */
public final class DemoShop implements AutoCloseable {
    private static final Pattern USER = Pattern.compile("\"user\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern ITEM = Pattern.compile("\"item\"\\s*:\\s*\"([^\"]*)\"");
    private static final List<String> ITEMS = List.of("i1", "i2", "i3", "i4", "i5");

    /** One login's state. */
    private static final class Session {
        final String token;
        final String csrf;
        int cart;

        Session(String token, String csrf) {
            this.token = token;
            this.csrf = csrf;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Session> bySession = new ConcurrentHashMap<>();
    private final Map<String, String> sessionOfToken = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong logins = new AtomicLong();
    private final AtomicLong orders = new AtomicLong();
    private final AtomicLong mismatches = new AtomicLong();
    private final Set<String> users = ConcurrentHashMap.newKeySet();
    private volatile long loginDelayMillis;

    private DemoShop(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts the shop on {@code port} of 127.0.0.1 (0: a free one) with {@code threads} workers. */
    public static DemoShop start(int port, int threads) throws IOException {
        HttpServer server = JdkHttpServers.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        ExecutorService executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "perf-demo-shop");
            t.setDaemon(true);
            return t;
        });
        DemoShop shop = new DemoShop(server, executor);
        server.createContext("/", shop::handle);
        server.setExecutor(executor);
        server.start();
        return shop;
    }

    /** Runs the shop until the process is stopped; prints its address. */
    public static void main(String[] args) throws IOException, InterruptedException {
        DemoShop shop = start(args.length > 0 ? Integer.parseInt(args[0]) : 0, 4);
        System.out.println("demo shop on http://" + shop.address());
        Thread.currentThread().join();
    }

    /** {@code 127.0.0.1:PORT}. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Makes every login take {@code millis} longer. */
    public void loginDelay(long millis) {
        this.loginDelayMillis = millis;
    }

    public long orders() {
        return orders.get();
    }

    public long logins() {
        return logins.get();
    }

    /** The distinct users that logged in. */
    public Set<String> users() {
        return Set.copyOf(users);
    }

    /** Requests whose bearer token and session cookie belonged to different sessions. */
    public long mismatches() {
        return mismatches.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            if (path.equals("/login") && method.equals("POST")) {
                login(ex, body);
                return;
            }
            if (path.equals("/stats")) {
                send(
                        ex,
                        200,
                        "{\"logins\":" + logins + ",\"orders\":" + orders + ",\"mismatches\":" + mismatches + "}");
                return;
            }
            String sessionId = cookie(ex, "session");
            Session s = sessionId == null ? null : bySession.get(sessionId);
            if (s == null) {
                send(ex, 401, "{\"error\":\"no session\"}");
                return;
            }
            switch (path) {
                case "/page" -> sendHtml(
                        ex, "<html><form><input type=\"hidden\" name=\"csrf\" value=\"" + s.csrf + "\"></form></html>");
                case "/items" -> {
                    if (authorized(ex, s)) {
                        send(
                                ex,
                                200,
                                "{\"items\":["
                                        + String.join(
                                                ",",
                                                ITEMS.stream()
                                                        .map(i -> "{\"id\":\"" + i + "\"}")
                                                        .toList()) + "]}");
                    }
                }
                case "/cart" -> cart(ex, body, s);
                case "/checkout" -> checkout(ex, sessionId, s);
                default -> send(ex, 404, "{\"error\":\"no such page\"}");
            }
        }
    }

    private void login(HttpExchange ex, String body) throws IOException {
        pause(loginDelayMillis);
        Matcher m = USER.matcher(body);
        if (!m.find() || m.group(1).isEmpty()) {
            send(ex, 400, "{\"error\":\"give a user\"}");
            return;
        }
        long id = ids.incrementAndGet();
        String session = "S" + id + "x" + Long.toHexString(System.nanoTime());
        Session s = new Session("T" + id + "-" + m.group(1), "C" + id);
        bySession.put(session, s);
        sessionOfToken.put(s.token, session);
        logins.incrementAndGet();
        users.add(m.group(1));
        ex.getResponseHeaders().add("Set-Cookie", "session=" + session + "; Path=/; HttpOnly");
        ex.getResponseHeaders().add("Set-Cookie", "theme=plain; Path=/");
        send(ex, 200, "{\"token\":\"" + s.token + "\",\"user\":\"" + m.group(1) + "\"}");
    }

    private void cart(HttpExchange ex, String body, Session s) throws IOException {
        if (!authorized(ex, s) || !csrf(ex, s)) {
            return;
        }
        Matcher m = ITEM.matcher(body);
        if (!m.find() || !ITEMS.contains(m.group(1))) {
            send(ex, 400, "{\"error\":\"no such item\"}");
            return;
        }
        int items;
        synchronized (s) {
            items = ++s.cart;
        }
        send(ex, 200, "{\"cart\":" + items + "}");
    }

    private void checkout(HttpExchange ex, String sessionId, Session s) throws IOException {
        if (!authorized(ex, s) || !csrf(ex, s)) {
            return;
        }
        synchronized (s) {
            if (s.cart == 0) {
                send(ex, 409, "{\"error\":\"the cart is empty\"}");
                return;
            }
            s.cart = 0;
        }
        long order = orders.incrementAndGet();
        bySession.remove(sessionId);
        sessionOfToken.remove(s.token);
        send(ex, 200, "{\"orderId\":\"O" + order + "\"}");
    }

    private boolean authorized(HttpExchange ex, Session s) throws IOException {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : null;
        if (token == null || !token.equals(s.token)) {
            if (token != null && sessionOfToken.containsKey(token)) {
                mismatches.incrementAndGet();
            }
            send(ex, 401, "{\"error\":\"bad token\"}");
            return false;
        }
        return true;
    }

    private static boolean csrf(HttpExchange ex, Session s) throws IOException {
        if (!s.csrf.equals(ex.getRequestHeaders().getFirst("X-CSRF-Token"))) {
            send(ex, 403, "{\"error\":\"bad csrf token\"}");
            return false;
        }
        return true;
    }

    private static String cookie(HttpExchange ex, String name) {
        String header = ex.getRequestHeaders().getFirst("Cookie");
        if (header == null) {
            return null;
        }
        for (String pair : header.split(";", -1)) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).strip().equals(name)) {
                return pair.substring(eq + 1).strip();
            }
        }
        return null;
    }

    private static void pause(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void sendHtml(HttpExchange ex, String html) throws IOException {
        write(ex, 200, "text/html", html);
    }

    private static void send(HttpExchange ex, int status, String json) throws IOException {
        write(ex, status, "application/json", json);
    }

    private static void write(HttpExchange ex, int status, String type, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.getResponseHeaders().add("Cache-Control", "no-store");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
