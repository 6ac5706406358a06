package dev.parallelrun.runtime.diff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parallelrun.experiment.Diff;
import dev.parallelrun.experiment.Difference;
import dev.parallelrun.experiment.Operation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Gathers the differences a walk finds, at the walk's current path: counts them all, keeps the first
 * {@code maxDifferences} with their values rendered (redacted and capped), collects the folded {@code op path}
 * pairs of the signature, and counts ignored differences and notes. Everything here is allocated per
 * difference, never per node walked.
 */
final class DiffCollector {

    private final DiffSettings settings;
    private final PathStack path;
    private @Nullable List<Difference> kept;
    private @Nullable Set<String> pairs;
    private int total;
    private int ignored;
    private @Nullable String firstNote;
    private int notes;

    DiffCollector(DiffSettings settings, PathStack path) {
        this.settings = settings;
        this.path = path;
    }

    /** A difference at the current path. */
    void add(Operation op, @Nullable JsonNode value, @Nullable JsonNode previous) {
        total++;
        if (pairs == null) {
            pairs = new HashSet<>();
        }
        pairs.add(op.rfcName() + " " + path.folded());
        if (kept == null) {
            kept = new ArrayList<>();
        }
        if (kept.size() < settings.maxDifferences()) {
            kept.add(difference(op, value, previous));
        }
    }

    private Difference difference(Operation op, @Nullable JsonNode value, @Nullable JsonNode previous) {
        int cap = settings.maxValueChars();
        String textDiff = null;
        if (value != null && previous != null && value.isTextual() && previous.isTextual() && !path.redacted()) {
            textDiff = TextDiff.of(previous.textValue(), value.textValue(), settings.longStringChars(), cap);
        }
        return new Difference(op, path.pointer(),
                value == null ? null : JsonText.capped(value, path, cap),
                previous == null ? null : JsonText.capped(previous, path, cap),
                textDiff);
    }

    /** Differences at ignored paths: counted, not kept. */
    void ignored(int count) {
        ignored += count;
    }

    /** Something a reader of the diff should know, such as an array compared index by index. */
    void note(String note) {
        if (firstNote == null) {
            firstNote = note;
        }
        notes++;
    }

    Comparison toComparison() {
        String note = firstNote == null ? null : notes == 1 ? firstNote : firstNote + " (and " + (notes - 1) + " more)";
        if (total == 0 && note == null) {
            return ignored == 0 ? Comparison.equal() : new Comparison(Diff.none(), ignored, null);
        }
        List<Difference> differences = kept == null ? List.of() : kept;
        String signature = pairs == null ? "" : Signature.of(pairs);
        return new Comparison(new Diff(differences, total, signature, true, note), ignored, null);
    }
}
