package dev.perf.load.scenario;

import dev.perf.load.drive.Lane;
import dev.perf.load.drive.LoopWorkload;
import dev.perf.load.http.HttpSetup;
import dev.perf.load.http.HttpWorkload;
import dev.perf.load.record.ConnectStats;
import java.util.List;

/**
 * The {@code scenario} target: one operation is one iteration of the journey. Its lanes ({@link JourneyLane})
 * run on perf's event loops, each iteration on connections of its own to every origin of the journey. It is
 * never called like a Java workload.
 */
public final class ScenarioWorkload extends LoopWorkload {
    private final ScenarioPlan plan;
    private final List<HttpWorkload> origins;
    private final ConnectStats connects = new ConnectStats();

    public ScenarioWorkload(ScenarioPlan plan) {
        this.plan = plan;
        this.origins = plan.origins().stream()
                .map((HttpSetup o) -> new HttpWorkload(o, connects))
                .toList();
    }

    ScenarioPlan plan() {
        return plan;
    }

    List<HttpWorkload> origins() {
        return origins;
    }

    @Override
    public Lane open(Lane.Place place) {
        return new JourneyLane(place, this);
    }

    @Override
    public List<String> parts() {
        return plan.parts();
    }

    @Override
    public ConnectStats connects() {
        return connects;
    }

    @Override
    public String targetNote() {
        return origins.stream()
                .map(HttpWorkload::targetNote)
                .filter(n -> !n.isEmpty())
                .findFirst()
                .orElse("");
    }

    @Override
    public String toString() {
        return "scenario " + String.join(",", plan.parts());
    }
}
