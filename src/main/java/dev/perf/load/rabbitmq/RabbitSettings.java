package dev.perf.load.rabbitmq;

import com.rabbitmq.client.ConnectionFactory;
import dev.perf.load.message.MessagePlan;
import dev.perf.load.template.Template;
import dev.perf.load.template.Templates;
import dev.perf.result.PerfException;
import dev.perf.result.Redaction;
import dev.perf.suite.RabbitTarget;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A rabbitmq target's connection, made and checked before anything runs: its URI read from the environment and
 * given to RabbitMQ's own connection factory, which refuses what it cannot use.
 *
 * @param where the loop, for messages
 * @param target the suite's entry
 * @param factory the connection factory, its URI set
 * @param shownUri the URI with its password hidden, for messages
 */
public record RabbitSettings(String where, RabbitTarget target, ConnectionFactory factory, String shownUri) {
    /** How long connecting may take before the broker counts as unreachable. */
    static final int CONNECT_MILLIS = 5_000;

    /** The plan of a rabbitmq target: its URI checked, its messages compiled. */
    public static MessagePlan plan(RabbitTarget target, MessagePlan.Inputs in) {
        RabbitSettings settings = of(in.where(), target, in.env());
        return MessagePlan.of(
                in,
                "rabbitmq",
                target.describe(settings.shownUri()),
                null,
                target.payload(),
                target.size(),
                target.consuming(),
                () -> new RabbitBroker(settings));
    }

    static RabbitSettings of(String where, RabbitTarget target, UnaryOperator<String> env) {
        Template uri = new Templates(where, Map.of(), env, List.of(), 0)
                .compile("rabbitmq.uri", target.uri(), Template.Place.URL);
        String text = uri.render(0);
        String shown = Redaction.url(text);
        ConnectionFactory f = new ConnectionFactory();
        try {
            f.setUri(text);
        } catch (URISyntaxException | GeneralSecurityException | IllegalArgumentException e) {
            throw PerfException.badInput(where + ": rabbitmq.uri " + shown + " is not an AMQP URI: "
                    + oneLine(e.getMessage()) + " (use amqp://user:password@host:port/vhost)");
        }
        if (text.startsWith("amqp") && (f.getHost() == null || f.getHost().isBlank())) {
            throw PerfException.badInput(where + ": rabbitmq.uri " + shown + " has no host");
        }
        f.setConnectionTimeout(CONNECT_MILLIS);
        f.setHandshakeTimeout(CONNECT_MILLIS);
        f.setAutomaticRecoveryEnabled(false);
        return new RabbitSettings(where, target, f, shown);
    }

    static String oneLine(String m) {
        return m == null ? "" : m.replaceAll("[\\r\\n]+", " ");
    }
}
