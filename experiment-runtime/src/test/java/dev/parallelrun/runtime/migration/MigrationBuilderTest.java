package dev.parallelrun.runtime.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.Sampler;
import dev.parallelrun.experiment.migration.Migration;
import dev.parallelrun.experiment.migration.Stage;
import dev.parallelrun.runtime.RuntimeLaboratory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Options are checked all at once, naming each; a migration brings its two read experiments into the laboratory. */
class MigrationBuilderTest {

    @Test
    void everyMistakeIsReportedAtOnceNamingItsOption() {
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder().build()) {
            assertThatThrownBy(() -> lab.migration("bad name!", String.class)
                            .readTimeout(Duration.ZERO)
                            .minShadowDuration(Duration.ofDays(-1))
                            .build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("migration 'bad name!': name 'bad name!' must be 1 to 93 letters, digits, '.', '_' or"
                            + " '-', starting with a letter or digit; stage must be set: the migration reads its stage"
                            + " from it on every call; readTimeout must be positive, was PT0S; minShadowDuration must"
                            + " be zero or positive, was PT-24H");
            assertThatThrownBy(() -> lab.migration("m", String.class)
                            .stage(null)
                            .rollback(null)
                            .build())
                    .hasMessage("migration 'm': stage must not be null; rollback must not be null");
            assertThatThrownBy(() -> lab.migration("m", String.class)
                            .stage(() -> Stage.OFF)
                            .readTimeout(Duration.ofDays(2))
                            .build())
                    .hasMessage("migration 'm': readTimeout must be at most PT24H, was PT48H");
            assertThatThrownBy(() -> lab.migration("m", String.class)
                            .stage(() -> Stage.OFF)
                            .reads(read -> read.sampleRate(2))
                            .build())
                    .hasMessage("experiment 'm:shadow': sampleRate must be in [0, 1], was 2.0");
        }
    }

    @Test
    void itsReadExperimentsAreTheLaboratorysNamedAfterIt() {
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder().build()) {
            Migration<String> migration = lab.migration("customer-store", String.class)
                    .stage(() -> Stage.SHADOW)
                    .reads(read -> read.sampler(Sampler.never()))
                    .build();
            assertThat(lab.experiments())
                    .extracting(Experiment::name)
                    .containsExactly("customer-store:shadow", "customer-store:live");
            assertThat(lab.migrations()).containsExactly(migration);
            assertThat(migration.stats().shadowReads().experiment()).isEqualTo("customer-store:shadow");
            assertThat(migration.stats().liveReads().experiment()).isEqualTo("customer-store:live");
            assertThat(migration.name()).isEqualTo("customer-store");
        }
    }

    @Test
    void aNameIsUsedOnceAndAClosedLaboratoryMakesNone() {
        RuntimeLaboratory lab = RuntimeLaboratory.builder().build();
        lab.migration("orders", String.class).stage(() -> Stage.OFF).build();
        assertThatThrownBy(() -> lab.migration("orders", String.class)
                        .stage(() -> Stage.OFF)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("migration 'orders': name already used in this laboratory");
        lab.close();
        assertThatThrownBy(() -> lab.migration("later", String.class)
                        .stage(() -> Stage.OFF)
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("migration 'later': the laboratory is closed");
    }

    @Test
    void aMigrationKeepsServingAfterItsLaboratoryCloses() {
        RuntimeLaboratory lab = RuntimeLaboratory.builder().build();
        Migration<String> migration = lab.migration("after-close", String.class)
                .stage(() -> Stage.LIVE)
                .build();
        lab.close();
        assertThat(migration.read(Call.none(), () -> "old", () -> "new")).isEqualTo("new");
        assertThat(migration.write(Call.none(), () -> "old", () -> "new")).isEqualTo("new");
    }

    @Test
    void theLaboratorysCustomizerReachesTheReadExperiments() {
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder()
                .customizer((name, options) -> {
                    if (name.equals("tuned:live")) {
                        options.sampler(Sampler.never());
                    }
                })
                .build()) {
            Migration<String> migration =
                    lab.migration("tuned", String.class).stage(() -> Stage.LIVE).build();
            for (int i = 0; i < 10; i++) {
                migration.read(Call.none(), () -> "old", () -> "new");
            }
            assertThat(migration.stats().liveReads().sampled()).isZero();
        }
    }
}
