package dev.parallelrun.runtime.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.Publisher;
import dev.parallelrun.experiment.Result;
import dev.parallelrun.experiment.migration.Migration;
import dev.parallelrun.experiment.migration.Stage;
import dev.parallelrun.experiment.migration.StageChange;
import dev.parallelrun.experiment.migration.WriteFailure;
import dev.parallelrun.runtime.LogCapture;
import dev.parallelrun.runtime.RuntimeLaboratory;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Stage changes and failed writes reach publishers as results do: on the publishing thread, a throwing publisher
 * isolated and counted, a full queue dropping and counting, and the migration's own memory of them complete.
 */
class MigrationRecordsTest {

    @Test
    void aPublisherThatThrowsOnARecordDoesNotKeepItFromTheOthers() {
        Publisher throwing = new Publisher() {
            @Override
            public void publish(Result<?> result) {}

            @Override
            public void publishStage(StageChange change) {
                throw new IllegalStateException("stage sink down");
            }

            @Override
            public void publishWriteFailure(WriteFailure failure) {
                throw new IllegalStateException("failure sink down");
            }
        };
        MigrationRecorder recorder = new MigrationRecorder();
        try (LogCapture logs = new LogCapture();
                RuntimeLaboratory lab = RuntimeLaboratory.builder()
                        .publisher(throwing)
                        .publisher(recorder)
                        .build()) {
            Migration<String> migration = lab.migration("isolated", String.class)
                    .stage(() -> Stage.DUAL_WRITE)
                    .build();
            migration.write(Call.keyed("k1"), () -> "old", () -> {
                throw new IllegalStateException("new down");
            });
            recorder.awaitWriteFailures(1);
            recorder.awaitStages(list -> list.size() == 1);
            Awaitility.await().until(() -> lab.publishingStats().publisherFailures() == 2);
            assertThat(logs.count("a publisher threw on a stage change or write failure"))
                    .isEqualTo(1);
        }
    }

    @Test
    void aPublisherThatKeepsNoRecordsNeedsNothingForThem() {
        Publisher resultsOnly = result -> {};
        try (RuntimeLaboratory lab =
                RuntimeLaboratory.builder().publisher(resultsOnly).build()) {
            Migration<String> migration = lab.migration("quiet", String.class)
                    .stage(() -> Stage.SHADOW)
                    .build();
            migration.write(Call.keyed("k1"), () -> "old", () -> {
                throw new IllegalStateException("new down");
            });
            assertThat(migration.stats().writeFailures()).isEqualTo(1);
            assertThat(migration.stats().unpublished()).isZero();
        }
    }

    @Test
    void aFullQueueDropsRecordsCountsThemAndTheMigrationStillKeepsThem() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        Publisher stuck = new Publisher() {
            @Override
            public void publish(Result<?> result) {}

            @Override
            public void publishStage(StageChange change) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        AtomicReference<Stage> flag = new AtomicReference<>(Stage.OFF);
        try (RuntimeLaboratory lab =
                RuntimeLaboratory.builder().publisher(stuck).queueCapacity(2).build()) {
            Migration<String> migration =
                    lab.migration("flapping", String.class).stage(flag::get).build();
            for (int i = 0; i < 20; i++) {
                flag.set(i % 2 == 0 ? Stage.DUAL_WRITE : Stage.OFF);
                migration.read(Call.none(), () -> "old", () -> "new");
            }
            assertThat(migration.history()).hasSize(21);
            assertThat(migration.stats().stageChanges()).isEqualTo(21);
            assertThat(migration.stats().unpublished()).isPositive();
            release.countDown();
        } finally {
            release.countDown();
        }
    }
}
