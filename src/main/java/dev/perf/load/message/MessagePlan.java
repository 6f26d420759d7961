package dev.perf.load.message;

import dev.perf.load.template.DataTable;
import dev.perf.load.template.Template;
import dev.perf.load.template.Templates;
import dev.perf.suite.DataFile;
import dev.perf.suite.MessageBody;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A messaging target resolved before anything runs: its key and payload compiled (or a block of seeded random
 * bytes from which each message takes its own window), whether a consumer reads the messages back, and how to
 * reach the broker. Immutable.
 */
public final class MessagePlan {
    private final String describe;
    private final Template key;
    private final Template payload;
    private final byte[] random;
    private final int size;
    private final boolean consuming;
    private final Supplier<Broker> broker;

    /** How many different windows random payloads are cut from (a message's is chosen by its index). */
    private static final int WINDOWS = 4096;

    /**
     * What a loop's messages are drawn from.
     *
     * @param where the loop, for messages
     * @param data the loop's data files
     * @param baseDir the suite's directory, where they are
     * @param seed the suite's seed
     * @param env the environment {@code ${env.NAME}} reads
     */
    public record Inputs(
            String where, Map<String, DataFile> data, Path baseDir, long seed, UnaryOperator<String> env) {}

    /**
     * The messages of target {@code kind} ({@code kafka}, {@code rabbitmq}): {@code key} and {@code payload} (with
     * placeholders; each may be null) compiled with the loop's data files, else payloads of {@code size} random
     * bytes drawn from the seed.
     */
    public static MessagePlan of(
            Inputs in,
            String kind,
            String describe,
            String key,
            String payload,
            String size,
            boolean consuming,
            Supplier<Broker> broker) {
        int bytes = MessageBody.check(kind, payload, size);
        Map<String, DataTable> tables = Templates.read(in.where(), in.data(), in.baseDir(), in.seed());
        Templates t = new Templates(in.where(), tables, in.env(), List.of(), in.seed());
        Template k = key == null ? null : t.compile(kind + ".key", key, Template.Place.BODY);
        Template p = payload == null ? null : t.compile(kind + ".payload", payload, Template.Place.BODY);
        byte[] random = new byte[0];
        if (p == null) {
            random = new byte[bytes + WINDOWS];
            SplittableRandom r = new SplittableRandom(in.seed());
            for (int i = 0; i < random.length; i++) {
                random[i] = (byte) r.nextInt(256);
            }
        }
        return new MessagePlan(describe, k, p, random, bytes, consuming, broker);
    }

    private MessagePlan(
            String describe,
            Template key,
            Template payload,
            byte[] random,
            int size,
            boolean consuming,
            Supplier<Broker> broker) {
        this.describe = describe;
        this.key = key;
        this.payload = payload;
        this.random = random;
        this.size = size;
        this.consuming = consuming;
        this.broker = broker;
    }

    /** The target's description, e.g. {@code kafka:orders@127.0.0.1:9092}. */
    public String describe() {
        return describe;
    }

    /** Whether a consumer reads the messages back. */
    public boolean consuming() {
        return consuming;
    }

    /** Makes the broker's client, once per workload. */
    Supplier<Broker> broker() {
        return broker;
    }

    /** Operation {@code seq}'s key, or null. */
    byte[] key(long seq) {
        return key == null ? null : key.render(seq).getBytes(StandardCharsets.UTF_8);
    }

    /** Operation {@code seq}'s payload: its text, or its window of the random bytes (the same in every run). */
    byte[] payload(long seq) {
        if (payload != null) {
            return payload.render(seq).getBytes(StandardCharsets.UTF_8);
        }
        int from = (int) Math.floorMod(seq * 31, (long) WINDOWS);
        return Arrays.copyOfRange(random, from, from + size);
    }

    @Override
    public String toString() {
        return describe;
    }
}
