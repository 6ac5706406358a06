package dev.parallelrun.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Outcome classes are defined once, as predicates on Outcome, exactly as the table in its javadoc says. */
class OutcomeTest {

    /** The outcomes for which {@code predicate} holds. */
    private static Set<Outcome> where(Predicate<Outcome> predicate) {
        Set<Outcome> found = EnumSet.noneOf(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            if (predicate.test(outcome)) {
                found.add(outcome);
            }
        }
        return found;
    }

    @Test
    void comparedMeansTheCandidateRanToTheEndAndACompareWasTried() {
        assertThat(where(Outcome::compared))
                .containsExactlyInAnyOrder(Outcome.MATCH, Outcome.MISMATCH, Outcome.IGNORED, Outcome.COMPARISON_FAILED);
    }

    @Test
    void mismatchesAndFailedComparisonsCountAsMismatches() {
        assertThat(where(Outcome::countsAsMismatch))
                .containsExactlyInAnyOrder(Outcome.MISMATCH, Outcome.COMPARISON_FAILED);
    }

    @Test
    void mismatchesTimeoutsAndFailedComparisonsNeedAttentionButSkipsDoNot() {
        assertThat(where(Outcome::needsAttention))
                .containsExactlyInAnyOrder(Outcome.MISMATCH, Outcome.TIMED_OUT, Outcome.COMPARISON_FAILED);
    }

    @Test
    void onlyAMatchOrAnIgnoredDifferenceIsAcceptable() {
        assertThat(where(Outcome::acceptable)).containsExactlyInAnyOrder(Outcome.MATCH, Outcome.IGNORED);
    }

    @Test
    void whatCountsAsAMismatchIsAlwaysCompared() {
        // the numerator of the mismatch rate lies inside its denominator
        assertThat(where(Outcome::compared)).containsAll(where(Outcome::countsAsMismatch));
        // nothing acceptable needs attention, and nothing that needs attention is acceptable
        assertThat(where(Outcome::acceptable)).doesNotContainAnyElementsOf(where(Outcome::needsAttention));
    }
}
