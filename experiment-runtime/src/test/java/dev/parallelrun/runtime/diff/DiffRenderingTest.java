package dev.parallelrun.runtime.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.FloatNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.parallelrun.experiment.PathPattern;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a difference is written down: its pointers, its values and the pairs of its signature. */
class DiffRenderingTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void pointersAndFoldedPathsAtEveryDepth() {
        PathStack path = new PathStack(PathRules.NONE);
        assertThat(path.pointer()).isEmpty();
        assertThat(path.folded()).isEmpty();
        assertThat(path.hasIndex()).isFalse();

        path.pushKey("a/b~c");
        assertThat(path.pointer()).isEqualTo("/a~1b~0c");
        assertThat(path.folded()).isEqualTo("/a~1b~0c");
        assertThat(path.hasIndex()).isFalse();
        path.pop();

        path.pushIndex(12);
        assertThat(path.pointer()).isEqualTo("/12");
        assertThat(path.folded()).isEqualTo("/*");
        assertThat(path.hasIndex()).isTrue();

        path.pushKey("lines");
        path.pushIndex(1_234_567_890);
        path.pushKey("");
        path.pushIndex(0);
        path.pushKey("7");
        assertThat(path.pointer()).isEqualTo("/12/lines/1234567890//0/7");
        assertThat(path.folded()).isEqualTo("/*/lines/*//*/7");

        for (int i = 0; i < 5; i++) {
            path.pop();
        }
        path.pushKey("x");
        assertThat(path.pointer()).isEqualTo("/12/x");
        assertThat(path.hasIndex()).isTrue();
    }

    @Test
    void deepPathsGrowTheStack() {
        PathStack path = new PathStack(PathRules.NONE);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            if (i % 2 == 0) {
                path.pushKey("k" + i);
                expected.append("/k").append(i);
            } else {
                path.pushIndex(i);
                expected.append('/').append(i);
            }
        }
        assertThat(path.pointer()).isEqualTo(expected.toString());
    }

    @Test
    void scalarValuesAreWrittenAsTheFullWriterWritesThem() {
        List<JsonNode> scalars = List.of(
                TextNode.valueOf(""),
                TextNode.valueOf("plain"),
                TextNode.valueOf("a\"b"),
                TextNode.valueOf("back\\slash"),
                TextNode.valueOf("line\nbreak"),
                TextNode.valueOf("tab\t\u0001"),
                TextNode.valueOf("é ✓ \uD83D\uDE00"),
                TextNode.valueOf("x".repeat(40)),
                IntNode.valueOf(-7),
                LongNode.valueOf(1L << 40),
                DoubleNode.valueOf(0.1),
                DoubleNode.valueOf(-0.0),
                DoubleNode.valueOf(Double.NaN),
                DoubleNode.valueOf(Double.NEGATIVE_INFINITY),
                FloatNode.valueOf(Float.POSITIVE_INFINITY),
                FloatNode.valueOf(1.5f),
                DecimalNode.valueOf(new BigDecimal("19.90")),
                BigIntegerNode.valueOf(BigInteger.TEN.pow(30)),
                BooleanNode.TRUE,
                BooleanNode.FALSE,
                NullNode.getInstance(),
                MissingNode.getInstance());
        for (int cap : new int[] {16, 17, 30, 64, Integer.MAX_VALUE}) {
            for (JsonNode scalar : scalars) {
                PathStack path = new PathStack(PathRules.NONE);
                assertThat(JsonText.capped(scalar, path, cap))
                        .as("%s capped at %d", scalar, cap)
                        .isEqualTo(JsonText.publish(scalar, path, cap).json());
            }
        }
    }

    @Test
    void redactedScalarsStayRedacted() {
        PathRules rules = new PathRules(List.of(), List.of(PathPattern.parse("/secret")), Map.of(), List.of());
        PathStack path = new PathStack(rules);
        path.pushKey("secret");
        assertThat(JsonText.capped(TextNode.valueOf("hunter2"), path, 100)).isEqualTo("\"[REDACTED]\"");
        assertThat(JsonText.capped(IntNode.valueOf(42), path, 100)).isEqualTo("\"[REDACTED]\"");
    }

    @Test
    void signatureHoldsEveryDistinctPairHoweverManyAndWhateverIsKept() {
        ObjectNode control = NODES.objectNode();
        ObjectNode candidate = NODES.objectNode();
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            control.put("f" + i, i);
            candidate.put("f" + i, i + 1);
            pairs.add("replace /f" + i);
        }
        for (int i = 0; i < 5; i++) {
            control.withArray("/lines").addObject().put("d", i);
            candidate.withArray("/lines").addObject().put("d", -i - 1);
        }
        pairs.add("replace /lines/*/d");
        control.put("gone", true);
        candidate.put("new", "x");
        pairs.add("remove /gone");
        pairs.add("add /new");
        String expected = Signature.of(pairs);

        for (int max : new int[] {1, 3, 14, 100}) {
            Comparison comparison =
                    StructuralDiffer.builder().maxDifferences(max).build().compareTrees(control, candidate);
            assertThat(comparison.diff().total()).isEqualTo(19);
            assertThat(comparison.diff().differences()).hasSize(Math.min(max, 19));
            assertThat(comparison.diff().signature()).as("kept at most %d", max).isEqualTo(expected);
        }
    }

    @Test
    void signatureByOperationIsTheSignatureOfTheJoinedPairs() {
        List<String> added = List.of("/b", "/a/*", "/\u00e9\uD83D\uDE00", "/b");
        List<String> removed = List.of("");
        List<String> replaced = List.of("/z", "/a", "/a~1b");
        List<String> joined = new ArrayList<>();
        added.forEach(p -> joined.add("add " + p));
        removed.forEach(p -> joined.add("remove " + p));
        replaced.forEach(p -> joined.add("replace " + p));

        assertThat(Signature.ofPaths(added, removed, replaced)).isEqualTo(Signature.of(joined));
        assertThat(Signature.ofPaths(null, null, replaced))
                .isEqualTo(Signature.of(joined.subList(added.size() + removed.size(), joined.size())));
        assertThat(Signature.ofPaths(null, List.of(), null)).isEmpty();
    }
}
