package dev.parallelrun.report;

import dev.parallelrun.experiment.LatencySummary;
import dev.parallelrun.experiment.Outcome;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What to do next, one step per failing or inconclusive kind of check, the expired experiment first: the
 * skipped share, then the noisy paths and the top mismatch group, errors, latency, samples.
 */
final class NextSteps {

    /** Noisy paths offered as steps; the table lists them all. */
    private static final int MAX_NOISY_STEPS = 5;

    private NextSteps() {}

    static List<NextStep> of(
            @Nullable Verdict verdict,
            @Nullable Totals totals,
            @Nullable Criteria criteria,
            List<SignatureGroup> groups,
            List<NoisyPath> noisyPaths,
            Expiry expiry,
            LocalDate today) {
        List<NextStep> steps = new ArrayList<>();
        if (expiry.expired()) {
            steps.add(expired(expiry, today));
        }
        if (verdict == null || totals == null || criteria == null) {
            return steps;
        }
        Set<Verdict.Kind> failing = EnumSet.noneOf(Verdict.Kind.class);
        List<Verdict.Check> others = new ArrayList<>();
        for (Verdict.Check check : verdict.failing()) {
            failing.add(check.kind());
            if (check.kind() == Verdict.Kind.OTHER) {
                others.add(check);
            }
        }
        if (verdict.status() == Verdict.Status.INCONCLUSIVE || failing.contains(Verdict.Kind.SKIPPED_SHARE)) {
            steps.add(skipped(totals, criteria));
        }
        if (failing.contains(Verdict.Kind.MISMATCH_RATE)) {
            for (NoisyPath path : noisyPaths.subList(0, Math.min(MAX_NOISY_STEPS, noisyPaths.size()))) {
                steps.add(new NextStep(
                        NextStep.Topic.NOISY_PATH,
                        path.path() + " differs on "
                                + Format.share(path.share())
                                + " of compared calls, usually a clock, a generated id or a "
                                + "random order: if that is expected, ignore it by pasting this into the experiment's "
                                + "builder.",
                        path.suggestion(),
                        null));
            }
            steps.add(mismatches(groups));
        }
        if (failing.contains(Verdict.Kind.ERROR_RATE)) {
            steps.add(errors(groups, totals));
        }
        if (failing.contains(Verdict.Kind.LATENCY)) {
            steps.add(latency(totals, criteria));
        }
        if (failing.contains(Verdict.Kind.SAMPLES)) {
            steps.add(samples(totals, criteria, failing.contains(Verdict.Kind.SKIPPED_SHARE)));
        }
        for (Verdict.Check check : others) {
            steps.add(new NextStep(
                    NextStep.Topic.OTHER,
                    check.criterion() + " is " + check.actual() + " and must be " + check.requirement() + ".",
                    null,
                    null));
        }
        return steps;
    }

    private static NextStep expired(Expiry expiry, LocalDate today) {
        String when = expiry.expiresOn() == null
                ? ""
                : " on " + expiry.expiresOn() + " (" + Format.plural(-expiry.daysLeft(today), "day", "days") + " ago)";
        return new NextStep(
                NextStep.Topic.EXPIRED,
                "The experiment expired" + when + ": remove its scaffolding. "
                        + "Finish the migration (call the new code directly, delete the old code and the parallel run "
                        + "around it), or set a later expiresOn if the parallel run must go on.",
                null,
                null);
    }

    private static NextStep skipped(Totals totals, Criteria criteria) {
        StringBuilder text = new StringBuilder()
                .append(Format.share(totals.skippedShare()))
                .append(" of ")
                .append(Format.plural(totals.candidateRuns(), "sampled candidate run", "sampled candidate runs"))
                .append(" were skipped, not compared (at most ")
                .append(Format.share(criteria.maxSkippedShare()))
                .append(" may be), so the figures do not speak for the traffic.");
        List<Map.Entry<String, Long>> reasons = totals.skipped().entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .toList();
        if (reasons.isEmpty()) {
            text.append(" The lines do not say why: raise the cap (maxConcurrentCandidates), lower the sample "
                    + "rate, or find the runaway candidate.");
        } else {
            List<String> counts = new ArrayList<>();
            for (Map.Entry<String, Long> reason : reasons) {
                counts.add(reason.getKey() + " " + Format.count(reason.getValue()));
            }
            text.append(" Why: ")
                    .append(String.join(", ", counts))
                    .append(". Mostly ")
                    .append(reasons.get(0).getKey())
                    .append(", ")
                    .append(SkipReasons.meaning(reasons.get(0).getKey()))
                    .append(": ")
                    .append(SkipReasons.remedy(reasons.get(0).getKey()))
                    .append('.');
            if (reasons.size() > 1) {
                text.append(" Then ")
                        .append(reasons.get(1).getKey())
                        .append(": ")
                        .append(SkipReasons.remedy(reasons.get(1).getKey()))
                        .append('.');
            }
        }
        Totals.Runaways runaways = totals.runaways();
        if (runaways != null && runaways.now() > 0) {
            text.append(' ')
                    .append(Format.plural(runaways.now(), "runaway candidate is", "runaway candidates are"))
                    .append(" still running.");
        }
        return new NextStep(NextStep.Topic.SKIPPED, text.toString(), null, null);
    }

