package dev.perf.load.scenario;

import dev.perf.load.drive.Lane;
import dev.perf.load.drive.PartWriters;
import dev.perf.load.drive.Stripe;
import dev.perf.load.http.HttpLink;
import dev.perf.load.http.HttpSetup;
import dev.perf.load.record.CheckFailure;
import dev.perf.load.record.LoadRecorder;
import dev.perf.load.schedule.Draw;
import io.netty.channel.EventLoop;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One scenario's iterations on one {@link Stripe}: each iteration takes a slot — a keep-alive connection to every
 * HTTP/1.1 origin of the journey, as a browser tab holds them, and streams on the HTTP/2 origins' connections
 * that all slots share — and runs its steps in order with a session of its own
 * (variables, cookies). A step's intended start is the previous step's end plus its pause, so a slow step
 * delays everything after it and shows in each later step's latency without hiding its own. Each request step
 * records into its own recorder (sent, latency from its intended start, failures by check and extract); the
 * iteration, from its intended start to its last step's end, is the stripe's operation. Loop thread only.
 */
final class JourneyLane implements Lane {
    /** Draw ordinals of the pauses, apart from the requests' placeholders. */
    private static final int THINK_ORDINAL = 1 << 20;

    private final Stripe stripe;
    private final int op;
    private final EventLoop loop;
    private final long timeoutNanos;
    private final ScenarioPlan plan;
    private final List<HttpSetup> origins;
    /** Per slot, one link per origin (an HTTP/2 origin's link is every slot's). */
    private final HttpLink[][] slots;
    /** Every link once. */
    private final List<HttpLink> links = new ArrayList<>();
    /** Free slots, a ring: taken at {@code head}, returned at {@code head + idleCount}. */
    private final int[] idle;

    private int head;
    private int idleCount;
    private boolean closed;

    /** The requests' writers of the current measurement, for its iterations. */
    private final PartWriters parts = new PartWriters();

    JourneyLane(Place place, ScenarioWorkload scenario) {
        this.stripe = place.stripe();
        this.op = place.op();
        this.loop = place.loop();
        this.timeoutNanos = place.timeoutNanos();
        this.plan = scenario.plan();
        this.origins = plan.origins();
        int n = place.connections();
        this.slots = new HttpLink[n][origins.size()];
        for (int o = 0; o < origins.size(); o++) {
            HttpLink[] opened = HttpLink.open(scenario.origins().get(o), loop, n);
            for (int s = 0; s < n; s++) {
                slots[s][o] = opened[s];
                if (s == 0 || opened[s] != opened[s - 1]) {
                    links.add(opened[s]);
                }
            }
        }
        this.idle = new int[n];
        for (int s = 0; s < n; s++) {
            idle[idleCount++] = s;
        }
    }

    @Override
    public void measuring(LoadRecorder[] recorders) {
        parts.measuring(recorders);
    }

    @Override
    public boolean timedAsAWhole() {
        return false;
    }

    @Override
    public boolean free() {
        return idleCount > 0;
    }

    @Override
    public void send(long intendedNanos, long startNanos, long seq, int user, int epoch) {
        parts.sent(epoch);
        int slot = idle[head];
        head = (head + 1) % idle.length;
        idleCount--;
        new Journey(slot, intendedNanos, startNanos, seq, user, epoch).next(intendedNanos);
    }

    @Override
    public void sweep(long nowNanos) {
        for (HttpLink link : links) {
            link.sweep(nowNanos, timeoutNanos);
        }
    }

    @Override
    public void close() {
        closed = true;
        links.forEach(HttpLink::close);
    }

    /** One iteration: its slot, its session, where it is and its first failure. */
    private final class Journey {
        private final int slot;
        private final long intended;
        private final long start;
        private final long seq;
        private final int user;
        private final int epoch;
        private final String[] vars;
        private final CookieJar jar = new CookieJar();
        private int at;
        private Throwable failure;

        Journey(int slot, long intended, long start, long seq, int user, int epoch) {
            this.slot = slot;
            this.intended = intended;
            this.start = start;
            this.seq = seq;
            this.user = user;
            this.epoch = epoch;
            this.vars = new String[plan.variables().size()];
        }

