package dev.parallelrun.runtime.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.migration.Migration;
import dev.parallelrun.experiment.migration.Stage;
import dev.parallelrun.experiment.migration.StageChange;
import dev.parallelrun.runtime.RuntimeLaboratory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The stage source is read on every call; a broken one keeps the last stage it gave and is counted. */
class StageSourceTest {

    @Test
    void aFlagFlipTakesEffectOnTheNextCall() {
        try (Fixture f = new Fixture(Stage.SHADOW)) {
            f.oldStore.data.put("c1", "old");
            f.newStore.data.put("c1", "new");
            assertThat(f.read("c1")).isEqualTo("old");
            f.stage(Stage.LIVE);
            assertThat(f.read("c1")).isEqualTo("new");
            assertThat(f.migration.stage()).isEqualTo(Stage.LIVE);
            assertThat(f.migration.history())
                    .extracting(StageChange::cause, StageChange::from, StageChange::to)
                    .containsExactly(
                            tuple(StageChange.Cause.STARTED, null, Stage.SHADOW),
                            tuple(StageChange.Cause.SOURCE, Stage.SHADOW, Stage.LIVE));
        }
    }

    @Test
    void theSourceIsReadOncePerCall() {
        AtomicInteger reads = new AtomicInteger();
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder().build()) {
            Migration<String> migration = lab.migration("counted", String.class)
                    .stage(() -> {
                        reads.incrementAndGet();
                        return Stage.DUAL_WRITE;
                    })
                    .build();
            int atBuild = reads.get();
            migration.read(Call.none(), () -> "old", () -> "new");
            migration.write(Call.none(), () -> "old", () -> "new");
            assertThat(atBuild).isEqualTo(1);
            assertThat(reads.get()).isEqualTo(3);
        }
    }

    @Test
    void aSourceThatThrowsOrReturnsNullKeepsTheLastStageAndIsCounted() {
        AtomicReference<@Nullable Stage> flag = new AtomicReference<>(Stage.LIVE);
        AtomicBoolean throwing = new AtomicBoolean();
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder().build()) {
            Migration<String> migration = lab.migration("broken-flags", String.class)
                    .stage(() -> {
                        if (throwing.get()) {
                            throw new IllegalStateException("flag service down");
                        }
                        return flag.get();
                    })
                    .build();
            assertThat(migration.read(Call.none(), () -> "old", () -> "new")).isEqualTo("new");
            flag.set(null);
            assertThat(migration.read(Call.none(), () -> "old", () -> "new")).isEqualTo("new");
            throwing.set(true);
            assertThat(migration.read(Call.none(), () -> "old", () -> "new")).isEqualTo("new");
            assertThat(migration.stage()).isEqualTo(Stage.LIVE);
            assertThat(migration.stats().stageSourceFaults()).isEqualTo(2);
            assertThat(migration.stats().sourceStage()).isEqualTo(Stage.LIVE);
            assertThat(migration.history()).hasSize(1);
        }
    }

    @Test
    void aThrowingSourceNeverDropsAMigrationToOffMidway() {
        AtomicReference<Stage> stage = new AtomicReference<>(Stage.DUAL_WRITE);
        AtomicBoolean failing = new AtomicBoolean();
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder().build()) {
            Migration<String> migration = lab.migration("flaky-flags", String.class)
                    .stage(() -> {
                        if (failing.get()) {
                            throw new IllegalStateException("flag service down");
                        }
                        return stage.get();
                    })
                    .build();
            failing.set(true);
            List<String> written = new CopyOnWriteArrayList<>();
            for (int i = 0; i < 10; i++) {
                migration.write(Call.keyed(i), () -> written.add("old"), () -> written.add("new"));
            }
            assertThat(written).filteredOn("new"::equals).hasSize(10);
            assertThat(migration.stage()).isEqualTo(Stage.DUAL_WRITE);
            assertThat(migration.stats().stageSourceFaults()).isEqualTo(10);
            assertThat(migration.history()).hasSize(1);
        }
    }

    @Test
    void aSourceThatNeverWorkedMeansOff() {
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder().build()) {
            Migration<String> migration = lab.migration("no-flags", String.class)
                    .stage(() -> {
                        throw new IllegalStateException("flag service down");
                    })
                    .build();
            assertThat(migration.read(Call.none(), () -> "old", () -> "new")).isEqualTo("old");
            assertThat(migration.stage()).isEqualTo(Stage.OFF);
            assertThat(migration.stats().sourceStage()).isNull();
            assertThat(migration.stats().stageSourceFaults()).isEqualTo(2); // at build, then the call
        }
    }

    @Test
    void everyTimelineEntryIsPublishedInOrderOnThePublishingThread() {
        try (Fixture f = new Fixture(Stage.OFF)) {
            for (Stage stage : Stage.values()) {
                f.stage(stage);
                f.read("c1");
            }
            var published = f.recorder.awaitStages(list -> list.size() == Stage.values().length);
            assertThat(published).extracting(StageChange::to).containsExactly(Stage.values());
            assertThat(published).isEqualTo(f.migration.history());
            assertThat(f.recorder.threads).extracting(Thread::getName).containsOnly("parallel-run-publisher");
            assertThat(f.migration.stats().stageChanges()).isEqualTo(6);
        }
    }
}
