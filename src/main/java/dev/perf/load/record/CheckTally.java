package dev.perf.load.record;

import dev.perf.result.LoadDetails;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Failed response checks of one measurement, by check name, with the first failure's detail. Any thread:
 * failures are the exception, so a shared map costs nothing on the path of a success.
 */
final class CheckTally {
    private record Entry(LongAdder count, AtomicReference<String> first) {}

    private final Map<String, Entry> byCheck = new ConcurrentHashMap<>();

    void record(CheckFailure failure) {
        Entry e = byCheck.computeIfAbsent(failure.check(), k -> new Entry(new LongAdder(), new AtomicReference<>()));
        e.count.increment();
        e.first.compareAndSet(null, CheckFailure.truncate(failure.getMessage()));
    }

    Map<String, LoadDetails.CheckCount> snapshot() {
        Map<String, LoadDetails.CheckCount> out = new TreeMap<>();
        byCheck.forEach((k, e) -> out.put(k, new LoadDetails.CheckCount(e.count.sum(), e.first.get())));
        return out;
    }
}