        /** Runs the steps from {@link #at}, the next one intended at {@code due}. */
        void next(long due) {
            while (at < plan.steps().size() && !closed) {
                ScenarioPlan.Step step = plan.steps().get(at++);
                if (step.http() != null) {
                    send(step, due);
                    return;
                }
                long pause = step.think().nanos(Draw.uniform(plan.seed(), seq, THINK_ORDINAL + step.index()));
                long resume = due + pause;
                long delay = resume - System.nanoTime();
                if (delay > 0) {
                    var unusedThink = loop.schedule(() -> next(resume), delay, TimeUnit.NANOSECONDS);
                    return;
                }
                due = resume;
            }
            finish(System.nanoTime());
        }

        private void send(ScenarioPlan.Step step, long due) {
            LoadRecorder.Writer w = writer(step);
            if (w != null) {
                w.count(LoadRecorder.Counter.SENT);
            }
            HttpSetup origin = origins.get(step.origin());
            String cookies = jar.header(origin.host(), step.cookiePath(), https(origin), System.currentTimeMillis());
            long draws = plan.scenario().dataPerUser() && user >= 0 ? user : seq;
            slots[slot][step.origin()].send(step.http(), draws, vars, cookies, due, a -> answered(step, due, a));
        }

        private void answered(ScenarioPlan.Step step, long due, HttpLink.Answer a) {
            HttpSetup origin = origins.get(step.origin());
            long now = System.currentTimeMillis();
            String setCookies =
                    step.setCookie() < 0 || step.setCookie() >= a.headers().size()
                            ? null
                            : a.headers().get(step.setCookie());
            if (setCookies != null) {
                for (String line : setCookies.split("\n", -1)) {
                    jar.store(line, origin.host(), step.cookiePath(), now);
                }
            }
            Throwable f = a.failure();
            if (f == null) {
                f = extract(step, a, origin, now);
            }
            LoadRecorder.Writer w = writer(step);
            if (w != null) {
                w.complete(due, a.startNanos(), a.endNanos(), f, timeoutNanos);
            }
            if (f != null) {
                if (failure == null) {
                    failure = named(step.spec().name(), f);
                }
                if (step.spec().stops()) {
                    finish(a.endNanos());
                    return;
                }
            }
            next(a.endNanos());
        }

        /** Takes the step's values into the session; the first that is missing, or null. */
        private CheckFailure extract(ScenarioPlan.Step step, HttpLink.Answer a, HttpSetup origin, long now) {
            if (step.extractors().isEmpty()) {
                return null;
            }
            Extractor.Parsed parsed = new Extractor.Parsed();
            for (Extractor e : step.extractors()) {
                Object v = e.extract(
                        a, parsed, name -> jar.value(name, origin.host(), step.cookiePath(), https(origin), now));
                if (v instanceof CheckFailure missing) {
                    return missing;
                }
                vars[e.slot] = (String) v;
            }
            return null;
        }

        private LoadRecorder.Writer writer(ScenarioPlan.Step step) {
            LoadRecorder.Writer[] writers = parts.of(epoch);
            return writers == null ? null : writers[step.part()];
        }

        private void finish(long end) {
            idle[(head + idleCount++) % idle.length] = slot;
            stripe.completed(op, seq, intended, start, end, failure, user, epoch);
        }
    }

    private static boolean https(HttpSetup origin) {
        return origin.target().https();
    }

    /** A step's failure as the iteration's: the same kind, named after the step. */
    static Throwable named(String step, Throwable f) {
        if (f instanceof CheckFailure c) {
            return new CheckFailure(step + "." + c.check(), c.detail(), c.status());
        }
        if (f instanceof IOException) {
            return new IOException(step + ": " + f.getMessage(), f);
        }
        if (f instanceof TimeoutException) {
            return new TimeoutException(step + ": " + f.getMessage());
        }
        return new IllegalStateException(step + ": " + f, f);
    }
}
