package dev.parallelrun.runtime.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.parallelrun.experiment.Diff;
import dev.parallelrun.experiment.Difference;
import dev.parallelrun.experiment.Operation;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class StructuralDifferTest {

    private final StructuralDiffer differ = StructuralDiffer.builder().build();

    record Line(String sku, int quantity, BigDecimal discount) {}

    record Order(String id, List<Line> lines, @Nullable String note) {}

    enum Status {
        OPEN,
        CLOSED
    }

    record Dated(LocalDate day, Instant at, Duration took, Optional<String> coupon, Status status) {}

    static JsonNode json(String text) {
        return JsonPatch.parse(text);
    }

    private List<String> described(Comparison comparison) {
        return comparison.diff().differences().stream()
                .map(Difference::toString)
                .toList();
    }

    private Comparison trees(String control, String candidate) {
        Comparison comparison = differ.compareTrees(json(control), json(candidate));
        assertAppliesTo(control, candidate, comparison);
        return comparison;
    }

    private static void assertAppliesTo(String control, String candidate, Comparison comparison) {
        JsonNode patched = JsonPatch.apply(json(control), comparison.diff().differences());
        assertThat(JsonPatch.normalized(patched)).isEqualTo(JsonPatch.normalized(json(candidate)));
    }

    @Test
    void equalValuesGiveNoDifference() {
        Order order = new Order("o-1", List.of(new Line("a", 1, new BigDecimal("0.10"))), null);
        Comparison comparison =
                differ.compare(order, new Order("o-1", List.of(new Line("a", 1, new BigDecimal("0.1"))), null));

        assertThat(comparison.isEqual()).isTrue();
        assertThat(comparison.diff().signature()).isEmpty();
        assertThat(comparison.diff().structural()).isTrue();
    }

    @Test
    void changedLeafIsOneReplaceWithBothValues() {
        Order control = new Order(
                "o-1", List.of(new Line("a", 1, new BigDecimal("0.10")), new Line("b", 2, BigDecimal.ONE)), null);
        Order candidate = new Order(
                "o-1",
                List.of(new Line("a", 1, new BigDecimal("0.10")), new Line("b", 2, new BigDecimal("0.9"))),
                null);

        Comparison comparison = differ.compare(control, candidate);

        assertThat(comparison.diff().differences())
                .containsExactly(new Difference(Operation.REPLACE, "/lines/1/discount", "0.9", "1", null));
        assertThat(comparison.diff().total()).isEqualTo(1);
        assertThat(comparison.fallbackCause()).isNull();
    }

    @Test
    void memberOnlyInCandidateIsAnAdd() {
        assertThat(described(trees("{\"a\":1}", "{\"a\":1,\"b\":{\"c\":[1,2]}}")))
                .containsExactly("add /b {\"c\":[1,2]}");
    }

    @Test
    void memberOnlyInControlIsARemove() {
        Comparison comparison = trees("{\"a\":1,\"b\":\"x\"}", "{\"a\":1}");

        assertThat(comparison.diff().differences())
                .containsExactly(new Difference(Operation.REMOVE, "/b", null, "\"x\"", null));
    }

    @Test
    void differentTypesAreOneReplace() {
        assertThat(described(trees("{\"a\":{\"b\":1}}", "{\"a\":[1]}"))).containsExactly("replace /a {\"b\":1} -> [1]");
        assertThat(described(trees("1", "\"1\""))).containsExactly("replace (root) 1 -> \"1\"");
    }

    @Test
    void keysWithSlashAndTildeAreEscaped() {
        Comparison comparison = trees("{\"a/b\":{\"c~d\":1},\"~1\":true}", "{\"a/b\":{\"c~d\":2},\"~1\":false}");

        assertThat(comparison.diff().differences())
                .extracting(Difference::path)
                .containsExactlyInAnyOrder("/a~1b/c~0d", "/~01");
    }

    @Test
    void keyOrderDoesNotMatter() {
        Map<String, Integer> ordered = new LinkedHashMap<>();
        ordered.put("a", 1);
        ordered.put("b", 2);
        Map<String, Integer> reversed = new LinkedHashMap<>();
        reversed.put("b", 2);
        reversed.put("a", 1);

        assertThat(differ.compare(ordered, reversed).isEqual()).isTrue();
    }

    @Test
    void numbersCompareByValueWhateverTheirType() {
        assertThat(differ.compare(1, 1L).isEqual()).isTrue();
        assertThat(differ.compare(1, 1.0).isEqual()).isTrue();
        assertThat(differ.compare(1.0f, 1.0).isEqual()).isTrue();
        assertThat(differ.compare(0.1f, 0.1).isEqual()).isTrue();
        assertThat(differ.compare(new BigDecimal("1.10"), new BigDecimal("1.1")).isEqual())
                .isTrue();
        assertThat(differ.compare(new BigDecimal("0.1"), 0.1).isEqual()).isTrue();
        assertThat(differ.compare(
                                new java.math.BigInteger("12345678901234567890"),
                                new BigDecimal("12345678901234567890.0"))
                        .isEqual())
                .isTrue();
        assertThat(differ.compare(Double.NaN, Double.NaN).isEqual()).isTrue();
        assertThat(differ.compare(0.0, -0.0).isEqual()).isTrue();
        assertThat(differ.compare(Long.MAX_VALUE, (double) Long.MAX_VALUE).isEqual())
                .isFalse();
        assertThat(differ.compare(1, 1.5).isEqual()).isFalse();
        assertThat(differ.compare(9007199254740993L, 9007199254740992L).isEqual())
                .isFalse();
    }

    @Test
    void numbersOfDifferentTypesInTreesCompareByValue() {
        assertThat(trees("[1, 2.50, 3e2]", "[1.0, 2.5, 300]").isEqual()).isTrue();
    }

    @Test
    void exactScaleIsAnOptInThroughTheMapper() {
        var exact = Differs.defaultMapper();
        exact.configOverride(BigDecimal.class)
                .setFormat(com.fasterxml.jackson.annotation.JsonFormat.Value.forShape(
                        com.fasterxml.jackson.annotation.JsonFormat.Shape.STRING));
        StructuralDiffer strict = StructuralDiffer.builder().mapper(exact).build();

        assertThat(described(strict.compare(new BigDecimal("1.10"), new BigDecimal("1.1"))))
                .containsExactly("replace (root) \"1.10\" -> \"1.1\"");
    }

    @Test
    void datesOptionalsAndEnumsBecomeReadableValues() {
        Dated control = new Dated(
                LocalDate.parse("2026-03-01"),
                Instant.parse("2026-03-01T10:15:30Z"),
                Duration.ofSeconds(90),
                Optional.empty(),
                Status.OPEN);
        Dated candidate = new Dated(
                LocalDate.parse("2026-03-02"),
                Instant.parse("2026-03-01T10:15:30Z"),
                Duration.ofSeconds(91),
                Optional.of("SPRING"),
                Status.CLOSED);

        assertThat(described(differ.compare(control, candidate)))
                .containsExactlyInAnyOrder(
                        "replace /day \"2026-03-01\" -> \"2026-03-02\"",
                        "replace /took \"PT1M30S\" -> \"PT1M31S\"",
                        "replace /coupon null -> \"SPRING\"",
                        "replace /status \"OPEN\" -> \"CLOSED\"");
        assertThat(differ.publish(control).json()).contains("\"at\":\"2026-03-01T10:15:30Z\"");
    }

    @Test
    void nullAndMissingAreDifferent() {
        assertThat(described(trees("{\"a\":null}", "{}"))).containsExactly("remove /a (was null)");
        assertThat(described(trees("{}", "{\"a\":null}"))).containsExactly("add /a null");
        assertThat(described(trees("{\"a\":null}", "{\"a\":0}"))).containsExactly("replace /a null -> 0");
        assertThat(differ.compare(null, Map.of()).diff().differences())
                .extracting(Difference::toString)
                .containsExactly("replace (root) null -> {}");
    }

    @Test
    void nestedArraysCompareElementByElement() {
        Comparison comparison = trees("[[1,2],[3,[4,5]]]", "[[1,2],[3,[4,6]]]");

        assertThat(described(comparison)).containsExactly("replace /1/1/1 5 -> 6");
        assertThat(trees("[[1,2],[3]]", "[[1,2],[3,4],[5]]").diff().differences())
                .extracting(Difference::toString)
                .containsExactly("add /1/1 4", "add /2 [5]");
    }

    @Test
    void oneInsertionIntoAThousandElementsIsOneAdd() {
        List<Line> control = IntStream.range(0, 1_000)
                .mapToObj(i -> new Line("sku-" + i, i, BigDecimal.ONE))
                .toList();
        List<Line> candidate = new ArrayList<>(control);
        candidate.add(417, new Line("new", 0, BigDecimal.ZERO));

        Comparison comparison = differ.compare(control, candidate);

        assertThat(described(comparison)).containsExactly("add /417 {\"sku\":\"new\",\"quantity\":0,\"discount\":0}");
    }

    @Test
    void oneRemovalFromAThousandElementsIsOneRemove() {
        List<Integer> control = IntStream.range(0, 1_000).boxed().toList();
        List<Integer> candidate = new ArrayList<>(control);
        candidate.remove(3);

        assertThat(described(differ.compare(control, candidate))).containsExactly("remove /3 (was 3)");
    }

    @Test
    void myersAlignsInsertionsBetweenChangedEnds() {
        // the ends differ, so skipping the equal prefix and suffix leaves everything to the alignment
        List<Integer> control = IntStream.range(0, 50).boxed().toList();
        List<Integer> candidate = new ArrayList<>(control);
        candidate.set(0, -1);
        candidate.add(20, 1000);
        candidate.add(35, 2000);
        candidate.set(candidate.size() - 1, -2);
        JsonNode a = Differs.defaultMapper().valueToTree(control);
        JsonNode b = Differs.defaultMapper().valueToTree(candidate);

        Comparison comparison = differ.compareTrees(a, b);

        assertThat(described(comparison))
                .containsExactly("replace /0 0 -> -1", "add /20 1000", "add /35 2000", "replace /51 49 -> -2");
        assertThat(JsonPatch.normalized(JsonPatch.apply(a, comparison.diff().differences())))
                .isEqualTo(JsonPatch.normalized(b));
    }

    @Test
    void changedElementsInsideAnAlignedStretchAreComparedInPlace() {
        Comparison comparison = trees(
                "[{\"id\":1,\"v\":1},{\"id\":2,\"v\":1},{\"id\":3,\"v\":1}]",
                "[{\"id\":0,\"v\":0},{\"id\":1,\"v\":1},{\"id\":2,\"v\":2},{\"id\":3,\"v\":1},{\"id\":4,\"v\":1}]");

        assertThat(described(comparison))
                .containsExactly("add /0 {\"id\":0,\"v\":0}", "replace /2/v 1 -> 2", "add /4 {\"id\":4,\"v\":1}");
    }

    @Test
    void alignmentPastItsCapFallsBackToIndexByIndexAndSaysSo() {
        StructuralDiffer bounded = StructuralDiffer.builder()
                .maxAlignedElements(10)
                .maxDifferences(1_000)
                .build();
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        ArrayNode b = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < 20; i++) {
            a.add(i);
            b.add(i == 0 ? -1 : i);
        }
        b.insert(10, 99);
        b.set(20, -2);

        Comparison comparison = bounded.compareTrees(a, b);

        assertThat(comparison.diff().note())
                .contains("array at (root) compared index by index, not aligned")
                .contains("alignment cap of 10");
        assertThat(comparison.diff().total()).isGreaterThan(3);
        assertThat(JsonPatch.apply(a, comparison.diff().differences())).isEqualTo(b);
        assertThat(differ.compareTrees(a, b).diff().note()).isNull();
        assertThat(differ.compareTrees(a, b).diff().total()).isEqualTo(3);
    }

    @Test
    void longStringsCarryAWordDiff() {
        String before = "The quick brown fox jumps over the lazy dog while the cat watches from the window sill, "
                + "unimpressed by the whole affair and its many participants.";
        String after = before.replace("lazy", "sleepy").replace("window", "garden");

        Difference difference = differ.compare(Map.of("text", before), Map.of("text", after))
                .diff()
                .differences()
                .getFirst();

        assertThat(difference.textDiff())
                .contains("[-lazy-]{+sleepy+}")
                .contains("[-window-]{+garden+}")
                .hasSizeLessThan(before.length());
    }

    @Test
    void multiLineStringsCarryALineDiff() {
        String before = "line one\nline two\nline three\nline four\nline five";
        String after = "line one\nline two\nline 3\nline four\nline five";

        Difference difference =
                differ.compare(before, after).diff().differences().getFirst();

        assertThat(difference.textDiff()).isEqualTo("@@ -2,3 +2,3 @@\n line two\n-line three\n+line 3\n line four");
    }

    @Test
    void shortStringsCarryNoTextDiff() {
        assertThat(differ.compare("red", "blue").diff().differences().getFirst().textDiff())
                .isNull();
    }

    @Test
    void signatureFoldsArrayIndicesButNotNumericKeys() {
        Comparison first = trees(
                "{\"lines\":[{\"d\":1},{\"d\":1}],\"byId\":{\"7\":1}}",
                "{\"lines\":[{\"d\":1},{\"d\":2}],\"byId\":{\"7\":2}}");
        Comparison second = trees(
                "{\"lines\":[{\"d\":5},{\"d\":1},{\"d\":1}],\"byId\":{\"7\":1}}",
                "{\"lines\":[{\"d\":6},{\"d\":1},{\"d\":1}],\"byId\":{\"7\":3}}");
        Comparison other = trees("{\"byId\":{\"8\":1}}", "{\"byId\":{\"8\":2}}");

        assertThat(first.diff().signature())
                .isEqualTo(second.diff().signature())
                .isEqualTo(Signature.of(List.of("replace /lines/*/d", "replace /byId/7")));
        assertThat(other.diff().signature()).isNotEqualTo(first.diff().signature());
    }

    @Test
    void publishedValueIsCompactJson() {
        Diff none = differ.compare("x", "x").diff();
        assertThat(none.isEmpty()).isTrue();
        assertThat(differ.publish(new Line("a\"b", 2, new BigDecimal("0.10"))).json())
                .isEqualTo("{\"sku\":\"a\\\"b\",\"quantity\":2,\"discount\":0.10}");
        assertThat(differ.publish(null).json()).isEqualTo("null");
        assertThat(differ.publish(Double.NaN).json()).isEqualTo("\"NaN\"");
        assertThat(differ.publish(new byte[] {1, 2, 3}).json()).isEqualTo("\"AQID\"");
    }
}
