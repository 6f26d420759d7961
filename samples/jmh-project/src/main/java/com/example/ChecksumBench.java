package com.example;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Three JDK checksums over a message of {@code size} bytes. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ChecksumBench {
    @Param({"1024"})
    public int size;

    private byte[] data;

    @Setup
    public void fill() {
        data = new byte[size];
        new Random(42).nextBytes(data);
    }

    @Benchmark
    public long crc32() {
        CRC32 c = new CRC32();
        c.update(data, 0, data.length);
        return c.getValue();
    }

    @Benchmark
    public long crc32c() {
        CRC32C c = new CRC32C();
        c.update(data, 0, data.length);
        return c.getValue();
    }

    @Benchmark
    public long adler32() {
        Adler32 c = new Adler32();
        c.update(data, 0, data.length);
        return c.getValue();
    }
}
