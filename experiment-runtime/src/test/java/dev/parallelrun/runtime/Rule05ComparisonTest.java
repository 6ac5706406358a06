package dev.parallelrun.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.CandidateResult;
import dev.parallelrun.experiment.FaultSource;
import dev.parallelrun.experiment.Candidates;
import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.ExperimentBuilder;
import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.experiment.Result;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Contract rule 5: equals first, then the differ; exceptions match on class and message; comparator,
 * error comparator, ignore rules and cleaner, each with its own fallback when it throws.
 */
class Rule05ComparisonTest {

    private final RecordingPublisher published = new RecordingPublisher();
    private final RuntimeLaboratory lab = RuntimeLaboratory.builder().publisher(published).build();
    private int experiments;

    @AfterEach
    void close() {
        lab.close();
    }

    private <T> CandidateResult<T> outcomeOf(UnaryOperator<ExperimentBuilder<T>> options,
            dev.parallelrun.experiment.Behavior<T, ?> control, dev.parallelrun.experiment.Behavior<T, ?> candidate) {
        Experiment<T> experiment = options.apply(lab.experiment("compare-" + experiments++)).build();
        int before = published.results.size();
        try {
            experiment.run(Call.none(), control::call, Candidates.of("candidate", candidate));
        } catch (Throwable ignored) {
            // the control's own exception
        }
        @SuppressWarnings("unchecked")
        Result<T> result = (Result<T>) published.await(before + 1).get(before);
        return result.candidates().get(0);
    }

    @Test
    void equalValuesMatch() {
        assertThat(outcomeOf(o -> o, () -> "same", () -> new String("same")).outcome()).isEqualTo(Outcome.MATCH);
    }

    @Test
    void differentValuesMismatchAndShowBothSides() {
        CandidateResult<Object> candidate = outcomeOf(o -> o, () -> new Opaque("control-side"),
                () -> new Opaque("candidate-side"));
        assertThat(candidate.outcome()).isEqualTo(Outcome.MISMATCH);
        assertThat(candidate.diff().differences()).isNotEmpty();
        assertThat(candidate.diff().differences().toString()).contains("control-side").contains("candidate-side");
        assertThat(candidate.diff().signature()).isNotEmpty();
    }

    @Test
    void exceptionsOfSameClassAndMessageMatch() {
        assertThat(outcomeOf(o -> o, () -> {
            throw new IOException("down");
        }, () -> {
            throw new IOException("down");
        }).outcome()).isEqualTo(Outcome.MATCH);
    }

    @Test
    void exceptionsWithDifferentMessagesMismatch() {
        CandidateResult<Object> candidate = outcomeOf(o -> o, () -> {
            throw new IOException("down");
        }, () -> {
            throw new IOException("gone");
        });
        assertThat(candidate.outcome()).isEqualTo(Outcome.MISMATCH);
        assertThat(candidate.diff().differences().get(0).value()).contains("gone");
    }

    @Test
    void candidateThatThrowsWhereControlReturnedIsAMismatch() {
        CandidateResult<Object> candidate = outcomeOf(o -> o, () -> "value", () -> {
            throw new IllegalStateException("boom");
        });
        assertThat(candidate.outcome()).isEqualTo(Outcome.MISMATCH);
        assertThat(candidate.run().exception()).hasMessage("boom");
        assertThat(candidate.diff().differences().get(0).value())
                .contains("java.lang.IllegalStateException").contains("boom");
    }

    @Test
    void candidateThatReturnsWhereControlThrewIsAMismatch() {
        assertThat(outcomeOf(o -> o, () -> {
            throw new IllegalStateException("control");
        }, () -> "value").outcome()).isEqualTo(Outcome.MISMATCH);
    }

    @Test
    void comparatorDecides() {
        assertThat(outcomeOf(o -> o.comparator(String::equalsIgnoreCase), () -> "ABC", () -> "abc").outcome())
                .isEqualTo(Outcome.MATCH);
        assertThat(outcomeOf(o -> o.comparator(String::equalsIgnoreCase), () -> "ABC", () -> "abd").outcome())
                .isEqualTo(Outcome.MISMATCH);
    }

    @Test
    void comparatorThatThrowsGivesComparisonFailedAndIsCounted() {
        Experiment<String> experiment = lab.<String>experiment("comparator-throws").comparator((a, b) -> {
            throw new IllegalStateException("comparator bug");
        }).build();
        assertThat(experiment.run(() -> "a", () -> "b")).isEqualTo("a");
        CandidateResult<?> candidate = published.first().candidates().get(0);
        assertThat(candidate.outcome()).isEqualTo(Outcome.COMPARISON_FAILED);
        assertThat(candidate.note()).contains("comparator bug");
        assertThat(experiment.stats().faults(FaultSource.COMPARATOR)).isEqualTo(1);
    }