    private static NextStep mismatches(List<SignatureGroup> groups) {
        SignatureGroup top = groups.stream()
                .filter(g -> g.outcome() == Outcome.MISMATCH || g.outcome() == Outcome.COMPARISON_FAILED)
                .findFirst()
                .orElse(null);
        if (top == null) {
            return new NextStep(
                    NextStep.Topic.MISMATCHES,
                    "The files hold no result line for these mismatches: add "
                            + "the json-lines publisher's files with result lines to see which calls differ and where.",
                    null,
                    null);
        }
        return new NextStep(
                NextStep.Topic.MISMATCHES,
                "Look at the top group, #" + (groups.indexOf(top) + 1) + " "
                        + describe(top) + example(top)
                        + ". Fix the new code, or ignore the difference if it is acceptable;"
                        + " to replay its calls in a test, put this line on a parameterized test:",
                top.replay(),
                top);
    }

    private static NextStep errors(List<SignatureGroup> groups, Totals totals) {
        SignatureGroup top = groups.stream()
                .filter(g -> g.outcome() == Outcome.TIMED_OUT
                        || g.examples().stream().anyMatch(NextSteps::candidateThrew))
                .max(Comparator.comparingLong(SignatureGroup::count))
                .orElse(null);
        String rate =
                "The new code threw or timed out on " + Format.rate(totals.all().errorRate()) + " of its "
                        + Format.count(totals.all().ran()) + " runs";
        if (top == null) {
            return new NextStep(
                    NextStep.Topic.ERRORS,
                    rate + ": the files hold no result line that shows them; " + "look at the candidate's logs.",
                    null,
                    null);
        }
        return new NextStep(
                NextStep.Topic.ERRORS,
                rate + ": look at group #" + (groups.indexOf(top) + 1) + " "
                        + describe(top) + example(top)
                        + "; to replay its calls in a test, put this line on a parameterized"
                        + " test:",
                top.replay(),
                top);
    }

    private static NextStep latency(Totals totals, Criteria criteria) {
        LatencySummary control = totals.control();
        LatencySummary candidate = totals.all().latency();
        if (Double.isNaN(totals.p99Ratio())) {
            return new NextStep(
                    NextStep.Topic.LATENCY,
                    "The summary lines carry no latency of " + (control.count() == 0 ? "the old code" : "the new code")
                            + ", so the p99 ratio is unknown.",
                    null,
                    null);
        }
        StringBuilder text = new StringBuilder("Compare the p99 of both sides: the old code's is ")
                .append(Format.duration(control.p99().toNanos(), true))
                .append(", the new code's ")
                .append(Format.duration(candidate.p99().toNanos(), true))
                .append(" (")
                .append(Format.ratio(totals.p99Ratio()))
                .append("; at most ")
                .append(Format.ratio(criteria.maxP99Ratio()))
                .append(" may be)");
        if (criteria.latencyFloorNanos() > 0) {
            text.append(", more than the ")
                    .append(Format.duration(criteria.latencyFloorNanos(), true))
                    .append(" latency floor");
        }
        text.append(". Profile the new code's slowest calls");
        LatencySummary delay = totals.schedulingDelay();
        if (delay.count() > 0) {
            text.append("; waiting to start (p99 ")
                    .append(Format.duration(delay.p99().toNanos(), true))
                    .append(") is measured apart and is not in its latency");
        }
        return new NextStep(NextStep.Topic.LATENCY, text.append('.').toString(), null, null);
    }

    private static NextStep samples(Totals totals, Criteria criteria, boolean mostSkipped) {
        return new NextStep(
                NextStep.Topic.SAMPLES,
                "Only " + Format.plural(totals.all().compared(), "call was", "calls were")
                        + " compared; the verdict needs " + Format.count(criteria.minComparedSamples())
                        + ": let it run longer or raise the sample rate"
                        + (mostSkipped ? ", once fewer runs are skipped" : "") + ".",
                null,
                null);
    }

    private static boolean candidateThrew(Example example) {
        Example.Run run = example.candidateRun();
        return run != null && run.threw();
    }

    /** {@code "Different at replace /total" (29 calls, 50.9% of non-matching calls)}. */
    static String describe(SignatureGroup group) {
        return "\"" + group.headline() + "\" (" + Format.plural(group.count(), "call", "calls") + ", "
                + Format.share(group.share()) + " of non-matching calls)";
    }

    private static String example(SignatureGroup group) {
        if (group.examples().isEmpty()) {
            return "";
        }
        Example latest = group.examples().get(group.examples().size() - 1);
        return ": its latest example, " + Format.time(latest.time())
                + (latest.key() == null ? "" : ", key " + latest.key()) + ", shows both sides";
    }
}
