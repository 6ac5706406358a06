package dev.parallelrun.runtime.migration;

import dev.parallelrun.experiment.Publisher;
import dev.parallelrun.experiment.Result;
import dev.parallelrun.experiment.migration.StageChange;
import dev.parallelrun.experiment.migration.WriteFailure;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/** Keeps every result, stage change and write failure published, with the threads they came on. */
final class MigrationRecorder implements Publisher {

    final List<Result<?>> results = new CopyOnWriteArrayList<>();
    final List<StageChange> stages = new CopyOnWriteArrayList<>();
    final List<WriteFailure> writeFailures = new CopyOnWriteArrayList<>();
    final List<Thread> threads = new CopyOnWriteArrayList<>();

    @Override
    public void publish(Result<?> result) {
        threads.add(Thread.currentThread());
        results.add(result);
    }

    @Override
    public void publishStage(StageChange change) {
        threads.add(Thread.currentThread());
        stages.add(change);
    }

    @Override
    public void publishWriteFailure(WriteFailure failure) {
        threads.add(Thread.currentThread());
        writeFailures.add(failure);
    }

    List<Result<?>> awaitResults(int count) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> results.size() >= count);
        return List.copyOf(results);
    }

    List<StageChange> awaitStages(Predicate<List<StageChange>> done) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> done.test(List.copyOf(stages)));
        return List.copyOf(stages);
    }

    List<WriteFailure> awaitWriteFailures(int count) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> writeFailures.size() >= count);
        return List.copyOf(writeFailures);
    }
}
