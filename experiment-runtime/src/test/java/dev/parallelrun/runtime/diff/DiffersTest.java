package dev.parallelrun.runtime.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.parallelrun.experiment.Difference;
import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.ExperimentBuilder;
import dev.parallelrun.experiment.Laboratory;
import dev.parallelrun.experiment.Tolerance;
import dev.parallelrun.experiment.spi.ExperimentBuilders;
import dev.parallelrun.experiment.spi.ExperimentFactory;
import dev.parallelrun.experiment.spi.ExperimentSpec;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class DiffersTest {

    record Price(String currency, double amount, Optional<String> coupon, LocalDate day, Map<String, Object> extra) {}

    /** The spec an experiment builder makes, through the noop laboratory. */
    private static ExperimentSpec<Object> spec(UnaryOperator<ExperimentBuilder<Object>> options) {
        AtomicReference<ExperimentSpec<?>> captured = new AtomicReference<>();
        ExperimentFactory capturing = new ExperimentFactory() {
            @Override
            public <T extends @Nullable Object> Experiment<T> create(ExperimentSpec<T> spec) {
                captured.set(spec);
                return Laboratory.noop().<T>experiment(spec.name()).build();
            }
        };
        options.apply(ExperimentBuilders.create("differ-test", capturing)).build();
        @SuppressWarnings("unchecked")
        ExperimentSpec<Object> spec = (ExperimentSpec<Object>) captured.get();
        return spec;
    }

    @Test
    void defaultMapperWritesDatesAsIsoStringsAndUnwrapsOptionals() throws Exception {
        ObjectMapper mapper = Differs.defaultMapper();

        assertThat(mapper.writeValueAsString(
                        new Price("EUR", 1.5, Optional.of("X"), LocalDate.parse("2026-01-02"), Map.of())))
                .isEqualTo(
                        "{\"currency\":\"EUR\",\"amount\":1.5,\"coupon\":\"X\",\"day\":\"2026-01-02\",\"extra\":{}}");
        assertThat(mapper.writeValueAsString(OffsetDateTime.parse("2026-01-02T03:04:05+01:00")))
                .isEqualTo("\"2026-01-02T03:04:05+01:00\"");
    }

    @Test
    void forExperimentAppliesTheExperimentsOptions() {
        ExperimentSpec<Object> spec = spec(b -> b.ignorePaths("/extra/at")
                .redactPaths("/extra/card")
                .unorderedArrays("/extra/tags")
                .tolerance("/amount", Tolerance.absolute(0.01))
                .maxDifferences(1));
        Differ differ = Differs.forExperiment(spec, Differs.defaultMapper());
        LocalDate day = LocalDate.parse("2026-01-02");
        Price control = new Price(
                "EUR", 1.50, Optional.empty(), day, Map.of("at", 1, "card", "4111", "tags", List.of("a", "b")));
        Price candidate = new Price(
                "USD", 1.505, Optional.of("X"), day, Map.of("at", 2, "card", "4222", "tags", List.of("b", "a")));

        Comparison comparison = differ.compare(control, candidate);

        assertThat(comparison.ignored()).isEqualTo(1);
        assertThat(comparison.diff().total()).isEqualTo(3); // currency, coupon, card
        assertThat(comparison.diff().differences()).hasSize(1);
        assertThat(differ.publish(control).json())
                .contains("\"card\":\"[REDACTED]\"")
                .doesNotContain("4111");
    }

    @Test
    void forExperimentNeverChangesTheApplicationsMapper() {
        ObjectMapper mapper = Differs.defaultMapper().enable(SerializationFeature.WRAP_ROOT_VALUE);
        Differ differ = Differs.forExperiment(spec(b -> b), mapper);

        List<Difference> differences =
                differ.compare(Map.of("a", 1), Map.of("a", 2)).diff().differences();

        assertThat(differences).extracting(Difference::path).containsExactly("/a"); // no root wrapper
        assertThat(mapper.isEnabled(SerializationFeature.WRAP_ROOT_VALUE)).isTrue();
    }
}
