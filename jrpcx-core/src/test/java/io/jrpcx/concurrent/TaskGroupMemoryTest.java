package io.jrpcx.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;

/** What a group keeps of finished tasks: a long-lived group holds memory for its running tasks only. */
class TaskGroupMemoryTest {

    @Test
    void finishedTasksAreReleasedAsTheyComplete() throws Exception {
        TaskGroup group = TaskGroup.builder().retainFinished(false).build();
        List<WeakReference<Object>> refs = runTasksKeepingWeakRefs(group, 100);
        assertThat(group.tasks()).isEmpty();
        // the group keeps one finished task, the one completed() reports; all others are released
        Task<?> completed = group.completed();
        assertThat(completed).isNotNull();
        refs.removeIf(r -> r.get() == completed || r.get() == completed.result());
        assertThat(refs).hasSize(198);
        assertThat(collected(refs)).as("finished tasks and their results collected").isTrue();
        // the group lives on
        assertThat(group.spawn(() -> "still works").join()).isEqualTo("still works");
        group.join();
    }

    /** Runs {@code count} tasks to completion and returns weak references to them and their results. */
    private static List<WeakReference<Object>> runTasksKeepingWeakRefs(TaskGroup group, int count)
            throws InterruptedException {
        List<Task<byte[]>> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tasks.add(group.spawn(() -> new byte[10_000]));
        }
        List<WeakReference<Object>> refs = new ArrayList<>();
        for (Task<byte[]> task : tasks) {
            refs.add(new WeakReference<>(task.join()));
            refs.add(new WeakReference<>(task));
        }
        return refs;
    }

    @Test
    void daemonsAreReleasedAsTheyCompleteEvenInARetainingGroup() throws Exception {
        TaskGroup group = TaskGroup.create();
        List<WeakReference<Object>> refs = runDaemonsKeepingWeakRefs(group, 100);
        assertThat(group.daemons()).isEmpty();
        assertThat(collected(refs)).isTrue();
        group.join();
    }

    private static List<WeakReference<Object>> runDaemonsKeepingWeakRefs(TaskGroup group, int count)
            throws InterruptedException {
        List<WeakReference<Object>> refs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Task<byte[]> daemon = group.spawnDaemon(() -> new byte[10_000]);
            refs.add(new WeakReference<>(daemon.join()));
            refs.add(new WeakReference<>(daemon));
        }
        return refs;
    }

    @Test
    void aFinishedTaskKeepsNeitherItsThreadNorItsBody() throws Exception {
        TaskGroup group = TaskGroup.create();
        List<WeakReference<Object>> refs = new ArrayList<>();
        Task<String> task = spawnCapturing(group, refs);
        assertThat(task.join()).isEqualTo("ran");
        assertThat(collected(refs)).as("the body's captured state and the thread collected").isTrue();
        assertThat(group.tasks()).containsExactly(task);   // the task itself is still retained
        group.join();
    }

    /** Spawns a task whose body captures a large array; adds weak refs to that array and to the thread. */
    private static Task<String> spawnCapturing(TaskGroup group, List<WeakReference<Object>> refs) {
        byte[] captured = new byte[10_000];
        refs.add(new WeakReference<>(captured));
        return group.spawn(() -> {
            synchronized (refs) {
                refs.add(new WeakReference<>(Thread.currentThread()));
            }
            return captured.length == 10_000 ? "ran" : "wrong";
        });
    }

    @Test
    void aRetainingGroupKeepsFinishedTasksForResults() throws Exception {
        TaskGroup group = TaskGroup.create();
        List<WeakReference<Object>> refs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Task<byte[]> task = group.spawn(() -> new byte[1_000]);
            refs.add(new WeakReference<>(task.join()));
        }
        assertThat(collected(refs)).isFalse();
        group.join();
        assertThat(group.results()).hasSize(10);
    }

    /**
     * One million short tasks through one long-lived releasing group, at most 1,000 at a time (as a
     * session admits requests): the retained heap is measured after a GC at four checkpoints and must
     * not grow with the number of completed tasks.
     */
    @Test
    void oneMillionShortTasksThroughOneLongLivedGroupKeepMemoryFlat() throws Exception {
        TaskGroup group = TaskGroup.builder().name("million").retainFinished(false).build();
        long start = System.nanoTime();
        long[] heap = runShortTasks(group, 1_000_000);
        double seconds = Blocking.secondsSince(start);
        long growth = heap[3] - heap[0];
        System.out.printf("1M tasks through one releasing group: %.2f s (%.0f tasks/s); heap after GC at"
                + " 250k/500k/750k/1M tasks: %d/%d/%d/%d KiB; growth %d KiB%n", seconds, 1e6 / seconds,
                heap[0] >> 10, heap[1] >> 10, heap[2] >> 10, heap[3] >> 10, growth >> 10);
        assertThat(group.tasks()).isEmpty();
        assertThat(growth).as("heap growth over 750k completed tasks").isLessThan(16L << 20);
        assertThat(seconds).as("seconds for 1M tasks").isLessThan(120);
    }

    /** The measurement above does see retained tasks: a retaining group's heap grows with them. */
    @Test
    void theSameMeasurementSeesARetainingGroupGrow() throws Exception {
        TaskGroup group = TaskGroup.create();
        long[] heap = runShortTasks(group, 200_000);
        long growth = heap[3] - heap[0];
        System.out.printf("200k tasks through one retaining group: heap growth over 150k tasks %d KiB%n",
                growth >> 10);
        assertThat(growth).isGreaterThan(8L << 20);
        group.join();
        assertThat(group.results()).hasSize(200_000);
    }

    /**
     * Runs {@code total} short tasks through {@code group}, at most 1,000 at once, and returns the used
     * heap after a GC at each quarter, when no task is running.
     */
    private static long[] runShortTasks(TaskGroup group, int total) throws InterruptedException {
        int limit = 1_000;
        Semaphore inFlight = new Semaphore(limit);
        long[] heap = new long[4];
        for (int i = 0; i < total; i++) {
            inFlight.acquire();
            int n = i;
            group.spawn(() -> {
                try {
                    return n;
                } finally {
                    inFlight.release();
                }
            });
            if ((i + 1) % (total / 4) == 0) {
                inFlight.acquire(limit);                // every body has returned
                Blocking.until(() -> group.tasks().stream().allMatch(Task::isDone));
                heap[(i + 1) / (total / 4) - 1] = usedHeapAfterGc();
                inFlight.release(limit);
            }
        }
        group.join();
        return heap;
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }

    /** Whether every referent gets collected, trying a few garbage collections. */
    private static boolean collected(List<? extends WeakReference<?>> refs) {
        for (int attempt = 0; attempt < 20; attempt++) {
            System.gc();
            if (refs.stream().allMatch(r -> r.get() == null)) {
                return true;
            }
            Thread.yield();
        }
        return false;
    }
}
