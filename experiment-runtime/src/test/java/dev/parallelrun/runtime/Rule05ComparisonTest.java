package dev.parallelrun.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.CandidateResult;
import dev.parallelrun.experiment.Candidates;
import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.ExperimentBuilder;
import dev.parallelrun.experiment.FaultSource;
import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.experiment.Result;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Rule 5 of CONTRACT.md: equals first, then the differ; exceptions match on class and message; comparator,
 * error comparator, ignore rules and cleaner, each with its own fallback when it throws.
 */
class Rule05ComparisonTest {

    private final RecordingPublisher published = new RecordingPublisher();
    // comparison is under test, not timeouts: a loaded machine must not turn a slow start into TIMED_OUT
    private final RuntimeLaboratory lab = RuntimeLaboratory.builder()
            .publisher(published)
            .customizer((name, options) -> options.candidateTimeout(java.time.Duration.ofSeconds(30)))
            .build();
    private int experiments;

    @AfterEach
    void close() {
        lab.close();
    }

    private <T> CandidateResult<T> outcomeOf(
            UnaryOperator<ExperimentBuilder<T>> options,
            dev.parallelrun.experiment.Behavior<T, ?> control,
            dev.parallelrun.experiment.Behavior<T, ?> candidate) {
        Experiment<T> experiment =
                options.apply(lab.experiment("compare-" + experiments++)).build();
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
        assertThat(outcomeOf(o -> o, () -> "same", () -> new String("same")).outcome())
                .isEqualTo(Outcome.MATCH);
    }

    @Test
    void differentValuesMismatchAndShowBothSides() {
        CandidateResult<Object> candidate =
                outcomeOf(o -> o, () -> new Opaque("control-side"), () -> new Opaque("candidate-side"));
        assertThat(candidate.outcome()).isEqualTo(Outcome.MISMATCH);
        assertThat(candidate.diff().differences()).isNotEmpty();
        assertThat(candidate.diff().differences().toString())
                .contains("control-side")
                .contains("candidate-side");
        assertThat(candidate.diff().signature()).isNotEmpty();
    }

    @Test
    void exceptionsOfSameClassAndMessageMatch() {
        assertThat(outcomeOf(
                                o -> o,
                                () -> {
                                    throw new IOException("down");
                                },
                                () -> {
                                    throw new IOException("down");
                                })
                        .outcome())
                .isEqualTo(Outcome.MATCH);
    }