    @Test
    void errorComparatorDecidesAndItsFaultGivesComparisonFailed() {
        assertThat(outcomeOf(o -> o.errorComparator((a, b) -> a.getClass() == b.getClass()), () -> {
            throw new IOException("a");
        }, () -> {
            throw new IOException("b");
        }).outcome()).isEqualTo(Outcome.MATCH);
        assertThat(outcomeOf(o -> o.errorComparator((a, b) -> {
            throw new IllegalStateException("bad");
        }), () -> {
            throw new IOException("a");
        }, () -> {
            throw new IOException("a");
        }).outcome()).isEqualTo(Outcome.COMPARISON_FAILED);
    }

    @Test
    void ignoreRuleTurnsAMismatchIntoIgnored() {
        CandidateResult<String> candidate = outcomeOf(o -> o.ignore((control, cand) -> "legacy-bug".equals(control.value())),
                () -> "legacy-bug", () -> "fixed");
        assertThat(candidate.outcome()).isEqualTo(Outcome.IGNORED);
    }

    @Test
    void ignoreRulesAreCheckedOnlyForMismatches() {
        AtomicInteger asked = new AtomicInteger();
        assertThat(outcomeOf(o -> o.ignore((a, b) -> asked.incrementAndGet() > 0), () -> "same", () -> "same").outcome())
                .isEqualTo(Outcome.MATCH);
        assertThat(asked).hasValue(0);
    }

    @Test
    void throwingIgnoreRuleMeansNotIgnoredAndLaterRulesStillRun() {
        Experiment<String> experiment = lab.<String>experiment("ignore-throws")
                .ignore((a, b) -> {
                    throw new IllegalStateException("rule bug");
                })
                .ignore((a, b) -> "b".equals(b.value()))
                .build();
        experiment.run(() -> "a", () -> "b");
        experiment.run(() -> "a", () -> "c");
        var results = published.await(2);
        assertThat(results).extracting(r -> r.candidates().get(0).outcome())
                .containsExactlyInAnyOrder(Outcome.IGNORED, Outcome.MISMATCH);
        assertThat(experiment.stats().faults(FaultSource.IGNORE)).isEqualTo(2);
    }

    @Test
    void cleanerShapesWhatIsPublishedAndItsFaultPublishesTheRawValue() {
        CandidateResult<String> cleaned = outcomeOf(o -> o.cleaner(s -> s.toUpperCase()), () -> "abc", () -> "abcd");
        assertThat(cleaned.run().published().json()).isEqualTo("\"ABCD\"");
        assertThat(cleaned.run().value()).isEqualTo("abcd");
        CandidateResult<String> raw = outcomeOf(o -> o.cleaner(s -> {
            throw new IllegalStateException("cleaner bug");
        }), () -> "abc", () -> "abcd");
        assertThat(raw.outcome()).isEqualTo(Outcome.MISMATCH);
        assertThat(raw.run().published().json()).isEqualTo("\"abcd\"");
    }

    @Test
    void hostileEqualsFallsBackToTheDifferInsteadOfFailing() {
        CandidateResult<Object> candidate = outcomeOf(o -> o, () -> new HostileEquals(), () -> new HostileEquals());
        assertThat(candidate.outcome()).isIn(Outcome.MISMATCH, Outcome.MATCH);
    }

    @Test
    void eachCandidateHasItsOwnOutcomeAndNoneHidesAnother() {
        Experiment<String> experiment = lab.<String>experiment("many")
                .ignore((control, candidate) -> "ignored".equals(candidate.value()))
                .build();
        experiment.run(Call.none(), () -> "x", Candidates.<String>of("ignored", () -> "ignored")
                .and("failing", () -> {
                    throw new IllegalStateException();
                })
                .and("matching", () -> "x")
                .and("mismatching", () -> "y"));
        Result<String> result = published.first();
        assertThat(result.candidate("ignored").outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(result.candidate("failing").outcome()).isEqualTo(Outcome.MISMATCH);
        assertThat(result.candidate("matching").outcome()).isEqualTo(Outcome.MATCH);
        assertThat(result.candidate("mismatching").outcome()).isEqualTo(Outcome.MISMATCH);
        assertThat(result.anyMismatched()).isTrue();
    }

    /** A value with no structure Jackson can see, only toString. */
    private record Opaque(String text) {
        @Override
        public String toString() {
            return "Opaque(" + text + ")";
        }
    }

    /** A value whose equals and hashCode throw. */
    private static final class HostileEquals {
        @Override
        public boolean equals(Object other) {
            throw new IllegalStateException("equals bug");
        }

        @Override
        public int hashCode() {
            throw new IllegalStateException("hashCode bug");
        }

        @Override
        public String toString() {
            return "HostileEquals";
        }
    }
}
