package dev.parallelrun.runtime.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.github.difflib.algorithm.Change;
import com.github.difflib.algorithm.myers.MyersDiffWithLinearSpace;
import dev.parallelrun.experiment.Operation;
import dev.parallelrun.experiment.Tolerance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import org.jspecify.annotations.Nullable;

/**
 * One comparison of two trees: walks both at once and reports RFC 6902 operations that, applied in order to
 * the control's tree, give the candidate's. Not thread-safe: one walk per comparison.
 *
 * <p>Objects compare key by key in any order. Arrays skip their equal prefix and suffix, compare what is left
 * element by element when both sides have as many elements, and otherwise align it with a Myers diff (bounded
 * by {@link DiffSettings#maxAlignedElements()}), so an inserted element is one {@code add}. Array indices in the
 * operations are those of the array as the earlier operations left it.
 *
 * <p>With ignore, tolerance or unordered paths under an array, "equal elements" means elements the walk finds no
 * counted difference between, so aligning runs the walk itself in a <em>probe</em> mode that stops at the first
 * difference and records nothing.
 */
final class TreeWalk {

    private final DiffSettings settings;
    private final PathStack path;
    private final DiffCollector out;
    /** In a probe: differences are not recorded, the first one sets {@link #found} and ends the probe. */
    private boolean probing;

    private boolean found;
    /** Inside an ignored subtree, deciding whether it differs at all: ignore patterns are not consulted. */
    private boolean ignoresOff;
    /** Ignored differences the current probe saw: handed over if its pair turns out matched. */
    private int probeIgnored;
    /** What the last {@link #equivalent} probe counted, when it found the pair equivalent. */
    private int lastIgnored;

    TreeWalk(DiffSettings settings) {
        this.settings = settings;
        this.path = new PathStack(settings.rules());
        this.out = new DiffCollector(settings, path);
    }

    Comparison run(JsonNode control, JsonNode candidate) {
        node(control, candidate);
        return out.toComparison();
    }

    // ---- nodes

    private void node(JsonNode a, JsonNode b) {
        if (!ignoresOff && path.ignored()) {
            if (!sameIgnoringIgnores(a, b)) {
                ignored(1);
            }
            return;
        }
        if (TreeEquality.same(a, b)) {
            return;
        }
        JsonNodeType type = a.getNodeType();
        if (type != b.getNodeType()) {
            differ(Operation.REPLACE, b, a);
            return;
        }
        switch (type) {
            case OBJECT -> objects(a, b);
            case ARRAY -> arrays(a, b);
            case NUMBER -> {
                if (!Numbers.equal(a, b) && !tolerated(a, b)) {
                    differ(Operation.REPLACE, b, a);
                }
            }
            case STRING -> {
                if (!a.textValue().equals(b.textValue())) {
                    differ(Operation.REPLACE, b, a);
                }
            }
            case BOOLEAN -> {
                if (a.booleanValue() != b.booleanValue()) {
                    differ(Operation.REPLACE, b, a);
                }
            }
            case BINARY -> {
                if (!Arrays.equals(TreeEquality.bytes(a), TreeEquality.bytes(b))) {
                    differ(Operation.REPLACE, b, a);
                }
            }
            case POJO -> {
                if (!TreeEquality.pojoEqual(a, b)) {
                    differ(Operation.REPLACE, b, a);
                }
            }
            default -> {} // NULL, MISSING
        }
    }

    private boolean tolerated(JsonNode a, JsonNode b) {
        Tolerance tolerance = path.tolerance();
        if (tolerance == null) {
            tolerance = settings.tolerance();
        }
        return tolerance != null && tolerance.accepts(Numbers.toDouble(a), Numbers.toDouble(b));
    }

    private void differ(Operation op, @Nullable JsonNode value, @Nullable JsonNode previous) {
        if (probing) {
            found = true;
        } else {
            out.add(op, value, previous);
        }
    }

    private void ignored(int count) {
        if (probing) {
            probeIgnored += count;
        } else {
            out.ignored(count);
        }
    }

    /** The candidate has {@code value} at the current path, the control nothing. */
    private void added(JsonNode value) {
        if (!ignoresOff && path.ignored()) {
            ignored(1);
            return;
        }
        differ(Operation.ADD, value, null);
    }

