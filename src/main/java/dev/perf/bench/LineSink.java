package dev.perf.bench;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * An output stream that hands each complete line (UTF-8, without terminator) to a consumer; what follows
 * the last newline is handed over on {@link #close()}. Synchronized: JMH may write from several threads.
 */
final class LineSink extends OutputStream {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
    private final Consumer<String> lines;

    LineSink(Consumer<String> lines) {
        this.lines = lines;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            emit();
        } else {
            buffer.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        int start = off;
        for (int i = off; i < off + len; i++) {
            if (b[i] == '\n') {
                buffer.write(b, start, i - start);
                emit();
                start = i + 1;
            }
        }
        buffer.write(b, start, off + len - start);
    }

    @Override
    public synchronized void close() {
        if (buffer.size() > 0) {
            emit();
        }
    }

    private void emit() {
        String line = buffer.toString(StandardCharsets.UTF_8);
        buffer.reset();
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        lines.accept(line);
    }
}
