package dev.perf.load.message;

/**
 * A message broker perf sends to and consumes from: the one seam between the messaging lanes and a broker's
 * client (Kafka's, RabbitMQ's).
 */
public interface Broker {
    /**
     * Connects, makes what is absent (a topic, a queue), starts the consumers delivering to {@code sink} and
     * returns once they are ready to receive. A broker that cannot be reached does not throw: its publishers fail
     * each message with {@link #unreachable()}; a broker that refuses the target's settings is bad input.
     */
    void start(Sink sink);

    /** Why the broker could not be reached at {@link #start}, or null when it was. */
    String unreachable();

    /** A publisher for one lane, used from that lane's publishing thread only (it may block there). */
    Publisher publisher();

    /** Whether the broker numbers each partition's messages (offsets), so that a skipped one is seen lost. */
    default boolean partitioned() {
        return false;
    }

    /** What the result's target line adds about the broker's setup (partitions, consumers), or empty. */
    default String note() {
        return "";
    }

    /** Stops the consumers and closes every connection; waits a bounded time. */
    void close();

    /** Sends messages for one lane. */
    interface Publisher {
        /**
         * Sends one message carrying {@code envelope}; {@code acked} is called exactly once, on any thread: when
         * the broker has it (its partition and offset, or -1 where the broker has none), or with the failure.
         */
        void publish(byte[] key, byte[] payload, byte[] envelope, Acked acked);

        /** Closes what the publisher holds. */
        default void close() {}
    }

    /** The broker's answer to one publish. */
    @FunctionalInterface
    interface Acked {
        void acked(int partition, long offset, Exception failure);
    }

    /** Where the consumers deliver. */
    @FunctionalInterface
    interface Sink {
        /**
         * Consumer {@code consumer} received a message at {@code nowNanos} ({@link System#nanoTime()}) from {@code
         * partition} at {@code offset} (-1 where the broker has none), carrying {@code envelope} (null: none).
         */
        void consumed(int consumer, int partition, long offset, byte[] envelope, long nowNanos);
    }
}
