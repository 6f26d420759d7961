package dev.perf.suite;

import java.util.Locale;

/**
 * The one rule for what a messaging target sends (kafka, rabbitmq): a {@code payload} text with {@link
 * Placeholders} or a {@code size} of seeded random bytes, never both; 1 KiB of random bytes by default.
 */
public final class MessageBody {
    /** The payload size when a target gives neither {@code payload} nor {@code size}. */
    public static final int DEFAULT_SIZE = 1024;

    /** The largest payload perf sends: brokers refuse far smaller messages by default (Kafka 1 MB). */
    public static final long MAX_SIZE = 64L << 20;

    private MessageBody() {}

    /** Checks {@code prefix}'s {@code payload} and {@code size}; the size in bytes ({@code -1}: the payload's). */
    public static int check(String prefix, String payload, String size) {
        if (payload != null && size != null) {
            throw new IllegalArgumentException(prefix + ": give payload: (a text) or size: (random bytes), not both");
        }
        if (payload != null) {
            noVariables(prefix + ".payload", payload);
            return -1;
        }
        if (size == null) {
            return DEFAULT_SIZE;
        }
        long bytes;
        try {
            bytes = Quantity.bytes(size);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    prefix + ".size: invalid size '" + size + "': use " + Quantity.SIZE_FORMS);
        }
        if (bytes < 0 || bytes > MAX_SIZE) {
            throw new IllegalArgumentException(
                    prefix + ".size must be between 0 and 64MiB (got '" + size.toLowerCase(Locale.ROOT) + "')");
        }
        return (int) bytes;
    }

    /**
     * Checks {@code prefix}'s {@code consumers} and {@code consume}: 1 to 1000 consumers, none only by {@code
     * consume: false} (then each message ends at {@code endsAt}); the consumers (0 when nothing consumes).
     */
    public static int consumers(String prefix, Integer consumers, Boolean consume, String endsAt) {
        if (consumers != null && consumers == 0) {
            throw new IllegalArgumentException(prefix + ".consumers: 0 consumers cannot time a message end to end;"
                    + " use consume: false to send only (each message then ends at " + endsAt + ")");
        }
        if (consumers != null && (consumers < 0 || consumers > 1000)) {
            throw new IllegalArgumentException(
                    prefix + ".consumers must be between 1 and 1000 (got " + consumers + ")");
        }
        if (Boolean.FALSE.equals(consume) && consumers != null) {
            throw new IllegalArgumentException(
                    prefix + ": consumers: " + consumers + " with consume: false; leave one out");
        }
        return Boolean.FALSE.equals(consume) ? 0 : consumers == null ? 1 : consumers;
    }

    /** Refuses a placeholder that reads a value no earlier answer of a message target can give. */
    static void noVariables(String key, String text) {
        for (Placeholders.Part p : Placeholders.parse(text, key)) {
            if (p instanceof Placeholders.Var v) {
                throw new IllegalArgumentException(key + ": unknown placeholder ${" + v.name()
                        + "}; use ${seq}, ${random(1,1000)}, ${uuid}, ${data.NAME.COLUMN} or ${env.NAME}");
            }
        }
    }
}
