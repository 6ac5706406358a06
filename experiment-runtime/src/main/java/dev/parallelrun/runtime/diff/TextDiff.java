package dev.parallelrun.runtime.diff;

import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.algorithm.Change;
import com.github.difflib.algorithm.myers.MyersDiffWithLinearSpace;
import com.github.difflib.patch.DeltaType;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A readable diff of two long strings, for display beside a {@code replace}: a unified line diff (one line of
 * context, no file header) when either string has several lines, else a word diff in the style of
 * {@code git diff --word-diff}: {@code [-removed-]{+added+}}, with long unchanged stretches shortened to
 * {@code …}.
 */
final class TextDiff {

    /** Above this many lines or words per side (past the common ends), the middle is shown as one change. */
    private static final int MAX_TOKENS = 2_000;
    /** Unchanged text kept on each side of a change in a word diff. */
    private static final int CONTEXT = 24;

    private static final String GAP = "…";
    private static final Pattern WORDS = Pattern.compile("\\s+|[\\p{L}\\p{N}_]+|.", Pattern.DOTALL);

    private TextDiff() {}

    /**
     * The diff of {@code before} and {@code after}, at most {@code maxChars} long, or null when neither is
     * longer than {@code threshold} nor has several lines.
     */
    static @Nullable String of(String before, String after, int threshold, int maxChars) {
        boolean multiline = before.indexOf('\n') >= 0 || after.indexOf('\n') >= 0;
        if (!multiline && before.length() <= threshold && after.length() <= threshold) {
            return null;
        }
        String diff = multiline ? lines(before, after) : words(before, after);
        return PublishedValues.cut(diff, maxChars);
    }

    private static String lines(String before, String after) {
        List<String> a = List.of(before.split("\n", -1));
        List<String> b = List.of(after.split("\n", -1));
        Patch<String> patch = Patch.generate(a, b, changes(a, b));
        List<String> unified = UnifiedDiffUtils.generateUnifiedDiff("control", "candidate", a, patch, 1);
        // drop the "--- control" and "+++ candidate" header lines
        return String.join("\n", unified.subList(Math.min(2, unified.size()), unified.size()));
    }

    private static String words(String before, String after) {
        List<String> a = tokens(before);
        List<String> b = tokens(after);
        List<Change> changes = changes(a, b);
        StringBuilder out = new StringBuilder();
        int i = 0;
        for (int c = 0; c < changes.size(); c++) {
            Change change = changes.get(c);
            String same = join(a, i, change.startOriginal);
            if (c == 0) {
                out.append(same.length() > CONTEXT ? GAP + tail(same) : same);
            } else {
                out.append(same.length() > 2 * CONTEXT + GAP.length() ? head(same) + GAP + tail(same) : same);
            }
            if (change.endOriginal > change.startOriginal) {
                out.append("[-")
                        .append(join(a, change.startOriginal, change.endOriginal))
                        .append("-]");
            }
            if (change.endRevised > change.startRevised) {
                out.append("{+")
                        .append(join(b, change.startRevised, change.endRevised))
                        .append("+}");
            }
            i = change.endOriginal;
        }
        String trailing = join(a, i, a.size());
        out.append(trailing.length() > CONTEXT ? head(trailing) + GAP : trailing);
        return out.toString();
    }

    /**
     * The changes from {@code a} to {@code b}, in order, adjacent deletions and insertions merged into one
     * change: past the common ends, a Myers diff, or one change when the middle is too long to align.
     */
    private static List<Change> changes(List<String> a, List<String> b) {
        int start = 0;
        while (start < a.size() && start < b.size() && a.get(start).equals(b.get(start))) {
            start++;
        }
        int endA = a.size();
        int endB = b.size();
        while (endA > start && endB > start && a.get(endA - 1).equals(b.get(endB - 1))) {
            endA--;
            endB--;
        }
        if (endA - start > MAX_TOKENS || endB - start > MAX_TOKENS || endA == start || endB == start) {
            return start == endA && start == endB ? List.of() : List.of(change(start, endA, start, endB));
        }
        List<Change> raw = new MyersDiffWithLinearSpace<String>()
                .computeDiff(a.subList(start, endA), b.subList(start, endB), null);
        List<Change> merged = new ArrayList<>(raw.size());
        for (int c = 0; c < raw.size(); c++) {
            Change first = raw.get(c);
            int endOriginal = first.endOriginal;
            int endRevised = first.endRevised;
            while (c + 1 < raw.size()
                    && raw.get(c + 1).startOriginal == endOriginal
                    && raw.get(c + 1).startRevised == endRevised) {
                c++;
                endOriginal = raw.get(c).endOriginal;
                endRevised = raw.get(c).endRevised;
            }
            merged.add(change(
                    start + first.startOriginal, start + endOriginal, start + first.startRevised, start + endRevised));
        }
        return merged;
    }

    private static Change change(int startOriginal, int endOriginal, int startRevised, int endRevised) {
        DeltaType type = endOriginal == startOriginal
                ? DeltaType.INSERT
                : endRevised == startRevised ? DeltaType.DELETE : DeltaType.CHANGE;
        return new Change(type, startOriginal, endOriginal, startRevised, endRevised);
    }

    /** The first {@link #CONTEXT} characters, not splitting a surrogate pair. */
    private static String head(String text) {
        int end = CONTEXT;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    /** The last {@link #CONTEXT} characters, not splitting a surrogate pair. */
    private static String tail(String text) {
        int begin = text.length() - CONTEXT;
        if (Character.isLowSurrogate(text.charAt(begin))) {
            begin++;
        }
        return text.substring(begin);
    }

    private static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher matcher = WORDS.matcher(text);
        while (matcher.find()) {
            tokens.add(matcher.group());
        }
        return tokens;
    }

    private static String join(List<String> tokens, int from, int to) {
        if (from >= to) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (int i = from; i < to; i++) {
            text.append(tokens.get(i));
        }
        return text.toString();
    }
}
