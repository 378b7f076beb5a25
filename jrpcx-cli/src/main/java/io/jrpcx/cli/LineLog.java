package io.jrpcx.cli;

import java.io.PrintWriter;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes log lines from a thread of its own, so that a slow or never-read stderr cannot stall the I/O
 * threads that report connections. When more than {@code capacity} lines wait, further lines are
 * dropped and counted, and the count is written once the writer catches up.
 *
 * <pre>{@code
 * LineLog log = new LineLog(err, 10_000);
 * log.add("connection opened from 127.0.0.1:40000");
 * }</pre>
 */
final class LineLog {
    private final PrintWriter out;
    private final BlockingQueue<String> lines;
    private final AtomicLong dropped = new AtomicLong();

    LineLog(PrintWriter out, int capacity) {
        this.out = out;
        this.lines = new ArrayBlockingQueue<>(capacity);
        Thread writer = new Thread(this::write, "jrpcx-log");
        writer.setDaemon(true);
        writer.start();
    }

    /** Queues a line; never blocks. */
    void add(String line) {
        if (!lines.offer(line)) {
            dropped.incrementAndGet();
        }
    }

    private void write() {
        try {
            while (true) {
                String line = lines.take();
                long lost = dropped.getAndSet(0);
                if (lost > 0) {
                    out.println("(" + lost + " log lines dropped: stderr was not keeping up)");
                }
                out.println(line);
                if (lines.isEmpty()) {
                    out.flush();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
