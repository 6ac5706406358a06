package dev.parallelrun.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.experiment.CandidateResult;
import dev.parallelrun.experiment.Difference;
import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.ExperimentBuilder;
import dev.parallelrun.experiment.FaultSource;
import dev.parallelrun.experiment.Operation;
import dev.parallelrun.experiment.Outcome;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Rule 6 of CONTRACT.md, through the engine: values become trees, differences are RFC 6902 operations at RFC 6901
 * pointers, arrays are aligned, ignore and redact paths apply, and what cannot be a tree falls back.
 */
class Rule06StructuralDiffTest {

    record Line(String sku, int quantity, BigDecimal discount) {}

    record Order(
            String id, List<Line> lines, Optional<String> coupon, LocalDate deliveredOn, Map<String, Object> extra) {}

    private final RecordingPublisher published = new RecordingPublisher();
    private final RuntimeLaboratory lab =
            RuntimeLaboratory.builder().publisher(published).build();
    private int experiments;

    @AfterEach
    void close() {
        lab.close();
    }

    private <T> CandidateResult<T> compare(UnaryOperator<ExperimentBuilder<T>> options, T control, T candidate) {
        Experiment<T> experiment =
                options.apply(lab.experiment("rule6-" + experiments++)).build();
        int before = published.results.size();
        experiment.run(() -> control, () -> candidate);
        @SuppressWarnings("unchecked")
        CandidateResult<T> result = (CandidateResult<T>)
                published.await(before + 1).get(before).candidates().get(0);
        return result;
    }

    private static Order order(List<Line> lines, Optional<String> coupon) {
        return new Order("A-17", lines, coupon, LocalDate.parse("2026-11-25"), Map.of("note", "gift"));
    }

    @Test
    void differencesAreRfc6902OperationsAtRfc6901Pointers() {
        List<Line> lines = List.of(new Line("tea", 1, new BigDecimal("0.10")), new Line("mug", 2, BigDecimal.ZERO));
        List<Line> changed = List.of(
                new Line("tea", 1, new BigDecimal("0.15")),
                new Line("mug", 2, BigDecimal.ZERO),
                new Line("pot", 1, BigDecimal.ONE));
        CandidateResult<Order> result =
                compare(o -> o, order(lines, Optional.of("SPRING")), order(changed, Optional.empty()));

        assertThat(result.outcome()).isEqualTo(Outcome.MISMATCH);
        assertThat(result.diff().structural()).isTrue();
        assertThat(result.diff().differences())
                .extracting(Difference::describe)
                .containsExactlyInAnyOrder("replace /lines/0/discount", "add /lines/2", "replace /coupon");
        Difference discount = result.diff().differences().stream()
                .filter(d -> d.path().equals("/lines/0/discount"))
                .findFirst()
                .orElseThrow();
        assertThat(discount.previous()).isEqualTo("0.10"); // numbers are compared by value, and shown as written
        assertThat(discount.value()).isEqualTo("0.15");
        assertThat(result.diff().signature()).hasSize(16);
    }

    @Test
    void numbersCompareByValueAndDatesAsIsoStrings() {
        record Amount(Object value, LocalDate on) {}
        assertThat(compare(
                                o -> o,
                                new Amount(1, LocalDate.parse("2026-11-25")),
                                new Amount(new BigDecimal("1.0"), LocalDate.parse("2026-11-25")))
                        .outcome())
                .isEqualTo(Outcome.MATCH);
        CandidateResult<Amount> dates = compare(
                o -> o, new Amount(1, LocalDate.parse("2026-11-25")), new Amount(1, LocalDate.parse("2026-11-26")));
        assertThat(dates.diff().differences())
                .singleElement()
                .satisfies(d -> assertThat(d.toString()).isEqualTo("replace /on \"2026-11-25\" -> \"2026-11-26\""));
    }