    /** The control has {@code value} at the current path, the candidate nothing. */
    private void removed(JsonNode value) {
        if (!ignoresOff && path.ignored()) {
            ignored(1);
            return;
        }
        differ(Operation.REMOVE, null, value);
    }

    // ---- equality under the options

    /**
     * True when the walk finds no counted difference between {@code a} and {@code b} at the current path; then
     * {@link #lastIgnored} holds the ignored differences between them, for {@link #matched()} to count.
     */
    private boolean equivalent(JsonNode a, JsonNode b) {
        lastIgnored = 0;
        if (!soft()) {
            return TreeEquality.equal(a, b);
        }
        boolean wasProbing = probing;
        int outerIgnored = probeIgnored;
        probing = true;
        found = false;
        probeIgnored = 0;
        node(a, b);
        boolean equivalent = !found;
        int counted = probeIgnored;
        probing = wasProbing;
        found = false;
        probeIgnored = outerIgnored;
        lastIgnored = equivalent ? counted : 0;
        return equivalent;
    }

    /** Whether an ignored subtree differs at all (tolerance and unordered arrays still apply). */
    private boolean sameIgnoringIgnores(JsonNode a, JsonNode b) {
        boolean wereOff = ignoresOff;
        ignoresOff = true;
        boolean same = equivalent(a, b);
        ignoresOff = wereOff;
        return same;
    }

    private boolean soft() {
        return settings.tolerance() != null || path.soft();
    }

    private boolean equivalentAt(int index, JsonNode a, JsonNode b, boolean soft) {
        if (!soft) {
            lastIgnored = 0;
            return TreeEquality.equal(a, b);
        }
        path.pushIndex(index);
        boolean equivalent = equivalent(a, b);
        path.pop();
        return equivalent;
    }

    /** The pair {@link #equivalentAt} just found equivalent is matched: its ignored differences count. */
    private void matched() {
        if (lastIgnored > 0) {
            ignored(lastIgnored);
            lastIgnored = 0;
        }
    }

    // ---- objects

    private void objects(JsonNode a, JsonNode b) {
        int matched = 0;
        for (Map.Entry<String, JsonNode> field : a.properties()) {
            String key = field.getKey();
            JsonNode other = b.get(key);
            path.pushKey(key);
            if (other == null) {
                removed(field.getValue());
            } else {
                matched++;
                node(field.getValue(), other);
            }
            path.pop();
            if (found) {
                return;
            }
        }
        if (matched == b.size()) {
            return;
        }
        for (Map.Entry<String, JsonNode> field : b.properties()) {
            if (!a.has(field.getKey())) {
                path.pushKey(field.getKey());
                added(field.getValue());
                path.pop();
                if (found) {
                    return;
                }
            }
        }
    }

    // ---- arrays

    private void arrays(JsonNode a, JsonNode b) {
        if (path.unordered()) {
            multiset(a, b);
            return;
        }
        int n = a.size();
        int m = b.size();
        if (n == m) {
            region(a, 0, n, b, 0, m);
            return;
        }
        if (probing && !path.ignoreMayEndBelow()) {
            found = true; // elements are added or removed, at paths no pattern ignores
            return;
        }
        boolean soft = soft();
        int start = 0;
        int common = Math.min(n, m);
        while (start < common && equivalentAt(start, a.get(start), b.get(start), soft)) {
            matched();
            start++;
        }
        int endA = n;
        int endB = m;
        while (endA > start && endB > start && equivalentAt(endA - 1, a.get(endA - 1), b.get(endB - 1), soft)) {
            matched();
            endA--;
            endB--;
        }
        int lengthA = endA - start;
        int lengthB = endB - start;
        if (lengthA == 0 || lengthB == 0 || lengthA == lengthB) {
            region(a, start, endA, b, start, endB);
        } else if (lengthA + lengthB > settings.maxAlignedElements()) {
            if (!probing) {
                out.note("array at " + (path.depth() == 0 ? "(root)" : path.pointer()) + " compared index by index, "
                        + "not aligned: " + lengthA + " and " + lengthB + " elements differ past its equal ends, over "
                        + "the alignment cap of " + settings.maxAlignedElements());
            }
            region(a, start, endA, b, start, endB);
        } else {
            align(a, start, endA, b, endB, soft);
        }
    }

