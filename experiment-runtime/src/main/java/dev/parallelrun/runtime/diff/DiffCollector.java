package dev.parallelrun.runtime.diff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parallelrun.experiment.Diff;
import dev.parallelrun.experiment.Difference;
import dev.parallelrun.experiment.Operation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Gathers the differences a walk finds, at the walk's current path: counts them all, keeps the first
 * {@code maxDifferences} with their values rendered (redacted and capped), collects the folded {@code op path}
 * pairs of the signature, and counts ignored differences and notes. Everything here is allocated per
 * difference, never per node walked.
 */
final class DiffCollector {

    /** Distinct paths kept in a list, searched in place, before a hash set takes over. */
    private static final int LISTED_PATHS = 8;

    private final DiffSettings settings;
    private final PathStack path;
    private @Nullable List<Difference> kept;
    /** The distinct folded paths of the differences, by operation: the signature's pairs. */
    private @Nullable Collection<String> added;

    private @Nullable Collection<String> removed;
    private @Nullable Collection<String> replaced;
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
        boolean keep = kept == null || kept.size() < settings.maxDifferences();
        // without an array index on the path, the folded path is the pointer: built once
        String pointer = null;
        String folded;
        if (path.hasIndex()) {
            folded = path.folded();
        } else {
            pointer = path.pointer();
            folded = pointer;
        }
        switch (op) {
            case ADD -> added = distinct(added, folded);
            case REMOVE -> removed = distinct(removed, folded);
            case REPLACE -> replaced = distinct(replaced, folded);
        }
        if (keep) {
            if (kept == null) {
                kept = new ArrayList<>(4);
            }
            kept.add(difference(op, pointer != null ? pointer : path.pointer(), value, previous));
        }
    }

    /**
     * {@code paths} with {@code path} in it. Most diffs have a handful of distinct paths: a list checked in place
     * holds them, and a set takes over once there are more.
     */
    private static Collection<String> distinct(@Nullable Collection<String> paths, String path) {
        if (paths == null) {
            Collection<String> first = new ArrayList<>(4);
            first.add(path);
            return first;
        }
        if (paths.contains(path)) {
            return paths;
        }
        paths.add(path);
        return paths.size() == LISTED_PATHS && paths instanceof ArrayList ? new HashSet<>(paths) : paths;
    }

    private Difference difference(Operation op, String pointer, @Nullable JsonNode value, @Nullable JsonNode previous) {
        int cap = settings.maxValueChars();
        String textDiff = null;
        if (value != null && previous != null && value.isTextual() && previous.isTextual() && !path.redacted()) {
            textDiff = TextDiff.of(previous.textValue(), value.textValue(), settings.longStringChars(), cap);
        }
        return new Difference(
                op,
                pointer,
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
        String signature = Signature.ofPaths(added, removed, replaced);
        return new Comparison(new Diff(differences, total, signature, true, note), ignored, null);
    }
}
