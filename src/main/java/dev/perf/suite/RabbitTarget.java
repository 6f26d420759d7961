package dev.perf.suite;

import dev.perf.result.Redaction;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Messages published over AMQP 0-9-1 (RabbitMQ) and, unless {@code consume: false}, consumed back from a queue
 * in the same process: one operation is one message, timed from its intended send to its consumption (or to the
 * broker's confirm when nothing consumes). Payloads are drawn like an http request's body.
 *
 * @param uri {@code amqp://user:password@host:port/vhost} ({@code amqps://} for TLS); may read {@code ${env.NAME}}
 * @param exchange the exchange published to; default the default exchange (straight to {@code queue})
 * @param routingKey the routing key; default {@code queue}
 * @param queue the queue the consumers read; declared when absent (and bound to {@code exchange})
 * @param durable whether a queue perf declares survives a broker restart; default false
 * @param quorum whether a queue perf declares is a quorum queue (durable, replicated); default false
 * @param confirms whether the publisher waits for the broker's confirms (publisher confirms); default true
 * @param persistent whether messages are persistent (delivery mode 2); default false
 * @param prefetch how many unacknowledged messages each consumer holds; default 100
 * @param consumers the consumers of the queue; default 1
 * @param consume false to publish only
 * @param payload each message's body, with placeholders (or {@code size})
 * @param size each message's body as that many seeded random bytes (default 1 KiB)
 */
public record RabbitTarget(
        String uri,
        String exchange,
        String routingKey,
        String queue,
        Boolean durable,
        Boolean quorum,
        Boolean confirms,
        Boolean persistent,
        Integer prefetch,
        Integer consumers,
        Boolean consume,
        String payload,
        String size) {

    public RabbitTarget {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("rabbitmq.uri is missing: give amqp://user:password@host:port/vhost,"
                    + " e.g. amqp://guest:guest@127.0.0.1:5672");
        }
        if (!uri.startsWith("${env.")) {
            checkUri(uri);
        }
        if (queue != null && (queue.isBlank() || queue.length() > 255)) {
            throw new IllegalArgumentException("rabbitmq.queue must be 1 to 255 characters (got '" + queue + "')");
        }
        if (exchange == null && queue == null) {
            throw new IllegalArgumentException("rabbitmq needs queue: (and optionally exchange: and routingKey:)");
        }
        if (queue == null && !Boolean.FALSE.equals(consume)) {
            throw new IllegalArgumentException("rabbitmq: consuming needs queue: the queue bound to exchange "
                    + exchange + " that the consumers read (or consume: false to publish only)");
        }
        if (prefetch != null && (prefetch < 1 || prefetch > 65_535)) {
            throw new IllegalArgumentException("rabbitmq.prefetch must be between 1 and 65535 (got " + prefetch + ")");
        }
        MessageBody.consumers("rabbitmq", consumers, consume, "the broker's confirm");
        MessageBody.check("rabbitmq", payload, size);
    }

    /** Refuses a URI that is not {@code amqp[s]://...host...}. */
    private static void checkUri(String uri) {
        URI u;
        try {
            u = new URI(uri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    "rabbitmq.uri is not a URI: " + e.getReason() + " (got '" + shown(uri) + "')");
        }
        if (!"amqp".equals(u.getScheme()) && !"amqps".equals(u.getScheme())) {
            throw new IllegalArgumentException(
                    "rabbitmq.uri must start with amqp:// or amqps:// (got '" + shown(uri) + "')");
        }
        if (u.getHost() == null || u.getHost().isBlank()) {
            throw new IllegalArgumentException("rabbitmq.uri has no host: give amqp://user:password@host:port/vhost"
                    + " (got '" + shown(uri) + "')");
        }
    }

    private static String shown(String uri) {
        return Redaction.url(uri);
    }

    /** Whether a consumer reads the messages back. */
    public boolean consuming() {
        return !Boolean.FALSE.equals(consume);
    }

    /** The consumers of the queue (0 when publishing only). */
    public int consumerCount() {
        return MessageBody.consumers("rabbitmq", consumers, consume, "");
    }

    /** Whether the publisher waits for confirms. */
    public boolean confirming() {
        return !Boolean.FALSE.equals(confirms);
    }

    /** The consumers' prefetch. */
    public int prefetchCount() {
        return prefetch == null ? 100 : prefetch;
    }

    /** The routing key: the target's, else the queue's name. */
    public String route() {
        return routingKey != null ? routingKey : queue;
    }

    /** {@code rabbitmq:QUEUE} or {@code rabbitmq:EXCHANGE/KEY}, the URI's credentials hidden. */
    public String describe() {
        return describe(shown(uri));
    }

    /** The same, at {@code shownUri}: the URI with its {@code ${env}} read and its credentials hidden. */
    public String describe(String shownUri) {
        return "rabbitmq:" + (exchange != null ? exchange + "/" + route() : queue) + "@" + shownUri;
    }
}