    /**
     * The elements {@code a[aFrom, aTo)} become {@code b[bFrom, bTo)}, everything before {@code bFrom} already
     * being the candidate's: pairs are compared in place, then the surplus removed or the rest added.
     */
    private void region(JsonNode a, int aFrom, int aTo, JsonNode b, int bFrom, int bTo) {
        int common = Math.min(aTo - aFrom, bTo - bFrom);
        for (int k = 0; k < common && !found; k++) {
            path.pushIndex(bFrom + k);
            node(a.get(aFrom + k), b.get(bFrom + k));
            path.pop();
        }
        for (int k = common; k < aTo - aFrom && !found; k++) {
            path.pushIndex(bFrom + common); // each removal shifts the next element to this index
            removed(a.get(aFrom + k));
            path.pop();
        }
        for (int k = common; k < bTo - bFrom && !found; k++) {
            path.pushIndex(bFrom + k);
            added(b.get(bFrom + k));
            path.pop();
        }
    }

    /**
     * An element handed to the Myers alignment. Its hash is computed only once it has failed an equality test:
     * with few edits, hardly any element is hashed, and with many, repeated failing tests are cut short. The last
     * element it was found equivalent to is remembered with the ignored differences between them, so that the
     * alignment's matched pairs need no second walk.
     */
    private static final class Slot {
        final JsonNode node;
        final int index;
        int hash;
        boolean hashed;
        int lastMatch = -1;
        int lastMatchIgnored;

        Slot(JsonNode node, int index) {
            this.node = node;
            this.index = index;
        }
    }

    private void align(JsonNode a, int start, int endA, JsonNode b, int endB, boolean soft) {
        List<Slot> source = slots(a, start, endA);
        List<Slot> target = slots(b, start, endB);
        BiPredicate<Slot, Slot> equalizer = (x, y) -> {
            if (x.lastMatch == y.index) { // the linear-space Myers tests pairs again on its way back and down
                lastIgnored = x.lastMatchIgnored;
                return true;
            }
            if (x.hashed && y.hashed && x.hash != y.hash) {
                return false;
            }
            if (equivalentAt(x.index, x.node, y.node, soft)) {
                x.lastMatch = y.index;
                x.lastMatchIgnored = lastIgnored;
                return true;
            }
            hash(x, soft);
            hash(y, soft);
            return false;
        };
        List<Change> changes = new MyersDiffWithLinearSpace<>(equalizer).computeDiff(source, target, null);

        int i = 0; // next unprocessed element of the source, relative to start
        int j = 0; // of the target
        for (int c = 0; c < changes.size() && !found; c++) {
            Change change = changes.get(c);
            int endOriginal = change.endOriginal;
            int endRevised = change.endRevised;
            // adjacent deletes and inserts are one replaced stretch
            while (c + 1 < changes.size()
                    && changes.get(c + 1).startOriginal == endOriginal
                    && changes.get(c + 1).startRevised == endRevised) {
                c++;
                endOriginal = changes.get(c).endOriginal;
                endRevised = changes.get(c).endRevised;
            }
            for (; i < change.startOriginal; i++, j++) {
                alignedPair(source.get(i), target.get(j), start + j, soft);
            }
            region(
                    a,
                    start + change.startOriginal,
                    start + endOriginal,
                    b,
                    start + change.startRevised,
                    start + endRevised);
            i = endOriginal;
            j = endRevised;
        }
        for (; start + i < endA && !found; i++, j++) {
            alignedPair(source.get(i), target.get(j), start + j, soft);
        }
    }

    /** A pair the alignment matched: its ignored differences count, from the equalizer's memory if it can. */
    private void alignedPair(Slot x, Slot y, int index, boolean soft) {
        if (!soft) {
            return;
        }
        if (x.lastMatch == y.index) {
            ignored(x.lastMatchIgnored);
        } else {
            path.pushIndex(index);
            node(x.node, y.node);
            path.pop();
        }
    }

