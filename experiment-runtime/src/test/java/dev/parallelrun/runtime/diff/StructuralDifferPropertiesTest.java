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
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/** For random JSON-like trees: the differences patch the control into the candidate, and nothing else. */
class StructuralDifferPropertiesTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> KEYS = List.of("a", "b", "c", "id", "0", "1", "a/b", "m~n", "");

    private final StructuralDiffer differ = StructuralDiffer.builder()
            .maxDifferences(Integer.MAX_VALUE)
            .maxValueChars(Integer.MAX_VALUE)
            .build();

    @Property(tries = 500)
    void differencesTurnTheControlIntoTheCandidate(@ForAll("trees") JsonNode a, @ForAll("trees") JsonNode b) {
        assertPatches(a, b);
    }

    @Property(tries = 800)
    void differencesTurnTheControlIntoAnEditedCandidate(@ForAll("editedPairs") Tuple.Tuple2<JsonNode, JsonNode> pair) {
        assertPatches(pair.get1(), pair.get2());
    }

    @Property(tries = 500)
    void aTreeDoesNotDifferFromItself(@ForAll("trees") JsonNode a) {
        assertThat(differ.compareTrees(a, a.deepCopy()).isEqual()).isTrue();
        assertThat(differ.compareTrees(a, a).isEqual()).isTrue();
    }

    @Property(tries = 500)
    void oneInsertionIntoAnArrayIsOneAdd(@ForAll("arrays") ArrayNode a, @ForAll("trees") JsonNode element,
            @ForAll @IntRange(min = 0, max = 1_000) int where) {
        ArrayNode b = a.deepCopy();
        b.insert(where % (a.size() + 1), element);

        Comparison comparison = differ.compareTrees(a, b);

        assertThat(comparison.diff().differences()).singleElement().extracting(Difference::op).isEqualTo(Operation.ADD);
        assertThat(JsonPatch.normalized(JsonPatch.apply(a, comparison.diff().differences())))
                .isEqualTo(JsonPatch.normalized(b));
    }

    @Property(tries = 300)
    void oneRemovalFromAnArrayIsOneRemove(@ForAll("arrays") ArrayNode a, @ForAll @IntRange(min = 0, max = 1_000) int where) {
        if (a.isEmpty()) {
            return;
        }
        ArrayNode b = a.deepCopy();
        b.remove(where % a.size());

        Comparison comparison = differ.compareTrees(a, b);

        assertThat(comparison.diff().differences()).singleElement().extracting(Difference::op).isEqualTo(Operation.REMOVE);
        assertThat(JsonPatch.normalized(JsonPatch.apply(a, comparison.diff().differences())))
                .isEqualTo(JsonPatch.normalized(b));
    }

    @Property(tries = 500)
    void optionsThatNeverApplyChangeNoDifference(@ForAll("editedPairs") Tuple.Tuple2<JsonNode, JsonNode> pair) {
        // a zero tolerance and an ignore pattern alive everywhere but matching nothing send every comparison
        // through the option-aware paths (probes, soft hashes), which must agree with the plain ones
        StructuralDiffer inert = StructuralDiffer.builder()
                .tolerance(dev.parallelrun.experiment.Tolerance.absolute(0))
                .ignorePaths("/*/*/*/no-such-key")
                .maxDifferences(Integer.MAX_VALUE)
                .maxValueChars(Integer.MAX_VALUE)
                .build();

        assertThat(inert.compareTrees(pair.get1(), pair.get2())).isEqualTo(differ.compareTrees(pair.get1(), pair.get2()));
    }

    @Property(tries = 300)
    void unorderedArraysPatchToTheSameMultiset(@ForAll("arrays") ArrayNode a, @ForAll("arrays") ArrayNode b,
            @ForAll Random random) {
        StructuralDiffer unordered = StructuralDiffer.builder().unorderedArrays("")
                .maxDifferences(Integer.MAX_VALUE).maxValueChars(Integer.MAX_VALUE).build();
        List<JsonNode> shuffled = new ArrayList<>();
        a.forEach(shuffled::add);
        java.util.Collections.shuffle(shuffled, random);

        Comparison comparison = unordered.compareTrees(a, b);
        JsonNode patched = JsonPatch.apply(a, comparison.diff().differences());

        assertThat(unordered.compareTrees(a, array(shuffled)).isEqual()).isTrue();
        assertThat(unordered.compareTrees(patched, b).isEqual()).isTrue();
        assertThat(comparison.diff().differences()).allSatisfy(d -> assertThat(d.op()).isNotEqualTo(Operation.REPLACE));
    }

    private void assertPatches(JsonNode a, JsonNode b) {
        Comparison comparison = differ.compareTrees(a, b);
        JsonNode patched = JsonPatch.apply(a, comparison.diff().differences());

        assertThat(JsonPatch.normalized(patched)).isEqualTo(JsonPatch.normalized(b));
        assertThat(comparison.diff().total()).isEqualTo(comparison.diff().differences().size());
        assertThat(comparison.isEqual()).isEqualTo(JsonPatch.normalized(a).equals(JsonPatch.normalized(b)));
    }

    // ---- generators

    @Provide
    Arbitrary<JsonNode> trees() {
        return tree(3);
    }

    @Provide
    Arbitrary<ArrayNode> arrays() {
        return tree(2).list().ofMaxSize(40).map(StructuralDifferPropertiesTest::array);
    }

    @Provide
    Arbitrary<Tuple.Tuple2<JsonNode, JsonNode>> editedPairs() {
        return Combinators.combine(tree(3), Arbitraries.randoms()).as((a, random) -> Tuple.of(a, edited(a, random)));
    }

    private static Arbitrary<JsonNode> leaves() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(-2, 3).map(i -> (JsonNode) IntNode.valueOf(i)),
                Arbitraries.of(0L, 1L, 1L << 40).map(l -> (JsonNode) LongNode.valueOf(l)),
                Arbitraries.of(1.0, 0.5, -2.25, 1e10).map(d -> (JsonNode) DoubleNode.valueOf(d)),
                Arbitraries.of("1.10", "0.5", "3").map(s -> (JsonNode) DecimalNode.valueOf(new BigDecimal(s))),
                Arbitraries.of("x", "y", "", "a b", "line\nbreak").map(s -> (JsonNode) TextNode.valueOf(s)),
                Arbitraries.of(true, false).map(v -> (JsonNode) BooleanNode.valueOf(v)),
                Arbitraries.just((JsonNode) NullNode.getInstance()));
    }

    private static Arbitrary<JsonNode> tree(int depth) {
        if (depth == 0) {
            return leaves();
        }
        Arbitrary<JsonNode> child = tree(depth - 1);
        Arbitrary<JsonNode> array = child.list().ofMaxSize(6).map(StructuralDifferPropertiesTest::array);
        Arbitrary<JsonNode> object = Arbitraries.maps(Arbitraries.of(KEYS), child).ofMaxSize(4).map(fields -> {
            ObjectNode node = NODES.objectNode();
            fields.forEach(node::set);
            return node;
        });
        return Arbitraries.frequencyOf(Tuple.of(3, leaves()), Tuple.of(2, array), Tuple.of(2, object));
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
