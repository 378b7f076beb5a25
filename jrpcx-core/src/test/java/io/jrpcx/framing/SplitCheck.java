package io.jrpcx.framing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Feeds a stream to fresh framers split in every way (whole, every 2-way and 3-way split, byte by
 * byte, random splits) and into three kinds of buffer, and checks that each gives the expected events.
 */
final class SplitCheck {
    private SplitCheck() {
    }

    /** Records a framer's output as "m:HEX", "drop" and "fatal" events; no event may follow "fatal". */
    static final class Recorder implements FrameSink {
        final List<String> events = new ArrayList<>();
        final List<String> reasons = new ArrayList<>();

        @Override
        public void onMessage(byte[] message) {
            assertThat(events).doesNotContain("fatal");
            events.add("m:" + HexFormat.of().formatHex(message));
        }

        @Override
        public void onDropped(String reason) {
            assertThat(events).doesNotContain("fatal");
            reasons.add(reason);
            events.add("drop");
        }

        @Override
        public void onFatal(String reason) {
            assertThat(events).doesNotContain("fatal");
            reasons.add(reason);
            events.add("fatal");
        }
    }

    static String message(byte[] message) {
        return "m:" + HexFormat.of().formatHex(message);
    }

    static List<String> feed(Framer framer, byte[] input, int[] cuts, int bufferKind) {
        Recorder recorder = new Recorder();
        int from = 0;
        for (int i = 0; i <= cuts.length; i++) {
            int to = i < cuts.length ? cuts[i] : input.length;
            ByteBuffer chunk = NewlineFramerTest.chunk(input, from, to, bufferKind);
            int limit = chunk.limit();
            framer.feed(chunk, recorder);
            assertThat(chunk.position()).isEqualTo(limit);
            from = to;
        }
        return recorder.events;
    }

    /** Whole, every 2-way split, every 3-way split (if {@code threeWay}), byte by byte, and random splits. */
    static void everySplit(Supplier<? extends Framer> framers, byte[] input, List<String> expected, boolean threeWay) {
        for (int kind = 0; kind < 3; kind++) {
            assertThat(feed(framers.get(), input, new int[0], kind)).as("whole, kind %d", kind).isEqualTo(expected);
            for (int cut = 0; cut <= input.length; cut++) {
                assertThat(feed(framers.get(), input, new int[] {cut}, kind))
                        .as("cut at %d, kind %d", cut, kind).isEqualTo(expected);
            }
            int[] everyByte = new int[Math.max(0, input.length - 1)];
            Arrays.setAll(everyByte, i -> i + 1);
            assertThat(feed(framers.get(), input, everyByte, kind)).as("byte by byte, kind %d", kind)
                    .isEqualTo(expected);
        }
        if (threeWay) {
            for (int a = 0; a <= input.length; a++) {
                for (int b = a; b <= input.length; b++) {
                    assertThat(feed(framers.get(), input, new int[] {a, b}, (a + b) % 3))
                            .as("cut at %d and %d", a, b).isEqualTo(expected);
                }
            }
        }
        Random random = new Random(input.length);
        for (int round = 0; round < 200; round++) {
            int[] cuts = random.ints(random.nextInt(12), 0, input.length + 1).sorted().toArray();
            assertThat(feed(framers.get(), input, cuts, random.nextInt(3)))
                    .as("cut at %s", Arrays.toString(cuts)).isEqualTo(expected);
        }
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer out = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            out.put(p);
        }
        return out.array();
    }
}
