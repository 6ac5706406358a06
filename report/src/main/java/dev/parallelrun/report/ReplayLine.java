package dev.parallelrun.report;

import dev.parallelrun.experiment.Outcome;
import java.util.List;

/**
 * The line that replays a signature group in a test: the {@code @MismatchSource} annotation of the
 * {@code parallel-run-junit} module, naming the files the report read, the experiment and the group. Its
 * attribute names are that annotation's: {@code files}, {@code experiment}, {@code signatures}, {@code outcomes}.
 */
final class ReplayLine {

    private ReplayLine() {}

    /**
     * {@code @MismatchSource(files = "mismatches", experiment = "pricing-v2", signatures = "5c7d4a9afa1c5b0f")}
     * for a group of mismatches; {@code outcomes = Outcome.TIMED_OUT} (or another outcome) instead of a signature
     * for the groups that carry none. Every string is a Java literal that prints as it is in the terminal.
     */
    static String of(List<String> files, String experiment, Outcome outcome, String signature) {
        StringBuilder line = new StringBuilder("@MismatchSource(files = ");
        if (files.size() == 1) {
            line.append(Text.javaString(files.get(0)));
        } else {
            line.append('{');
            for (int i = 0; i < files.size(); i++) {
                line.append(i == 0 ? "" : ", ").append(Text.javaString(files.get(i)));
            }
            line.append('}');
        }
        line.append(", experiment = ").append(Text.javaString(experiment));
        if (outcome != Outcome.MISMATCH) {
            // @MismatchSource groups these as the report does: one group per outcome, no signature
            line.append(", outcomes = Outcome.").append(outcome.name());
        } else if (!signature.isEmpty()) {
            line.append(", signatures = ").append(Text.javaString(signature));
        }
        // a mismatch without a signature (no differences to hash) has no group of its own: every mismatch replays
        return line.append(')').toString();
    }
}
