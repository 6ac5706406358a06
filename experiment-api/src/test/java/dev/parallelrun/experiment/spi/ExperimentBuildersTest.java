package dev.parallelrun.experiment.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.ExperimentBuilder;
import dev.parallelrun.experiment.Laboratory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The SPI's one way to make builders: ExperimentBuilders.create binds a builder to a factory; no other maker is let in. */
class ExperimentBuildersTest {

    private final List<ExperimentSpec<?>> specs = new ArrayList<>();

    private <T extends @Nullable Object> Experiment<T> record(ExperimentSpec<T> spec) {
        specs.add(spec);
        return Laboratory.noop().<T>experiment(spec.name()).build();
    }

    @Test
    void createMakesABuilderWhoseBuildHandsTheCheckedOptionsToItsFactory() {
        ExperimentBuilder<String> builder = ExperimentBuilders.create("pricing-v2", this::record);
        Experiment<String> experiment =
                builder.candidateTimeout(Duration.ofMillis(250)).maxRunaways(3).build();
        assertThat(experiment.name()).isEqualTo("pricing-v2");
        assertThat(specs).singleElement().satisfies(spec -> {
            assertThat(spec.name()).isEqualTo("pricing-v2");
            assertThat(spec.candidateTimeout()).isEqualTo(Duration.ofMillis(250));
            assertThat(spec.maxRunaways()).isEqualTo(3);
        });
    }

    @Test
    void aBuilderWithMistakesNeverReachesItsFactory() {
        ExperimentBuilder<String> builder = ExperimentBuilders.create("pricing v2", this::record);
        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class);
        assertThat(specs).isEmpty();
    }

    @Test
    void eachBuilderIsBoundToItsOwnFactory() {
        List<String> other = new ArrayList<>();
        ExperimentBuilder<String> mine = ExperimentBuilders.create("mine", this::record);
        ExperimentBuilder<String> theirs = ExperimentBuilders.create("theirs", new ExperimentFactory() {
            @Override
            public <T extends @Nullable Object> Experiment<T> create(ExperimentSpec<T> spec) {
                other.add(spec.name());
                return Laboratory.noop().<T>experiment(spec.name()).build();
            }
        });
        theirs.build();
        mine.build();
        assertThat(other).containsExactly("theirs");
        assertThat(specs).extracting(ExperimentSpec::name).containsExactly("mine");
    }

    @Test
    void createRefusesANullFactory() {
        assertThatThrownBy(() -> ExperimentBuilders.create("x", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("factory");
    }

    @Test
    void installRefusesASecondMaker() {
        ExperimentBuilders.create("x", this::record); // the builder's own maker is installed by now
        ExperimentBuilders.Maker impostor = new ExperimentBuilders.Maker() {
            @Override
            public <T extends @Nullable Object> ExperimentBuilder<T> make(
                    @Nullable String name, ExperimentFactory factory) {
                throw new AssertionError("never used");
            }
        };
        assertThatThrownBy(() -> ExperimentBuilders.install(impostor))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("only ExperimentBuilder installs the maker of experiment builders");
        // builders still come from the real maker
        assertThat(ExperimentBuilders.<String>create("after", this::record)
                        .build()
                        .name())
                .isEqualTo("after");
    }
}
