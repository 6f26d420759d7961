package dev.perf.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Serializing a small message to JSON bytes with Jackson. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JsonCodecBench {

    /** One line item of an order. */
    public record Line(String sku, int quantity, long priceCents) {}

    /** The message: an order as an API would return it. */
    public record Order(String id, String customer, List<Line> lines, String currency, boolean paid) {}

    private final ObjectMapper mapper = new ObjectMapper();
    private final Order order = new Order(
            "ord-20261122-0001",
            "cust-4711",
            List.of(new Line("SKU-1", 2, 1999), new Line("SKU-22", 1, 4500), new Line("SKU-333", 5, 250)),
            "EUR",
            true);

    @Benchmark
    public byte[] serialize() throws JsonProcessingException {
        return mapper.writeValueAsBytes(order);
    }
}
