package io.jrpcx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A stderr that does not keep up never stalls whoever logs. */
@Timeout(60)
class LineLogTest {

    /** A writer stuck until released, like a pipe nobody reads. */
    private static final class StuckWriter extends Writer {
        final CountDownLatch release = new CountDownLatch(1);
        final StringWriter written = new StringWriter();

        @Override
        public void write(char[] chars, int off, int len) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (written) {
                written.write(chars, off, len);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        String text() {
            synchronized (written) {
                return written.toString();
            }
        }
    }

    @Test
    void addingNeverBlocksAndOverflowIsCountedThenReported() throws InterruptedException {
        StuckWriter stuck = new StuckWriter();
        LineLog log = new LineLog(new PrintWriter(stuck), 10);
        long start = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            log.add("line " + i);
        }
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(10);
        stuck.release.countDown();
        // once the writer has caught up, lines get through again
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!stuck.text().contains("after") && System.nanoTime() < deadline) {
            log.add("after");
            Thread.yield();
        }
        String text = stuck.text();
        assertThat(text).contains("line 0").contains("log lines dropped").contains("after");
        // at most the queue's 10 lines and the one the writer held when it got stuck got through
        assertThat(text.lines().filter(l -> l.startsWith("line ")).count()).isLessThanOrEqualTo(12);
    }
}
