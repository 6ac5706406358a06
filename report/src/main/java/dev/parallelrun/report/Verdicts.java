package dev.parallelrun.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parallelrun.experiment.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The report's rules for a verdict. One JVM's verdict is the one its latest summary line wrote (the engine
 * judged each candidate on its own, with figures the lines do not carry); an engine that predates the skipped
 * share gets that check added by the report. Over several JVMs, or a window that starts after a JVM's first
 * summary, the engine's own verdict is computed over the added totals ({@link EngineReadiness}), with the latest
 * line's criteria.
 *
 * <p>The status: {@code INCONCLUSIVE} when the skipped share is above its maximum (whatever the other checks
 * say: the figures do not speak for the traffic, though the failing checks are still listed), else
 * {@code READY} when every check passes, else {@code NOT_READY}.
 */
final class Verdicts {

    /** The criterion of the report's own skipped-share check. */
    static final String SKIPPED_SHARE = "skipped share";

    private Verdicts() {}

    /**
     * The verdict written in a summary line's {@code readiness} object, completed with the skipped share when the
     * line has no {@code status} (an engine before it); {@code null} when the object is absent or unusable.
     */
    static @Nullable Verdict fromLine(@Nullable JsonNode readiness, Criteria criteria, Totals totals) {
        List<Verdict.Check> list = checks(readiness);
        if (readiness == null || list == null) {
            return null;
        }
        Verdict.Status status = status(Fields.optionalText(readiness, "status"));
        if (status != null) {
            return new Verdict(status, list, true);
        }
        if (list.stream().noneMatch(check -> check.kind() == Verdict.Kind.SKIPPED_SHARE)) {
            list.add(skippedShare(criteria, totals));
        }
        return new Verdict(status(list), list, true);
    }

    /**
     * The verdict a migration summary line wrote: whether SHADOW may advance to LIVE, with the migration's own checks
     * (stage, rollback, the SHADOW period's comparisons, write failures, time in SHADOW); {@code null} when the object
     * is absent or unusable.
     */
    static @Nullable Verdict fromMigrationLine(@Nullable JsonNode readiness) {
        List<Verdict.Check> list = checks(readiness);
        if (readiness == null || list == null) {
            return null;
        }
        Verdict.Status status = status(Fields.optionalText(readiness, "status"));
        return new Verdict(status != null ? status : status(list), list, true);
    }

    /** The checks of a line's {@code readiness} object, or {@code null} when it has none or one is unusable. */
    private static @Nullable List<Verdict.Check> checks(@Nullable JsonNode readiness) {
        if (readiness == null || !readiness.isObject()) {
            return null;
        }
        JsonNode ready = readiness.get("ready");
        JsonNode checks = readiness.get("checks");
        if (ready == null || !ready.isBoolean() || checks == null || !checks.isArray() || checks.isEmpty()) {
            return null; // the engine always writes its checks: without them there is nothing to show
        }
        List<Verdict.Check> list = new ArrayList<>(checks.size() + 1);
        for (JsonNode check : checks) {
            String criterion = Fields.optionalText(check, "criterion");
            String requirement = Fields.optionalText(check, "requirement");
            String actual = Fields.optionalText(check, "actual");
            JsonNode passed = check.get("passed");
            if (criterion == null || requirement == null || actual == null || passed == null || !passed.isBoolean()) {
                return null;
            }
            list.add(new Verdict.Check(
                    criterion, requirement, actual, passed.booleanValue(), Fields.optionalText(check, "note")));
        }
        return list;
    }

    private static Verdict.@Nullable Status status(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            return Verdict.Status.valueOf(text);
        } catch (IllegalArgumentException e) {
            return null; // a status of a later engine: judged from the checks
        }
    }

    /**
     * The engine's verdict over the totals ({@link EngineReadiness}), with the report's word on why runs were
     * skipped when the skipped share fails.
     */
    static Verdict judge(Criteria criteria, Totals totals) {
        Verdict engine = EngineReadiness.judge(criteria, totals);
        List<Verdict.Check> checks = new ArrayList<>(engine.checks().size());
        for (Verdict.Check check : engine.checks()) {
            checks.add(
                    check.kind() == Verdict.Kind.SKIPPED_SHARE && !check.passed()
                            ? skippedShare(criteria, totals)
                            : check);
        }
        return new Verdict(engine.status(), checks, false);
    }

    private static Verdict.Status status(List<Verdict.Check> checks) {
        boolean ready = true;
        for (Verdict.Check check : checks) {
            if (!check.passed() && check.kind() == Verdict.Kind.SKIPPED_SHARE) {
                return Verdict.Status.INCONCLUSIVE;
            }
            ready &= check.passed();
        }
        return ready ? Verdict.Status.READY : Verdict.Status.NOT_READY;
    }

    /** Skipped candidate runs over all sampled candidate runs, at most {@link Criteria#maxSkippedShare()}. */
    static Verdict.Check skippedShare(Criteria criteria, Totals totals) {
        double share = totals.skippedShare();
        boolean passed = Double.isNaN(share) || share <= criteria.maxSkippedShare();
        String note = null;
        if (!passed) {
            Map.Entry<String, Long> top = totals.skipped().entrySet().stream()
                    .max(Map.Entry.comparingByValue())
                    .orElse(null);
            note = top == null || top.getValue() == 0
                    ? "the lines do not say why"
                    : "mostly " + top.getKey() + " (" + Format.count(top.getValue()) + " of "
                            + Format.count(totals.all().count(Outcome.SKIPPED)) + ")";
        }
        return new Verdict.Check(
                SKIPPED_SHARE,
                "at most " + Format.share(criteria.maxSkippedShare()) + " of sampled candidate runs",
                Format.share(share),
                passed,
                note);
    }
}