    @Test
    void exceptionsWithDifferentMessagesMismatch() {
        CandidateResult<Object> candidate = outcomeOf(
                o -> o,
                () -> {
                    throw new IOException("down");
                },
                () -> {
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
                .contains("java.lang.IllegalStateException")
                .contains("boom");
    }

    @Test
    void candidateThatReturnsWhereControlThrewIsAMismatch() {
        assertThat(outcomeOf(
                                o -> o,
                                () -> {
                                    throw new IllegalStateException("control");
                                },
                                () -> "value")
                        .outcome())
                .isEqualTo(Outcome.MISMATCH);
    }

    @Test
    void comparatorDecides() {
        assertThat(outcomeOf(o -> o.comparator(String::equalsIgnoreCase), () -> "ABC", () -> "abc")
                        .outcome())
                .isEqualTo(Outcome.MATCH);
        assertThat(outcomeOf(o -> o.comparator(String::equalsIgnoreCase), () -> "ABC", () -> "abd")
                        .outcome())
                .isEqualTo(Outcome.MISMATCH);
    }

    @Test
    void comparatorThatThrowsGivesComparisonFailedAndIsCounted() {
        Experiment<String> experiment = lab.<String>experiment("comparator-throws")
                .comparator((a, b) -> {
                    throw new IllegalStateException("comparator bug");
                })
                .build();
        assertThat(experiment.run(() -> "a", () -> "b")).isEqualTo("a");
        CandidateResult<?> candidate = published.first().candidates().get(0);
        assertThat(candidate.outcome()).isEqualTo(Outcome.COMPARISON_FAILED);
        assertThat(candidate.note()).contains("comparator bug");
        assertThat(experiment.stats().faults(FaultSource.COMPARATOR)).isEqualTo(1);
    }

    @Test
    void errorComparatorDecidesAndItsFaultGivesComparisonFailed() {
        assertThat(outcomeOf(
                                o -> o.errorComparator((a, b) -> a.getClass() == b.getClass()),
                                () -> {
                                    throw new IOException("a");
                                },
                                () -> {
                                    throw new IOException("b");
                                })
                        .outcome())
                .isEqualTo(Outcome.MATCH);
        assertThat(outcomeOf(
                                o -> o.errorComparator((a, b) -> {
                                    throw new IllegalStateException("bad");
                                }),
                                () -> {
                                    throw new IOException("a");
                                },
                                () -> {
                                    throw new IOException("a");
                                })
                        .outcome())
                .isEqualTo(Outcome.COMPARISON_FAILED);
    }

    @Test
    void ignoreRuleTurnsAMismatchIntoIgnored() {
        CandidateResult<String> candidate = outcomeOf(
                o -> o.ignore((control, cand) -> "legacy-bug".equals(control.value())),
                () -> "legacy-bug",
                () -> "fixed");
        assertThat(candidate.outcome()).isEqualTo(Outcome.IGNORED);
    }

    @Test
    void ignoreRulesAreCheckedOnlyForMismatches() {
        AtomicInteger asked = new AtomicInteger();
        assertThat(outcomeOf(o -> o.ignore((a, b) -> asked.incrementAndGet() > 0), () -> "same", () -> "same")
                        .outcome())
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
        assertThat(results)
                .extracting(r -> r.candidates().get(0).outcome())
                .containsExactlyInAnyOrder(Outcome.IGNORED, Outcome.MISMATCH);
        assertThat(experiment.stats().faults(FaultSource.IGNORE)).isEqualTo(2);
    }

    @Test
    void cleanerShapesWhatIsPublishedAndItsFaultPublishesTheRawValue() {
        CandidateResult<String> cleaned = outcomeOf(o -> o.cleaner(s -> s.toUpperCase()), () -> "abc", () -> "abcd");
        assertThat(cleaned.run().published().json()).isEqualTo("\"ABCD\"");
        assertThat(cleaned.run().value()).isEqualTo("abcd");
        CandidateResult<String> raw = outcomeOf(
                o -> o.cleaner(s -> {
                    throw new IllegalStateException("cleaner bug");
                }),
                () -> "abc",
                () -> "abcd");
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
        experiment.run(
                Call.none(),
                () -> "x",
                Candidates.<String>of("ignored", () -> "ignored")
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

    @Test
    void aComparisonFailedKeepsTheComparatorsOwnThrowable() {
        IllegalStateException comparatorFault = new IllegalStateException("comparator bug");
        CandidateResult<String> failed = outcomeOf(
                o -> o.comparator((a, b) -> {
                    throw comparatorFault;
                }),
                () -> "a",
                () -> "a");
        assertThat(failed.outcome()).isEqualTo(Outcome.COMPARISON_FAILED);
        assertThat(failed.fault()).isSameAs(comparatorFault);
        assertThat(failed.run().value()).isEqualTo("a");

        StackOverflowError errorComparatorFault = new StackOverflowError("error comparator bug");
        CandidateResult<String> errorFailed = outcomeOf(
                o -> o.errorComparator((a, b) -> {
                    throw errorComparatorFault;
                }),
                () -> {
                    throw new IOException("down");
                },
                () -> {
                    throw new IOException("down");
                });
        assertThat(errorFailed.outcome()).isEqualTo(Outcome.COMPARISON_FAILED);
        assertThat(errorFailed.fault()).isSameAs(errorComparatorFault);
        assertThat(errorFailed.note()).contains("error comparator bug");
    }

    @Test
    void onlyAFailedComparisonHasAFault() {
        assertThat(outcomeOf(o -> o, () -> "a", () -> "b").fault()).isNull();
        assertThat(outcomeOf(o -> o, () -> "a", () -> {
                            throw new IllegalStateException("candidate bug");
                        })
                        .fault())
                .isNull();
    }

    @Test
    void equalsThatDisagreesWithAnIdenticalPublishedFormIsAMismatchThatSaysWhy() {
        CandidateResult<Account> candidate =
                outcomeOf(o -> o, () -> new Account("ann", 1), () -> new Account("ann", 2));
        assertThat(candidate.outcome()).isEqualTo(Outcome.MISMATCH);
        assertThat(candidate.run().published().json()).isEqualTo("{\"owner\":\"ann\"}");
        assertThat(candidate.note())
                .contains("state the published form does not show")
                .contains("comparator");
        // equal by equals is still a plain match
        assertThat(outcomeOf(o -> o, () -> new Account("ann", 1), () -> new Account("ann", 1))
                        .outcome())
                .isEqualTo(Outcome.MATCH);
    }

    @Test
    void numbersWrittenDifferentlyInARecordStillMatch() {
        record Price(BigDecimal amount) {}
        Price control = new Price(new BigDecimal("1.10"));
        Price candidate = new Price(new BigDecimal("1.1"));
        assertThat(control).isNotEqualTo(candidate); // the scale differs, so equals says no
        CandidateResult<Price> result = outcomeOf(o -> o, () -> control, () -> candidate);
        assertThat(result.outcome()).as("note: %s", result.note()).isEqualTo(Outcome.MATCH);
        assertThat(result.note()).isNull();
        // a real difference in the number is still a mismatch
        assertThat(outcomeOf(o -> o, () -> control, () -> new Price(new BigDecimal("1.11")))
                        .outcome())
                .isEqualTo(Outcome.MISMATCH);
    }

    @Test
    void compareByTreeMatchesAClassWithoutEqualsByItsTree() {
        assertThat(new Point(1, 2)).isNotEqualTo(new Point(1, 2));
        CandidateResult<Point> byEquals = outcomeOf(o -> o, () -> new Point(1, 2), () -> new Point(1, 2));
        assertThat(byEquals.outcome())
                .as("identity equals without compareByTree")
                .isEqualTo(Outcome.MISMATCH);

        CandidateResult<Point> byTree =
                outcomeOf(ExperimentBuilder::compareByTree, () -> new Point(1, 2), () -> new Point(1, 2));
        assertThat(byTree.outcome()).isEqualTo(Outcome.MATCH);
        assertThat(byTree.note()).isNull();

        CandidateResult<Point> different =
                outcomeOf(ExperimentBuilder::compareByTree, () -> new Point(1, 2), () -> new Point(1, 3));
        assertThat(different.outcome()).isEqualTo(Outcome.MISMATCH);
        assertThat(different.diff().differences())
                .singleElement()
                .satisfies(d -> assertThat(d.toString()).isEqualTo("replace /y 2 -> 3"));
    }

    @Test
    void compareByTreeWithAComparatorIsRefusedAtBuild() {
        assertThatThrownBy(() -> lab.<String>experiment("both")
                        .compareByTree()
                        .comparator(String::equals)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("set either comparator or compareByTree, not both");
    }

    @Test
    void aDifferenceTheCleanerRemovesIsAMismatchWhoseNoteSaysSo() {
        record Card(String holder, String number) {}
        CandidateResult<Card> result = outcomeOf(
                o -> o.cleaner(card -> new Card(card.holder(), "****")),
                () -> new Card("ann", "4111"),
                () -> new Card("ann", "4222"));
        assertThat(result.outcome()).isEqualTo(Outcome.MISMATCH);
        assertThat(result.note()).contains("cleaner");
        assertThat(result.diff().differences()).isEmpty(); // nothing the published form shows differs
        assertThat(result.run().published().json()).doesNotContain("4222");
        assertThat(result.run().value().number()).isEqualTo("4222"); // the raw value is still there, in memory
    }

    /** Equal only when a field the published form does not show is equal too. */
    static final class Account {
        public final String owner;
        private final int version;

        Account(String owner, int version) {
            this.owner = owner;
            this.version = version;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Account that && owner.equals(that.owner) && version == that.version;
        }

        @Override
        public int hashCode() {
            return Objects.hash(owner, version);
        }
    }

    /** A value class without equals: identity says every two differ. */
    static final class Point {
        public final int x;
        public final int y;

        Point(int x, int y) {
            this.x = x;
            this.y = y;
        }
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
