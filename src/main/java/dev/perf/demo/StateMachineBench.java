package dev.perf.demo;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** One transition of a ride's state machine, driven by a repeating sequence of events. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StateMachineBench {

    /** States of a ride. */
    public enum RideState {
        REQUESTED,
        ASSIGNED,
        ARRIVED,
        IN_PROGRESS,
        COMPLETED
    }

    /** Events that move a ride along. */
    public enum RideEvent {
        ASSIGN,
        ARRIVE,
        START,
        FINISH,
        RESET
    }

    private static final Map<RideState, Map<RideEvent, RideState>> TRANSITIONS = new EnumMap<>(RideState.class);

    static {
        for (RideState s : RideState.values()) {
            TRANSITIONS.put(s, new EnumMap<>(RideEvent.class));
        }
        TRANSITIONS.get(RideState.REQUESTED).put(RideEvent.ASSIGN, RideState.ASSIGNED);
        TRANSITIONS.get(RideState.ASSIGNED).put(RideEvent.ARRIVE, RideState.ARRIVED);
        TRANSITIONS.get(RideState.ARRIVED).put(RideEvent.START, RideState.IN_PROGRESS);
        TRANSITIONS.get(RideState.IN_PROGRESS).put(RideEvent.FINISH, RideState.COMPLETED);
        TRANSITIONS.get(RideState.COMPLETED).put(RideEvent.RESET, RideState.REQUESTED);
    }

    private static final RideEvent[] SCRIPT = RideEvent.values();

    private RideState state = RideState.REQUESTED;
    private int step;

    @Benchmark
    public RideState transition() {
        RideEvent event = SCRIPT[step];
        step = (step + 1) % SCRIPT.length;
        RideState nextState = TRANSITIONS.get(state).get(event);
        if (nextState == null) {
            throw new IllegalStateException("no transition from " + state + " on " + event);
        }
        state = nextState;
        return state;
    }
}
