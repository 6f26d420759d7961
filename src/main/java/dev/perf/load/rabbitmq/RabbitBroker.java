package dev.perf.load.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.LongString;
import com.rabbitmq.client.ShutdownSignalException;
import dev.perf.load.message.Broker;
import dev.perf.load.message.Envelope;
import dev.perf.result.PerfException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeoutException;

/**
 * A RabbitMQ broker through its own AMQP 0-9-1 client: the queue declared (and bound to the exchange) when absent,
 * a channel in confirm mode per lane on one publishing connection, and the target's consumers, each a channel
 * with its prefetch on a consuming connection of their own, acknowledging every delivery.
 */
final class RabbitBroker implements Broker {
    private final RabbitSettings settings;
    private final List<Channel> consumers = new ArrayList<>();
    private Connection publishing;
    private Connection consuming;
    private String unreachable;

    RabbitBroker(RabbitSettings settings) {
        this.settings = settings;
    }

    @Override
    public void start(Sink sink) {
        try {
            publishing = settings.factory().newConnection("perf-publish");
        } catch (IOException | TimeoutException e) {
            unreachable = "rabbitmq: cannot connect to " + settings.shownUri() + ": " + cause(e)
                    + " (is the broker running there, and are the user and password right?)";
            return;
        }
        try {
            declare();
            if (settings.target().consuming()) {
                consuming = settings.factory().newConnection("perf-consume");
                for (int i = 0; i < settings.target().consumerCount(); i++) {
                    consumers.add(consumer(i, sink));
                }
            }
        } catch (IOException | TimeoutException | ShutdownSignalException e) {
            close();
            throw PerfException.badInput(settings.where() + ": rabbitmq refused "
                    + settings.target().describe(settings.shownUri()) + ": " + cause(e));
        }
    }

    /** Declares the queue (a quorum queue when asked) and, with an exchange, the exchange and the binding. */
    private void declare() throws IOException, TimeoutException {
        var t = settings.target();
        try (Channel ch = publishing.createChannel()) {
            if (t.queue() != null) {
                Map<String, Object> args = new HashMap<>();
                if (Boolean.TRUE.equals(t.quorum())) {
                    args.put("x-queue-type", "quorum");
                }
                boolean durable = Boolean.TRUE.equals(t.durable()) || Boolean.TRUE.equals(t.quorum());
                ch.queueDeclare(t.queue(), durable, false, false, args);
            }
            if (t.exchange() != null && !t.exchange().isEmpty()) {
                ch.exchangeDeclare(t.exchange(), "direct", Boolean.TRUE.equals(t.durable()));
                if (t.queue() != null) {
                    ch.queueBind(t.queue(), t.exchange(), t.route());
                }
            }
        }
    }

    private Channel consumer(int index, Sink sink) throws IOException {
        Channel ch = consuming.createChannel();
        ch.basicQos(settings.target().prefetchCount());
        ch.basicConsume(
                settings.target().queue(),
                false,
                "perf-" + index,
                (tag, delivery) -> {
                    long now = System.nanoTime();
                    Map<String, Object> headers = delivery.getProperties().getHeaders();
                    Object h = headers == null ? null : headers.get(Envelope.HEADER);
                    byte[] env = h instanceof LongString s ? s.getBytes() : h instanceof byte[] b ? b : null;
                    sink.consumed(index, index, -1, env, now);
                    ch.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
                },
                tag -> {});
        return ch;
    }

    @Override
    public String unreachable() {
        return unreachable;
    }

    @Override
    public Publisher publisher() {
        if (publishing == null) {
            return (key, payload, envelope, acked) -> acked.acked(-1, -1, new IOException(unreachable));
        }
        try {
            return new Confirming(publishing.createChannel());
        } catch (IOException e) {
            throw PerfException.badInput(settings.where() + ": rabbitmq: cannot open a channel: " + cause(e));
        }
    }

    /** One lane's channel: in confirm mode unless the target says otherwise; confirms end its publishes. */
    private final class Confirming implements Publisher {
        private final Channel channel;
        private final ConcurrentNavigableMap<Long, Acked> waiting = new ConcurrentSkipListMap<>();
        private final boolean confirms = settings.target().confirming();
        private final String exchange =
                settings.target().exchange() == null ? "" : settings.target().exchange();
        private final String route = settings.target().route();
        private final int mode = Boolean.TRUE.equals(settings.target().persistent()) ? 2 : 1;

        Confirming(Channel channel) throws IOException {
            this.channel = channel;
            if (confirms) {
                channel.confirmSelect();
                channel.addConfirmListener(new ConfirmListener() {
                    @Override
                    public void handleAck(long tag, boolean multiple) {
                        end(tag, multiple, null);
                    }

                    @Override
                    public void handleNack(long tag, boolean multiple) {
                        end(tag, multiple, new IOException("rabbitmq: the broker refused the message (nack)"));
                    }
                });
            }
        }

        private void end(long tag, boolean multiple, Exception failure) {
            Map<Long, Acked> done = multiple ? waiting.headMap(tag, true) : waiting.subMap(tag, true, tag, true);
            for (var it = done.entrySet().iterator(); it.hasNext(); ) {
                Acked a = it.next().getValue();
                it.remove();
                a.acked(0, -1, failure);
            }
        }

        @Override
        public void publish(byte[] key, byte[] payload, byte[] envelope, Acked acked) {
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                    .headers(Map.of(Envelope.HEADER, envelope))
                    .deliveryMode(mode)
                    .build();
            long tag = confirms ? channel.getNextPublishSeqNo() : 0;
            if (confirms) {
                waiting.put(tag, acked);
            }
            try {
                channel.basicPublish(exchange, route, props, payload);
            } catch (IOException | ShutdownSignalException e) {
                if (confirms) {
                    waiting.remove(tag);
                }
                acked.acked(-1, -1, e instanceof IOException io ? io : new IOException(cause(e)));
                return;
            }
            if (!confirms) {
                acked.acked(0, -1, null);
            }
        }

        @Override
        public void close() {
            try {
                if (channel.isOpen()) {
                    channel.close();
                }
            } catch (IOException | TimeoutException | ShutdownSignalException e) {
                // closing anyway
            }
        }
    }

    @Override
    public String note() {
        int n = consumers.size();
        return n == 0 ? " (publish only)" : " (" + n + (n == 1 ? " consumer)" : " consumers)");
    }

    @Override
    public void close() {
        for (Connection c : new Connection[] {consuming, publishing}) {
            if (c != null && c.isOpen()) {
                try {
                    c.close(5_000);
                } catch (IOException | ShutdownSignalException e) {
                    // closing anyway
                }
            }
        }
    }

    /** The first line of what went wrong, from the innermost cause that says something. */
    static String cause(Throwable e) {
        Throwable t = e;
        String best = e.toString();
        while (t != null) {
            if (t instanceof ShutdownSignalException s && s.getReason() != null) {
                best = String.valueOf(s.getReason());
            } else if (t.getMessage() != null) {
                best = t.getMessage();
            }
            t = t.getCause();
        }
        return RabbitSettings.oneLine(best);
    }
}
