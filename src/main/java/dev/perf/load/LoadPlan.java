package dev.perf.load;

import dev.perf.host.MonitorTarget;
import dev.perf.load.grpc.GrpcPlan;
import dev.perf.load.grpc.GrpcWorkload;
import dev.perf.load.http.HttpSetup;
import dev.perf.load.http.HttpWorkload;
import dev.perf.load.kafka.KafkaSettings;
import dev.perf.load.message.MessagePlan;
import dev.perf.load.message.MessageWorkload;
import dev.perf.load.rabbitmq.RabbitSettings;
import dev.perf.load.scenario.ScenarioPlan;
import dev.perf.load.scenario.ScenarioWorkload;
import dev.perf.load.schedule.RateProfile;
import dev.perf.load.sql.SqlPlan;
import dev.perf.load.sql.SqlWorkload;
import dev.perf.load.template.TraceContext;
import dev.perf.observe.Observer;
import dev.perf.result.PerfException;
import dev.perf.suite.JavaTarget;
import dev.perf.suite.LoadSpec;
import dev.perf.suite.LoadTarget;
import dev.perf.suite.Profile;
import dev.perf.suite.Quantity;
import dev.perf.suite.SuiteSource;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A load entry checked and resolved before anything runs: its workload class found and its schedule built.
 * Immutable.
 *
 * @param spec the suite entry
 * @param operations the resolved operations: one, or the entries of a mix
 * @param baseDir directory that an exec target runs in (the suite's)
 * @param profile arrivals of the measured part (open model); null for the closed model
 * @param search the {@code findMaxRate} search, its rates parsed; null when the loop is measured at its profile
 * @param durationNanos measured duration (of each step of a search)
 * @param warmupNanos warm-up duration
 * @param trace the trace context its requests carry ({@code trace:}), null for none
 */
public record LoadPlan(
        LoadSpec spec,
        List<Operation> operations,
        Path baseDir,
        RateProfile profile,
        Search search,
        long durationNanos,
        long warmupNanos,
        TraceContext trace) {

    /** The placeholder in a URL that stands for the host and port of perf's demo server. */
    public static final String DEMO_SERVER = "{demo-server}";

    public LoadPlan {
        operations = List.copyOf(operations);
    }

    /**
     * A {@code findMaxRate} search with its rates parsed once.
     *
     * @param spec what the suite asks: steps, their length and the SLO each must meet
     * @param fromPerSec the first step's rate
     * @param toPerSec the highest rate a step may ask
     */
    public record Search(LoadSpec.FindMaxRate spec, double fromPerSec, double toPerSec) {
        /** {@code spec}'s rates parsed. */
        public static Search of(LoadSpec.FindMaxRate spec) {
            return new Search(spec, Quantity.ratePerSec(spec.from()), Quantity.ratePerSec(spec.to()));
        }
    }

    /** How long one operation may take, ns: the loop's {@code timeout}, 10 s when it gives none. */
    static long timeoutNanos(LoadSpec.Pattern p) {
        return p.timeout() == null ? 10_000_000_000L : p.timeout().toNanos();
    }

    /** The highest rate the whole run asks at any moment, /s; NaN for the closed model. */
    double peakPerSec() {
        if (spec.load().closed()) {
            return Double.NaN;
        }
        return search != null ? search.toPerSec() : profile.peakPerSec();
    }

    /** The rate of the open model's warm-up, /s: the search's first step, or where the profile starts. */
    double warmupPerSec() {
        if (search != null) {
            return search.fromPerSec();
        }
        return profile == null ? 0 : profile.countBefore(1_000_000_000L) - profile.countBefore(0);
    }

    /**
     * One resolved operation.
     *
     * @param name its name (the loop's own for a single target)
     * @param weight its weight in the mix
     * @param target what it does
     * @param workload creates its workload: the target resolved (a class loaded, a request or statement
     *     compiled, data files read) before anything runs, so that bad input is reported first
     */
    public record Operation(String name, int weight, LoadTarget target, Supplier<Workload> workload) {}

    /** Resolves {@code spec}: bad input naming the class (and jar) when the workload cannot be loaded. */
    public static LoadPlan of(LoadSpec spec, Profile.LoadDefaults defaults, SuiteSource source) {
        return of(spec, defaults, source, null);
    }

    /** The processes this loop watches, a pid file resolved against the suite's directory. */
    public List<MonitorTarget> monitors() {
        return spec.monitor().stream()
                .map(m -> new MonitorTarget(
                        m.label(),
                        m.pid(),
                        m.process(),
                        m.pidFile() == null ? null : baseDir.resolve(m.pidFile()),
                        m.port()))
                .toList();
    }

    /** Whether {@code spec} calls perf's demo server ({@code {demo-server}} in its URL). */
    public static boolean needsDemoServer(LoadSpec spec) {
        return spec.operations().stream().anyMatch(o -> o.target().needsDemoServer());
    }

    /** Resolves {@code spec}; {@code demoServer} ({@code host:port}) replaces {@code {demo-server}} in a URL. */
    public static LoadPlan of(LoadSpec spec, Profile.LoadDefaults defaults, SuiteSource source, String demoServer) {
        LoadSpec.Pattern p = spec.load();
        Duration duration = p.duration() != null ? p.duration() : defaults.duration();
        Duration warmup = p.warmup() != null ? p.warmup() : defaults.warmup();
        if (p.stages() != null) {
            duration = p.stages().stream().map(LoadSpec.Stage::duration).reduce(Duration.ZERO, Duration::plus);
        }
        if (duration == null || duration.isZero() || duration.isNegative()) {
            throw PerfException.badInput("load " + spec.name() + ": the duration must be positive");
        }
        long nanos = duration.toNanos();
        TraceContext trace = spec.trace() == null
                ? null
                : TraceContext.of(spec.trace(), source.suite().seed(), spec.name());
        List<Operation> operations = new ArrayList<>();
        for (LoadSpec.MixEntry e : spec.operations()) {
            String label = spec.mix() == null ? spec.name() : spec.name() + "/" + e.name();
            operations.add(new Operation(
                    e.name(), e.weight(), e.target(), resolve(spec, label, e, source, demoServer, trace)));
        }
        Observer.checkQueries(spec.name(), spec.observe());
        if (spec.findMaxRate() != null) {
            duration = spec.findMaxRate().step();
            nanos = duration.toNanos();
        }
        return new LoadPlan(
                spec,
                operations,
                source.baseDir(),
                spec.findMaxRate() != null ? null : profile(p, nanos),
                spec.findMaxRate() != null ? Search.of(spec.findMaxRate()) : null,
                nanos,
                warmup == null ? 0 : warmup.toNanos(),
                trace);
    }

    /** The one place a target's kind meets the room that runs it: resolved now, its workload made later. */
    private static Supplier<Workload> resolve(
            LoadSpec spec,
            String label,
            LoadSpec.MixEntry e,
            SuiteSource source,
            String demoServer,
            TraceContext trace) {
        LoadTarget t = e.target();
        String where = "load " + label;
        long seed = source.suite().seed();
        Supplier<Workload> web = web(spec, label, t, source, demoServer, trace);
        if (web != null) {
            return web;
        }
        long timeout = timeoutNanos(spec.load());
        if (t.sql() != null) {
            SqlPlan sql = SqlPlan.of(where, t.sql(), spec.data(), source.baseDir(), seed, System::getenv, timeout);
            return () -> new SqlWorkload(sql);
        }
        if (t.grpc() != null) {
            boolean judgesFirst = spec.targets().keySet().stream()
                    .anyMatch(k -> k.startsWith("steps.") && k.contains(GrpcPlan.FIRST_MESSAGE + "."));
            GrpcPlan grpc = GrpcPlan.of(
                            where, t.grpc(), spec.data(), source.baseDir(), seed, System::getenv, timeout, judgesFirst)
                    .traced(trace);
            return () -> new GrpcWorkload(grpc);
        }
        MessagePlan messages = messages(where, t, spec, source, timeout);
        if (messages != null) {
            return () -> new MessageWorkload(messages);
        }
        if (t.exec() != null) {
            List<String> command = t.exec().command();
            Path dir = source.baseDir();
            return () -> new ExecWorkload(command, dir, timeout);
        }
        Class<? extends Workload> type = workloadClass(label, t.java(), source);
        return () -> {
            try {
                return type.getConstructor().newInstance();
            } catch (ReflectiveOperationException | RuntimeException ex) {
                throw PerfException.badInput(where + ": cannot create " + type.getName() + ": " + ex);
            }
        };
    }

    /** The workload of an http or scenario target (their requests carry {@code trace}), or null for another kind. */
    private static Supplier<Workload> web(
            LoadSpec spec, String label, LoadTarget t, SuiteSource source, String demoServer, TraceContext trace) {
        String where = "load " + label;
        long seed = source.suite().seed();
        if (t.http() != null) {
            HttpSetup http = HttpSetup.of(
                            where,
                            t.http(),
                            httpUrl(label, t.http().url(), demoServer),
                            spec.data(),
                            source.baseDir(),
                            seed,
                            System::getenv,
                            List.of())
                    .traced(trace, 0);
            return () -> new HttpWorkload(http);
        }
        if (t.scenario() != null) {
            ScenarioPlan scenario = ScenarioPlan.of(
                            where,
                            t.scenario(),
                            url -> httpUrl(label, url, demoServer),
                            spec.data(),
                            source.baseDir(),
                            seed,
                            System::getenv)
                    .traced(trace);
            return () -> new ScenarioWorkload(scenario);
        }
        return null;
    }

    /** The messages of a kafka or rabbitmq target, or null for another kind. */
    private static MessagePlan messages(String where, LoadTarget t, LoadSpec spec, SuiteSource source, long timeout) {
        MessagePlan.Inputs in = new MessagePlan.Inputs(
                where, spec.data(), source.baseDir(), source.suite().seed(), System::getenv);
        if (t.kafka() != null) {
            return KafkaSettings.plan(t.kafka(), in, timeout);
        }
        return t.rabbitmq() == null ? null : RabbitSettings.plan(t.rabbitmq(), in);
    }

    private static String httpUrl(String name, String url, String demoServer) {
        if (url.contains(DEMO_SERVER)) {
            if (demoServer == null) {
                throw PerfException.badInput("load " + name + ": " + DEMO_SERVER + " in " + url
                        + " needs perf's demo server, which is not running");
            }
            url = url.replace(DEMO_SERVER, demoServer);
        }
        return url;
    }

    /** The measured part's arrival profile; null for the closed model. */
    static RateProfile profile(LoadSpec.Pattern p, long nanos) {
        if (p.closed()) {
            return null;
        }
        if (p.rate() != null) {
            return RateProfile.constant(Quantity.ratePerSec(p.rate()), nanos);
        }
        if (p.ramp() != null) {
            return RateProfile.ramp(
                    Quantity.ratePerSec(p.ramp().from()),
                    Quantity.ratePerSec(p.ramp().to()),
                    nanos);
        }
        if (p.spike() != null) {
            return RateProfile.spike(
                    Quantity.ratePerSec(p.spike().base()),
                    Quantity.ratePerSec(p.spike().peak()),
                    p.spike().at().toNanos(),
                    p.spike().hold().toNanos(),
                    nanos);
        }
        if (p.burst() != null) {
            return RateProfile.burst(
                    Quantity.ratePerSec(p.burst().base()),
                    Quantity.ratePerSec(p.burst().rate()),
                    p.burst().every().toNanos(),
                    p.burst().length().toNanos(),
                    nanos);
        }
        List<RateProfile.Segment> segments = new ArrayList<>();
        double previous = Quantity.ratePerSec(p.stages().get(0).rate());
        for (LoadSpec.Stage stage : p.stages()) {
            double rate = Quantity.ratePerSec(stage.rate());
            segments.add(new RateProfile.Segment(stage.duration().toNanos(), previous, rate));
            previous = rate;
        }
        return new RateProfile(segments);
    }

    private static Class<? extends Workload> workloadClass(String name, JavaTarget java, SuiteSource source) {
        // perf's classes, and those of --classpath (the planning thread's context class loader)
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        ClassLoader loader = context != null ? context : LoadPlan.class.getClassLoader();
        String where = "";
        if (java.jar() != null) {
            Path jar = source.resolve(java.jar());
            where = " in " + java.jar();
            if (!Files.isRegularFile(jar)) {
                throw PerfException.badInput("load " + name + ": jar " + java.jar() + " does not exist"
                        + (jar.toString().equals(java.jar()) ? "" : " (looked for " + jar + ")"));
            }
            try {
                loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, loader);
            } catch (MalformedURLException e) {
                throw PerfException.badInput("load " + name + ": cannot use jar " + java.jar() + ": " + e.getMessage());
            }
        }
        Class<?> type;
        try {
            type = Class.forName(java.className(), false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw PerfException.badInput("load " + name + ": unknown Workload class " + java.className() + where
                    + " (check the name, and jar: when it is not on perf's classpath)");
        }
        if (!Workload.class.isAssignableFrom(type)) {
            throw PerfException.badInput("load " + name + ": class " + java.className() + where
                    + " does not implement dev.perf.load.Workload");
        }
        try {
            if (!Modifier.isPublic(type.getConstructor().getModifiers())) {
                throw new NoSuchMethodException();
            }
        } catch (NoSuchMethodException e) {
            throw PerfException.badInput(
                    "load " + name + ": class " + java.className() + where + " needs a public no-argument constructor");
        }
        return type.asSubclass(Workload.class);
    }
}
