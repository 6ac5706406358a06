package dev.parallelrun.runtime;

import dev.parallelrun.experiment.Publisher;
import dev.parallelrun.experiment.Result;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;

/** Keeps every published result, and the threads they were published on, for tests to look at. */
final class RecordingPublisher implements Publisher {

    final List<Result<?>> results = new CopyOnWriteArrayList<>();
    final List<Thread> threads = new CopyOnWriteArrayList<>();
    volatile boolean closed;

    @Override
    public void publish(Result<?> result) {
        threads.add(Thread.currentThread());
        results.add(result);
    }

    @Override
    public void close() {
        closed = true;
    }

    /** Waits until {@code count} results arrived and returns them. */
    List<Result<?>> await(int count) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> results.size() >= count);
        return List.copyOf(results);
    }

    /** Waits for the first result and returns it. */
    @SuppressWarnings("unchecked")
    <T> Result<T> first() {
        return (Result<T>) await(1).get(0);
    }
}
