package dev.parallelrun.runtime.diff;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.algorithm.Change;
import com.github.difflib.algorithm.myers.MyersDiffWithLinearSpace;
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
        Patch<String> patch = tooLong(a, b) ? wholeMiddle(a, b) : DiffUtils.diff(a, b, new MyersDiffWithLinearSpace<>());
        List<String> unified = UnifiedDiffUtils.generateUnifiedDiff("control", "candidate", a, patch, 1);
        // drop the "--- control" and "+++ candidate" header lines
        return String.join("\n", unified.subList(Math.min(2, unified.size()), unified.size()));
    }

    private static boolean tooLong(List<String> a, List<String> b) {
        return a.size() > MAX_TOKENS || b.size() > MAX_TOKENS;
    }

    /** One change from the first differing line to the last. */
    private static Patch<String> wholeMiddle(List<String> a, List<String> b) {
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
        List<Change> changes = List.of(new Change(com.github.difflib.patch.DeltaType.CHANGE, start, endA, start, endB));
        return Patch.generate(a, b, changes);
    }

    private static String words(String before, String after) {
        List<String> a = tokens(before);
        List<String> b = tokens(after);
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
        List<String> midA = a.subList(start, endA);
        List<String> midB = b.subList(start, endB);
        List<Change> changes = midA.size() > MAX_TOKENS || midB.size() > MAX_TOKENS || midA.isEmpty() || midB.isEmpty()
                ? List.of(new Change(com.github.difflib.patch.DeltaType.CHANGE, 0, midA.size(), 0, midB.size()))
                : new MyersDiffWithLinearSpace<String>().computeDiff(midA, midB, null);

        StringBuilder out = new StringBuilder();
        String leading = join(a, 0, start);
        if (leading.length() > CONTEXT) {
            out.append(GAP).append(leading, leading.length() - CONTEXT, leading.length());
        } else {
            out.append(leading);
        }
        int i = 0;
        for (Change change : changes) {
            unchanged(out, join(midA, i, change.startOriginal));
            if (change.endOriginal > change.startOriginal) {
                out.append("[-").append(join(midA, change.startOriginal, change.endOriginal)).append("-]");
            }
            if (change.endRevised > change.startRevised) {
                out.append("{+").append(join(midB, change.startRevised, change.endRevised)).append("+}");
            }
            i = change.endOriginal;
        }
        unchanged(out, join(midA, i, midA.size()));
        String trailing = join(a, endA, a.size());
        if (trailing.length() > CONTEXT) {
            out.append(trailing, 0, CONTEXT).append(GAP);
        } else {
            out.append(trailing);
        }
        return out.toString();
    }

    private static void unchanged(StringBuilder out, String text) {
        if (text.length() > 2 * CONTEXT + GAP.length()) {
            out.append(text, 0, CONTEXT).append(GAP).append(text, text.length() - CONTEXT, text.length());
        } else {
            out.append(text);
        }
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
