package dev.parallelrun.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scientist's names on a Result behave as Scientist's: matched?, mismatched, ignored, and the outcome classes. */
class ResultTest {

    private static final Instant AT = Instant.parse("2026-11-25T09:00:00Z");

    private static Run<String> returned(String name, String value) {
        return Run.returned(
                name,
                AT,
                Duration.ofMillis(1),
                value,
                () -> new PublishedValue("\"" + value + "\"", false, value.length() + 2, true));
    }

    private static CandidateResult<String> judged(String name, Outcome outcome) {
        return CandidateResult.judged(name, outcome, returned(name, "v"), Diff.none(), null);
    }

    private static CandidateResult<String> candidate(String name, Outcome outcome) {
        return switch (outcome) {
            case MATCH, MISMATCH, IGNORED -> judged(name, outcome);
            case TIMED_OUT -> CandidateResult.timedOut(name, Run.unfinished(name, AT, Duration.ofSeconds(1)), "late");
            case SKIPPED -> CandidateResult.skipped(name, SkipReason.CAP);
            case COMPARISON_FAILED ->
                CandidateResult.comparisonFailed(
                        name, returned(name, "v"), new IllegalStateException("comparator bug"), "the comparator threw");
        };
    }

    @SafeVarargs
    private static Result<String> result(CandidateResult<String>... candidates) {
        List<CandidateResult<String>> list = new ArrayList<>();
        for (CandidateResult<String> candidate : candidates) {
            list.add(candidate);
        }
        return new Result<>(
                "pricing-v2", Call.none(), Map.of(), AT, returned(Run.CONTROL, "v"), list, null, null, false);
    }

    @Test
    void matchedIsTrueOnlyWhenEveryCandidateMatched() {
        assertThat(result(candidate("a", Outcome.MATCH), candidate("b", Outcome.MATCH))
                        .matched())
                .isTrue();
        for (Outcome other : Outcome.values()) {
            if (other != Outcome.MATCH) {
                assertThat(result(candidate("a", Outcome.MATCH), candidate("b", other))
                                .matched())
                        .as(other.name())
                        .isFalse();
            }
        }
    }

    @Test
    void anIgnoredCandidateIsNotAMatch() {
        Result<String> result = result(candidate("a", Outcome.IGNORED));
        assertThat(result.matched()).isFalse();
        assertThat(result.anyMismatched()).isFalse();
        assertThat(result.acceptable()).isTrue();
    }

    @Test
    void mismatchedAndIgnoredListTheirCandidatesInOrder() {
        Result<String> result = result(
                candidate("a", Outcome.MISMATCH),
                candidate("b", Outcome.IGNORED),
                candidate("c", Outcome.MATCH),
                candidate("d", Outcome.MISMATCH),
                candidate("e", Outcome.IGNORED));
        assertThat(result.mismatched()).extracting(CandidateResult::name).containsExactly("a", "d");
        assertThat(result.ignored()).extracting(CandidateResult::name).containsExactly("b", "e");
        assertThat(result.anyMismatched()).isTrue();
        assertThatThrownBy(() -> result.mismatched().add(candidate("f", Outcome.MISMATCH)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aFailedComparisonIsNotListedAsMismatchedThoughItCountsAsOne() {
        Result<String> result = result(candidate("a", Outcome.COMPARISON_FAILED));
        assertThat(result.mismatched()).isEmpty();
        assertThat(result.anyMismatched()).isFalse();
        assertThat(result.acceptable()).isFalse();
        assertThat(result.needsAttention()).isTrue();
    }

    @Test
    void acceptableIsWhatStrictModeAcceptsAndFollowsTheOutcomeClasses() {
        for (Outcome outcome : Outcome.values()) {
            Result<String> result = result(candidate("a", Outcome.MATCH), candidate("b", outcome));
            assertThat(result.acceptable()).as(outcome.name()).isEqualTo(outcome.acceptable());
            assertThat(result.needsAttention()).as(outcome.name()).isEqualTo(outcome.needsAttention());
        }
    }

    @Test
    void aResultWithoutCandidatesMatchesVacuouslyAsScientistsDoes() {
        Result<String> result = result();
        assertThat(result.matched()).isTrue();
        assertThat(result.mismatched()).isEmpty();
        assertThat(result.ignored()).isEmpty();
        assertThat(result.acceptable()).isTrue();
    }

    @Test
    void candidatesAndContextAreCopiedAndUnmodifiable() {
        List<CandidateResult<String>> candidates = new ArrayList<>(List.of(candidate("a", Outcome.MATCH)));
        Map<String, String> context = new java.util.HashMap<>(Map.of("region", "eu"));
        Result<String> result =
                new Result<>("x", Call.none(), context, AT, returned(Run.CONTROL, "v"), candidates, null, null, false);
        candidates.add(candidate("b", Outcome.MISMATCH));
        context.put("region", "us");
        assertThat(result.candidates()).hasSize(1);
        assertThat(result.context()).containsEntry("region", "eu");
        assertThat(result.candidate("a")).isNotNull();
        assertThat(result.candidate("b")).isNull();
    }

    @Test
    void aSkipReasonGoesWithSkippedAndOnlyWithIt() {
        assertThatThrownBy(() ->
                        new CandidateResult<String>("a", Outcome.MATCH, null, Diff.none(), null, SkipReason.CAP, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CandidateResult<String>("a", Outcome.SKIPPED, null, Diff.none(), null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        CandidateResult<String> skipped = CandidateResult.skipped("a", SkipReason.RUNAWAYS);
        assertThat(skipped.skipReason()).isEqualTo(SkipReason.RUNAWAYS);
        assertThat(skipped.note()).isEqualTo(SkipReason.RUNAWAYS.description());
    }

    @Test
    void aFailedComparisonKeepsTheFaultItself() {
        IllegalStateException fault = new IllegalStateException("comparator bug");
        CandidateResult<String> failed = CandidateResult.comparisonFailed("a", returned("a", "v"), fault, "threw");
        assertThat(failed.fault()).isSameAs(fault);
        assertThat(failed.outcome()).isEqualTo(Outcome.COMPARISON_FAILED);
    }
}