    private static List<Slot> slots(JsonNode array, int from, int to) {
        List<Slot> slots = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            slots.add(new Slot(array.get(i), i));
        }
        return slots;
    }

    private void hash(Slot slot, boolean soft) {
        if (!slot.hashed && (!soft || !settings.rules().hasIndexTokens())) {
            slot.hash = hash(slot.index, slot.node, soft, true);
            slot.hashed = true;
        }
    }

    /**
     * A hash that elements equivalent under the options share: ignored subtrees and numbers under a tolerance
     * do not count, unordered arrays hash in any order, and array lengths are left out (ignored elements may make
     * them differ). Path-aware, so patterns naming specific indices make it unusable ({@code slots} checks).
     */
    private int softHash(JsonNode n) {
        if (!ignoresOff && path.ignored()) {
            return 0;
        }
        return switch (n.getNodeType()) {
            case OBJECT -> {
                int h = 1;
                for (Map.Entry<String, JsonNode> field : n.properties()) {
                    path.pushKey(field.getKey());
                    if (ignoresOff || !path.ignored()) {
                        h += field.getKey().hashCode() * 31 ^ softHash(field.getValue());
                    }
                    path.pop();
                }
                yield h;
            }
            case ARRAY -> {
                boolean unordered = path.unordered();
                int h = 2;
                for (int i = 0, size = n.size(); i < size; i++) {
                    path.pushIndex(i);
                    if (ignoresOff || !path.ignored()) {
                        int element = softHash(n.get(i));
                        h = unordered ? h + element : h * 31 + element;
                    }
                    path.pop();
                }
                yield h;
            }
            case NUMBER -> settings.tolerance() != null || path.tolerance() != null ? 5 : Numbers.hash(n);
            default -> TreeEquality.hash(n);
        };
    }

    // ---- unordered arrays

    /**
     * Arrays compared as multisets: each control element is matched with an equivalent candidate element
     * (same position first, then by hash); unmatched control elements are removed, highest index first so
     * that the indices stay valid, then unmatched candidate elements are added at the end.
     */
    private void multiset(JsonNode a, JsonNode b) {
        int n = a.size();
        int m = b.size();
        if (probing && n != m && !path.ignoreMayEndBelow()) {
            found = true;
            return;
        }
        boolean soft = soft();
        int[] matchOf = new int[n];
        boolean[] used = new boolean[m];
        int unmatchedA = 0;
        for (int i = 0; i < n; i++) {
            if (i < m && equivalentAt(i, a.get(i), b.get(i), soft)) {
                matched();
                matchOf[i] = i;
                used[i] = true;
            } else {
                matchOf[i] = -1;
                unmatchedA++;
            }
        }
        if (unmatchedA > 0 && unmatchedA + m > n) {
            matchByHash(a, b, matchOf, used, soft);
        }
        int removed = 0;
        for (int i = n - 1; i >= 0 && !found; i--) {
            if (matchOf[i] < 0) {
                path.pushIndex(i);
                removed(a.get(i));
                path.pop();
                removed++;
            }
        }
        int size = n - removed;
        for (int j = 0, added = 0; j < m && !found; j++) {
            if (!used[j]) {
                path.pushIndex(size + added++);
                added(b.get(j));
                path.pop();
            }
        }
    }

    private void matchByHash(JsonNode a, JsonNode b, int[] matchOf, boolean[] used, boolean soft) {
        boolean hashable = !soft || !settings.rules().hasIndexTokens();
        int free = 0;
        long[] byHash = new long[b.size()];
        for (int j = 0; j < b.size(); j++) {
            if (!used[j]) {
                byHash[free++] = (long) hash(j, b.get(j), soft, hashable) << 32 | j;
            }
        }
        byHash = Arrays.copyOf(byHash, free);
        Arrays.sort(byHash);
        int budget = Math.max(settings.maxAlignedElements(), 16); // candidates tried per element: bounded work
        for (int i = 0; i < a.size() && !found; i++) {
            if (matchOf[i] >= 0) {
                continue;
            }
            int hash = hash(i, a.get(i), soft, hashable);
            int k = lowerBound(byHash, (long) hash << 32);
            for (int tried = 0; k < byHash.length && (int) (byHash[k] >> 32) == hash && tried < budget; k++) {
                int j = (int) byHash[k];
                if (!used[j]) {
                    tried++;
                    if (equivalentAt(i, a.get(i), b.get(j), soft)) {
                        matched();
                        matchOf[i] = j;
                        used[j] = true;
                        break;
                    }
                }
            }
        }
    }

    private int hash(int index, JsonNode element, boolean soft, boolean hashable) {
        if (!hashable) {
            return 0;
        }
        if (!soft) {
            return TreeEquality.hash(element);
        }
        path.pushIndex(index);
        int hash = softHash(element);
        path.pop();
        return hash;
    }

    private static int lowerBound(long[] sorted, long key) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] < key) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
