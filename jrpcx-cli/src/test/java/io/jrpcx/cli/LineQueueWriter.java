package io.jrpcx.cli;

import java.io.Writer;
import java.util.concurrent.BlockingQueue;

/** A writer that adds each complete line written to it to a queue, for tests that wait on a command's output. */
final class LineQueueWriter extends Writer {
    private final BlockingQueue<String> lines;
    private final StringBuilder line = new StringBuilder();

    LineQueueWriter(BlockingQueue<String> lines) {
        this.lines = lines;
    }

    @Override
    public synchronized void write(char[] c, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (c[i] == '\n') {
                lines.add(line.toString());
                line.setLength(0);
            } else {
                line.append(c[i]);
            }
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
