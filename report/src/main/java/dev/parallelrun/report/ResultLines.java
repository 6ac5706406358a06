package dev.parallelrun.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parallelrun.experiment.Outcome;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Folds {@code "type": "result"} lines: one sampled call each, by default only those with a candidate that did
 * not match. They give the outcome counts of result lines, the signature groups with their examples, the
 * differing paths and, without summary lines, the trend of mismatch counts.
 */
final class ResultLines {

    private final ReadFilter filter;
    private final Function<String, @Nullable ExperimentState> experiments;
    long lines;
    long filteredOut;

    ResultLines(ReadFilter filter, Function<String, @Nullable ExperimentState> experiments) {
        this.filter = filter;
        this.experiments = experiments;
    }

    /** Takes one result line; a line that lacks what it needs changes nothing and throws. */
    void accept(JsonNode line, String name, Instant time, Path file, long lineNumber) throws BadLine {
        JsonNode control = Fields.requiredObject(line, "control");
        JsonNode candidates = line.get("candidates");
        if (candidates == null || !candidates.isArray()) {
            throw new BadLine(candidates == null ? "no \"candidates\" field" : "\"candidates\" is not an array");
        }
        // check every candidate before counting any, so that a bad line changes nothing
        Outcome[] outcomes = new Outcome[candidates.size()];
        for (int i = 0; i < outcomes.length; i++) {
            JsonNode candidate = candidates.get(i);
            if (!candidate.isObject()) {
                throw new BadLine("candidate " + i + " is not an object");
            }
            Fields.requiredText(candidate, "name");
            outcomes[i] = outcome(Fields.requiredText(candidate, "outcome"));
        }
        if (!filter.keeps(name) || !filter.inWindow(time)) {
            filteredOut++;
            return;
        }
        ExperimentState experiment = experiments.apply(name);
        if (experiment == null) {
            return;
        }
        lines++;
        experiment.resultLines++;
        experiment.seen(time);
        String jvm = Fields.textOr(line, "jvm", "(unknown jvm)");
        experiment.wroteResults(jvm, Fields.textOr(line, "host", "(unknown host)"));
        experiment.expiry(Fields.optionalDate(line, "expiresOn"), Fields.flag(line, "expired", false), time);
        for (int i = 0; i < outcomes.length; i++) {
            Outcome outcome = outcomes[i];
            JsonNode candidate = candidates.get(i);
            experiment.resultOutcomes[outcome.ordinal()]++;
            if (outcome == Outcome.SKIPPED) {
                String reason = Fields.optionalText(candidate, "skipReason");
                if (reason != null) {
                    experiment.resultSkipReasons[SkipReasons.slot(reason)]++;
                }
            }
            if (outcome == Outcome.MISMATCH || outcome == Outcome.COMPARISON_FAILED) {
                experiment.trend.mismatchResult(time);
            }
            if (outcome == Outcome.MISMATCH || outcome == Outcome.COMPARISON_FAILED || outcome == Outcome.TIMED_OUT) {
                experiment.groups.add(line, control, candidate, outcome, time, file, lineNumber);
            }
        }
    }

    private static Outcome outcome(String name) throws BadLine {
        try {
            return Outcome.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new BadLine("unknown outcome " + Text.quote(name, 40));
        }
    }
}
