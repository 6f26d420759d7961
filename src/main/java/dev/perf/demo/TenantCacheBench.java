package dev.perf.demo;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** A per-tenant configuration cache on a {@link ConcurrentHashMap}: a hit and a miss that loads. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TenantCacheBench {

    /** Cached configuration of one tenant. */
    public record TenantConfig(String tenantId, int rateLimitPerSec, boolean featureFlag) {}

    @Param({"1000"})
    public int tenants;

    private final ConcurrentHashMap<String, TenantConfig> cache = new ConcurrentHashMap<>();
    private String[] knownIds;
    private String[] unknownIds;
    private int next;

    @Setup
    public void fill() {
        knownIds = new String[tenants];
        unknownIds = new String[tenants];
        for (int i = 0; i < tenants; i++) {
            knownIds[i] = "tenant-" + i;
            unknownIds[i] = "absent-" + i;
            cache.put(knownIds[i], load(knownIds[i]));
        }
    }

    @Benchmark
    public TenantConfig hit() {
        next = (next + 1) % tenants;
        return cache.get(knownIds[next]);
    }

    @Benchmark
    public TenantConfig miss() {
        next = (next + 1) % tenants;
        String id = unknownIds[next];
        TenantConfig loaded = cache.computeIfAbsent(id, TenantCacheBench::load);
        // Evict again so that the next lookup of this id is a miss too.
        cache.remove(id);
        return loaded;
    }

    private static TenantConfig load(String tenantId) {
        return new TenantConfig(tenantId, 100 + (tenantId.hashCode() & 0xff), (tenantId.length() & 1) == 0);
    }
}
