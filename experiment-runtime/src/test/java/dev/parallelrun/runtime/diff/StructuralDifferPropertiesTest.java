package dev.parallelrun.runtime.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.parallelrun.experiment.Difference;
import dev.parallelrun.experiment.Operation;
import dev.parallelrun.experiment.Tolerance;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * For random JSON-like trees: the differences patch the control into the candidate, and nothing else.
 * Each property runs over many seeded random cases; a failure names its seed, so it can be replayed.
 */
class StructuralDifferPropertiesTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> KEYS = List.of("a", "b", "c", "id", "0", "1", "a/b", "m~n", "");
    private static final long BASE_SEED = 0x5EED_2026L;

    private final StructuralDiffer differ = StructuralDiffer.builder()
            .maxDifferences(Integer.MAX_VALUE)
            .maxValueChars(Integer.MAX_VALUE)
            .build();

    /** Runs {@code property} for {@code cases} seeds, saying which seed failed. */
    private static void forSeeds(int cases, Consumer<Random> property) {
        for (int i = 0; i < cases; i++) {
            long seed = BASE_SEED + i;
            try {
                property.accept(new Random(seed));
            } catch (AssertionError e) {
                throw new AssertionError("property failed for seed " + seed + ": " + e.getMessage(), e);
            }
        }
    }

    @Test
    void differencesTurnTheControlIntoTheCandidate() {
        forSeeds(500, random -> assertPatches(tree(random, 3), tree(random, 3)));
    }

    @Test
    void differencesTurnTheControlIntoAnEditedCandidate() {
        forSeeds(800, random -> {
            JsonNode a = tree(random, 3);
            assertPatches(a, edited(a, random));
        });
    }

    @Test
    void aTreeDoesNotDifferFromItself() {
        forSeeds(500, random -> {
            JsonNode a = tree(random, 3);
            assertThat(differ.compareTrees(a, a.deepCopy()).isEqual()).isTrue();
            assertThat(differ.compareTrees(a, a).isEqual()).isTrue();
        });
    }

    @Test
    void oneInsertionIntoAnArrayIsOneAdd() {
        forSeeds(500, random -> {
            ArrayNode a = array(random);
            ArrayNode b = a.deepCopy();
            b.insert(random.nextInt(a.size() + 1), tree(random, 3));

            Comparison comparison = differ.compareTrees(a, b);

            assertThat(comparison.diff().differences())
                    .singleElement()
                    .extracting(Difference::op)
                    .isEqualTo(Operation.ADD);
            assertThat(JsonPatch.normalized(JsonPatch.apply(a, comparison.diff().differences())))
                    .isEqualTo(JsonPatch.normalized(b));
        });
    }

    @Test
    void oneRemovalFromAnArrayIsOneRemove() {
        forSeeds(300, random -> {
            ArrayNode a = array(random);
            if (a.isEmpty()) {
                return;
            }
            ArrayNode b = a.deepCopy();
            b.remove(random.nextInt(a.size()));

            Comparison comparison = differ.compareTrees(a, b);

            assertThat(comparison.diff().differences())
                    .singleElement()
                    .extracting(Difference::op)
                    .isEqualTo(Operation.REMOVE);
            assertThat(JsonPatch.normalized(JsonPatch.apply(a, comparison.diff().differences())))
                    .isEqualTo(JsonPatch.normalized(b));
        });
    }

    @Test
    void optionsThatNeverApplyChangeNoDifference() {
        // a zero tolerance and an ignore pattern alive everywhere but matching nothing send every comparison
        // through the option-aware paths (probes, soft hashes), which must agree with the plain ones
        StructuralDiffer inert = StructuralDiffer.builder()
                .tolerance(Tolerance.absolute(0))
                .ignorePaths("/*/*/*/no-such-key")
                .maxDifferences(Integer.MAX_VALUE)
                .maxValueChars(Integer.MAX_VALUE)
                .build();
        forSeeds(500, random -> {
            JsonNode a = tree(random, 3);
            JsonNode b = edited(a, random);
            assertThat(inert.compareTrees(a, b)).isEqualTo(differ.compareTrees(a, b));
        });
    }

    @Test
    void unorderedArraysPatchToTheSameMultiset() {
        StructuralDiffer unordered = StructuralDiffer.builder()
                .unorderedArrays("")
                .maxDifferences(Integer.MAX_VALUE)
                .maxValueChars(Integer.MAX_VALUE)
                .build();
        forSeeds(300, random -> {
            ArrayNode a = array(random);
            ArrayNode b = array(random);
            List<JsonNode> shuffled = new ArrayList<>();
            a.forEach(shuffled::add);
            Collections.shuffle(shuffled, random);

            Comparison comparison = unordered.compareTrees(a, b);
            JsonNode patched = JsonPatch.apply(a, comparison.diff().differences());

            assertThat(unordered.compareTrees(a, array(shuffled)).isEqual()).isTrue();
            assertThat(unordered.compareTrees(patched, b).isEqual()).isTrue();
            assertThat(comparison.diff().differences())
                    .allSatisfy(d -> assertThat(d.op()).isNotEqualTo(Operation.REPLACE));
        });
    }

    private void assertPatches(JsonNode a, JsonNode b) {
        Comparison comparison = differ.compareTrees(a, b);
        JsonNode patched = JsonPatch.apply(a, comparison.diff().differences());

        assertThat(JsonPatch.normalized(patched)).isEqualTo(JsonPatch.normalized(b));
        assertThat(comparison.diff().total())
                .isEqualTo(comparison.diff().differences().size());
        assertThat(comparison.isEqual()).isEqualTo(JsonPatch.normalized(a).equals(JsonPatch.normalized(b)));
    }

    // ---- generators: small JSON-like trees with the awkward parts (escaped keys, numbers of every kind)

    private static JsonNode leaf(Random random) {
        return switch (random.nextInt(7)) {
            case 0 -> IntNode.valueOf(random.nextInt(6) - 2);
            case 1 -> LongNode.valueOf(new long[] {0L, 1L, 1L << 40}[random.nextInt(3)]);
            case 2 -> DoubleNode.valueOf(new double[] {1.0, 0.5, -2.25, 1e10}[random.nextInt(4)]);
            case 3 -> DecimalNode.valueOf(new BigDecimal(new String[] {"1.10", "0.5", "3"}[random.nextInt(3)]));
            case 4 -> TextNode.valueOf(new String[] {"x", "y", "", "a b", "line\nbreak"}[random.nextInt(5)]);
            case 5 -> BooleanNode.valueOf(random.nextBoolean());
            default -> NullNode.getInstance();
        };
    }

    private static JsonNode tree(Random random, int depth) {
        int kind = depth == 0 ? 0 : random.nextInt(7); // leaves 3 : arrays 2 : objects 2
        if (kind < 3) {
            return leaf(random);
        }
        if (kind < 5) {
            ArrayNode array = NODES.arrayNode();
            for (int i = random.nextInt(7); i > 0; i--) {
                array.add(tree(random, depth - 1));
            }
            return array;
        }
        ObjectNode object = NODES.objectNode();
        for (int i = random.nextInt(5); i > 0; i--) {
            object.set(KEYS.get(random.nextInt(KEYS.size())), tree(random, depth - 1));
        }
        return object;
    }

    private static ArrayNode array(Random random) {
        ArrayNode array = NODES.arrayNode();
        for (int i = random.nextInt(41); i > 0; i--) {
            array.add(tree(random, 2));
        }
        return array;
    }

    private static ArrayNode array(List<JsonNode> elements) {
        ArrayNode node = NODES.arrayNode();
        elements.forEach(element -> node.add(element.deepCopy()));
        return node;
    }

    /** A copy of {@code tree} with a few random edits: inserted, removed and changed elements and members. */
    private static JsonNode edited(JsonNode tree, Random random) {
        JsonNode copy = tree.deepCopy();
        List<JsonNode> containers = new ArrayList<>();
        collect(copy, containers);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && !containers.isEmpty(); e++) {
            JsonNode container = containers.get(random.nextInt(containers.size()));
            JsonNode leaf = randomLeaf(random);
            if (container instanceof ArrayNode array) {
                switch (random.nextInt(3)) {
                    case 0 -> array.insert(random.nextInt(array.size() + 1), leaf);
                    case 1 -> {
                        if (!array.isEmpty()) {
                            array.remove(random.nextInt(array.size()));
                        }
                    }
                    default -> {
                        if (!array.isEmpty()) {
                            array.set(random.nextInt(array.size()), leaf);
                        }
                    }
                }
            } else if (container instanceof ObjectNode object) {
                String key = KEYS.get(random.nextInt(KEYS.size()));
                if (random.nextBoolean()) {
                    object.set(key, leaf);
                } else {
                    object.remove(key);
                }
            }
        }
        if (!copy.isContainerNode() && random.nextBoolean()) {
            return randomLeaf(random);
        }
        return copy;
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainerNode()) {
            containers.add(node);
            if (node.isArray()) {
                node.forEach(child -> collect(child, containers));
            } else {
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    collect(field.getValue(), containers);
                }
            }
        }
    }

    private static JsonNode randomLeaf(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> IntNode.valueOf(random.nextInt(4));
            case 1 -> TextNode.valueOf(random.nextBoolean() ? "x" : "z");
            case 2 -> NullNode.getInstance();
            case 3 -> NODES.arrayNode().add(random.nextInt(3));
            default -> NODES.objectNode().put("a", random.nextInt(3));
        };
    }
}
