package dev.parallelrun.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.experiment.migration.Migration;
import dev.parallelrun.experiment.migration.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A migration of the noop laboratory serves and writes as its stage says, so data lands where it must without an
 * engine, and compares, records and rolls back nothing.
 */
class NoopMigrationTest {

    @Test
    void servesFromTheSideItsStageSaysAndWritesTheSidesItSays() {
        AtomicReference<Stage> flag = new AtomicReference<>(Stage.OFF);
        Migration<String> migration = Laboratory.noop()
                .migration("noop-store", String.class)
                .stage(flag::get)
                .build();
        for (Stage stage : Stage.values()) {
            flag.set(stage);
            List<String> calls = new ArrayList<>();
            String read = migration.read(
                    Call.none(),
                    () -> {
                        calls.add("old read");
                        return "old";
                    },
                    () -> {
                        calls.add("new read");
                        return "new";
                    });
            String written = migration.write(
                    Call.keyed("k"),
                    () -> {
                        calls.add("old write");
                        return "old";
                    },
                    () -> {
                        calls.add("new write");
                        return "new";
                    });
            assertThat(read).as(stage.name()).isEqualTo(stage.serves().name().toLowerCase(Locale.ROOT));
            assertThat(written).isEqualTo(read);
            List<String> expected = new ArrayList<>();
            expected.add(read + " read");
            expected.add(stage.authoritative().name().toLowerCase(Locale.ROOT) + " write");
            if (stage.otherWrite() != null) {
                expected.add(stage.otherWrite().name().toLowerCase(Locale.ROOT) + " write");
            }
            assertThat(calls).as(stage.name()).isEqualTo(expected);
            assertThat(migration.stage()).isEqualTo(stage);
        }
    }

    @Test
    void comparesRecordsAndRollsBackNothing() {
        Migration<String> migration = Laboratory.noop()
                .migration("quiet", String.class)
                .stage(() -> Stage.LIVE)
                .build();
        for (int i = 0; i < 100; i++) {
            migration.read(Call.none(), () -> "old", () -> {
                throw new IllegalStateException("new down");
            });
            migration.write(
                    Call.keyed(i),
                    () -> {
                        throw new IllegalStateException("old down");
                    },
                    () -> "new");
        }
        assertThat(migration.rollback()).isNull();
        assertThat(migration.acknowledgeRollback()).isFalse();
        assertThat(migration.history()).isEmpty();
        assertThat(migration.writeFailures()).isEmpty();
        assertThat(migration.stats().reads()).isZero();
        assertThat(migration.readiness().ready()).isFalse();
        assertThat(Laboratory.noop().migrations()).isEmpty();
    }

    @Test
    void aBrokenStageSourceKeepsTheLastStage() {
        AtomicReference<Stage> flag = new AtomicReference<>(Stage.DUAL_WRITE);
        Migration<String> migration = Laboratory.noop()
                .migration("flaky", String.class)
                .stage(() -> {
                    Stage stage = flag.get();
                    if (stage == null) {
                        throw new IllegalStateException("flag service down");
                    }
                    return stage;
                })
                .build();
        flag.set(null);
        List<String> written = new ArrayList<>();
        migration.write(Call.none(), () -> written.add("old"), () -> written.add("new"));
        assertThat(written).containsExactly("old", "new");
    }

    @Test
    void itsOptionsAreCheckedAsAnyLaboratorys() {
        assertThatThrownBy(() -> Laboratory.noop().migration("", String.class).build())
                .hasMessageStartingWith("migration: name must not be empty; stage must be set");
    }
}