    @Test
    void oneInsertionIntoAThousandElementsIsOneAdd() {
        List<Integer> control = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            control.add(i);
        }
        List<Integer> candidate = new ArrayList<>(control);
        candidate.add(500, -1);
        CandidateResult<List<Integer>> result = compare(o -> o, control, candidate);
        assertThat(result.diff().differences()).singleElement().satisfies(d -> {
            assertThat(d.op()).isEqualTo(Operation.ADD);
            assertThat(d.path()).isEqualTo("/500");
        });
    }

    @Test
    void differencesOnlyAtIgnoredPathsAreIgnoredNotMatched() {
        record Quote(int total, String quotedAt) {}
        assertThat(compare(o -> o.ignorePaths("/quotedAt"), new Quote(10, "09:00"), new Quote(10, "09:01"))
                        .outcome())
                .isEqualTo(Outcome.IGNORED);
        CandidateResult<Quote> both =
                compare(o -> o.ignorePaths("/quotedAt"), new Quote(10, "09:00"), new Quote(11, "09:01"));
        assertThat(both.outcome()).isEqualTo(Outcome.MISMATCH);
        assertThat(both.diff().differences()).extracting(Difference::path).containsExactly("/total");
    }

    @Test
    void redactedValuesArePublishedNowhere() {
        record Customer(String name, String card) {}
        String secret = "4111-1111-1111-1111";
        CandidateResult<Customer> result =
                compare(o -> o.redactPaths("/card"), new Customer("Ann", secret), new Customer("Anne", secret + "-x"));
        String everything = result.run().published().json()
                + result.diff().differences()
                + published.results.get(0).control().published().json();
        assertThat(everything).doesNotContain(secret).contains("[REDACTED]");
        assertThat(result.diff().differences()).extracting(Difference::path).contains("/name", "/card");
    }

    @Test
    void differencesShowTheCleanedAndRedactedValuesNotTheRawOnes() {
        record Customer(String name, String card, String city) {}
        CandidateResult<Customer> result = compare(
                o -> o.cleaner(c -> new Customer(c.name().toUpperCase(java.util.Locale.ROOT), c.card(), "somewhere"))
                        .redactPaths("/card"),
                new Customer("ann", "4111-1111", "Oslo"),
                new Customer("anne", "4222-2222", "Bergen"));
        assertThat(result.outcome()).isEqualTo(Outcome.MISMATCH);
        assertThat(result.diff().differences())
                .extracting(Difference::toString)
                .containsExactlyInAnyOrder(
                        "replace /name \"ANN\" -> \"ANNE\"", "replace /card \"[REDACTED]\" -> \"[REDACTED]\"");
        String shown = result.diff().differences().toString() + result.diff().signature();
        assertThat(shown)
                .doesNotContain("ann\"")
                .doesNotContain("anne")
                .doesNotContain("4111")
                .doesNotContain("4222")
                .doesNotContain("Oslo")
                .doesNotContain("Bergen");
        // the match decision saw the raw values: the cities differ, though the cleaned forms do not show it
        assertThat(result.run().value().city()).isEqualTo("Bergen");
    }

    @Test
    void valuesThatCannotBeTreesFallBackToEqualsAndToString() {
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        List<Object> other = new ArrayList<>();
        other.add("x");
        Experiment<Object> experiment =
                lab.experiment("rule6-cycle", Object.class).build();
        experiment.run(() -> cycle, () -> other);
        CandidateResult<?> result = published.first().candidates().get(0);
        assertThat(result.outcome()).isEqualTo(Outcome.MISMATCH);
        assertThat(result.diff().structural()).isFalse();
        assertThat(result.diff().note()).contains("compared with equals").contains("cycle");
        assertThat(experiment.stats().faults(FaultSource.DIFFER)).isEqualTo(1);
    }

    @Test
    void capsKeepTheTrueCount() {
        List<Integer> control = new ArrayList<>();
        List<Integer> candidate = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            control.add(i);
            candidate.add(-i - 1);
        }
        CandidateResult<List<Integer>> result = compare(o -> o.maxDifferences(10), control, candidate);
        assertThat(result.diff().differences()).hasSize(10);
        assertThat(result.diff().total()).isEqualTo(500);
        assertThat(result.diff().truncated()).isTrue();
    }
}
