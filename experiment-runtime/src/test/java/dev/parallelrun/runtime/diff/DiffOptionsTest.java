package dev.parallelrun.runtime.diff;

import static dev.parallelrun.runtime.diff.StructuralDifferTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parallelrun.experiment.Difference;
import dev.parallelrun.experiment.PublishedValue;
import dev.parallelrun.experiment.Tolerance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DiffOptionsTest {

    private static final String SECRET = "s3cr3t-marker-7f1d";

    record Customer(String name, String email, String card) {}

    record Quote(Customer customer, double total, List<Double> taxes, String quotedAt) {}

    private static List<String> described(Comparison comparison) {
        return comparison.diff().differences().stream()
                .map(Difference::toString)
                .toList();
    }

    // ---- ignore

    @Test
    void differencesOnlyAtIgnoredPathsAreCountedNotKept() {
        StructuralDiffer differ = StructuralDiffer.builder()
                .ignorePaths("/quotedAt", "/lines/*/at")
                .build();

        Comparison comparison = differ.compareTrees(
                json("{\"quotedAt\":\"10:00\",\"lines\":[{\"at\":1,\"p\":1},{\"at\":2,\"p\":2}]}"),
                json("{\"quotedAt\":\"10:01\",\"lines\":[{\"at\":5,\"p\":1},{\"at\":6,\"p\":2}]}"));

        assertThat(comparison.onlyIgnored()).isTrue();
        assertThat(comparison.isEqual()).isFalse();
        assertThat(comparison.ignored()).isEqualTo(3);
        assertThat(comparison.diff().isEmpty()).isTrue();
    }

    @Test
    void ignoredPathsLeaveOtherDifferencesKept() {
        StructuralDiffer differ =
                StructuralDiffer.builder().ignorePaths("/lines/*/at").build();

        Comparison comparison = differ.compareTrees(
                json("{\"lines\":[{\"at\":1,\"p\":1},{\"at\":2,\"p\":2}]}"),
                json("{\"lines\":[{\"at\":5,\"p\":1},{\"at\":6,\"p\":3}]}"));

        assertThat(described(comparison)).containsExactly("replace /lines/1/p 2 -> 3");
        assertThat(comparison.ignored()).isEqualTo(2);
        assertThat(comparison.onlyIgnored()).isFalse();
    }

    @Test
    void ignoredSubtreeCountsOnceAndAddsOrRemovesUnderIgnoredPathsCount() {
        StructuralDiffer differ =
                StructuralDiffer.builder().ignorePaths("/meta", "/tags/*").build();

        Comparison comparison = differ.compareTrees(
                json("{\"meta\":{\"a\":1,\"b\":2},\"tags\":[\"x\"]}"),
                json("{\"meta\":{\"a\":2,\"b\":3,\"c\":4},\"tags\":[\"x\",\"y\",\"z\"]}"));

        assertThat(comparison.onlyIgnored()).isTrue();
        assertThat(comparison.ignored()).isEqualTo(3); // /meta once, two adds under /tags
    }

    @Test
    void ignoredFieldsDoNotBreakArrayAlignment() {
        StructuralDiffer differ =
                StructuralDiffer.builder().ignorePaths("/*/at").build();
        List<Map<String, Object>> control = new ArrayList<>();
        List<Map<String, Object>> candidate = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            control.add(Map.of("id", i, "at", "t" + i));
            candidate.add(Map.of("id", i, "at", "u" + i));
        }
        candidate.add(7, Map.of("id", 100, "at", "new"));

        Comparison comparison = differ.compare(control, candidate);

        assertThat(comparison.diff().differences())
                .extracting(Difference::describe)
                .containsExactly("add /7");
        assertThat(comparison.ignored()).isEqualTo(20);
    }

    @Test
    void equalValuesAreEqualNotIgnored() {
        StructuralDiffer differ = StructuralDiffer.builder().ignorePaths("/a").build();

        assertThat(differ.compareTrees(json("{\"a\":1}"), json("{\"a\":1}")).isEqual())
                .isTrue();
    }

    @Test
    void ignoringTheRootIgnoresEverything() {
        StructuralDiffer differ = StructuralDiffer.builder().ignorePaths("").build();

        assertThat(differ.compareTrees(json("[1]"), json("{}")).onlyIgnored()).isTrue();
    }

    @Test
    void malformedPointersAreRefusedWithTheirName() {
        assertThatThrownBy(() -> StructuralDiffer.builder().ignorePaths("lines/*x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ignorePaths")
                .hasMessageContaining("'lines/*x'");
        assertThatThrownBy(() -> StructuralDiffer.builder().redactPaths("/a/*b"))
                .hasMessageContaining("redactPaths")
                .hasMessageContaining("'/a/*b'");
    }

    // ---- tolerance

    @Test
    void globalToleranceAcceptsCloseNumbers() {
        StructuralDiffer differ =
                StructuralDiffer.builder().tolerance(Tolerance.absolute(0.01)).build();

        Comparison comparison =
                differ.compareTrees(json("{\"a\":1.000,\"b\":[2.0,3.0]}"), json("{\"a\":1.005,\"b\":[2.0,3.5]}"));

        assertThat(described(comparison)).containsExactly("replace /b/1 3.0 -> 3.5");
        assertThat(comparison.ignored()).isZero();
    }

    @Test
    void relativeToleranceScalesWithTheNumbers() {
        StructuralDiffer differ =
                StructuralDiffer.builder().tolerance(Tolerance.relative(0.001)).build();

        assertThat(differ.compareTrees(json("[1000000, 1]"), json("[1000500, 1.01]"))
                        .diff()
                        .differences())
                .extracting(Difference::path)
                .containsExactly("/1");
    }

    @Test
    void perPathToleranceComesBeforeTheGlobalOneAndCoversWhatIsUnderIt() {
        StructuralDiffer differ = StructuralDiffer.builder()
                .tolerance(Tolerance.absolute(0.001))
                .tolerance("/prices", Tolerance.absolute(1))
                .tolerance("/prices/exact", Tolerance.absolute(0))
                .build();

        Comparison comparison = differ.compareTrees(
                json("{\"prices\":{\"a\":10,\"b\":[20],\"exact\":1},\"other\":5,\"fine\":5}"),
                json("{\"prices\":{\"a\":10.5,\"b\":[20.9],\"exact\":1.1},\"other\":5.5,\"fine\":5.0005}"));

        assertThat(described(comparison)).containsExactly("replace /prices/exact 1 -> 1.1", "replace /other 5 -> 5.5");
    }

    @Test
    void toleranceAlsoAppliesWhenAligningArrays() {
        StructuralDiffer differ =
                StructuralDiffer.builder().tolerance(Tolerance.absolute(0.01)).build();

        Comparison comparison =
                differ.compareTrees(json("[1.0, 2.0, 3.0, 4.0]"), json("[1.001, 2.001, 9, 3.001, 4.001]"));

        assertThat(described(comparison)).containsExactly("add /2 9");
    }

    // ---- unordered arrays

    @Test
    void unorderedArraysCompareAsMultisets() {
        StructuralDiffer differ = StructuralDiffer.builder()
                .unorderedArrays("/tags", "/orders/*/items")
                .build();

        assertThat(differ.compareTrees(
                                json("{\"tags\":[\"a\",\"b\",\"b\",\"c\"]}"),
                                json("{\"tags\":[\"c\",\"b\",\"a\",\"b\"]}"))
                        .isEqual())
                .isTrue();
        assertThat(differ.compareTrees(
                                json("{\"orders\":[{\"items\":[{\"sku\":1},{\"sku\":2}]}]}"),
                                json("{\"orders\":[{\"items\":[{\"sku\":2},{\"sku\":1}]}]}"))
                        .isEqual())
                .isTrue();
    }

    @Test
    void unorderedArraysRemoveByDescendingIndexThenAdd() {
        StructuralDiffer differ =
                StructuralDiffer.builder().unorderedArrays("/tags").build();
        JsonNode control = json("{\"tags\":[\"a\",\"b\",\"b\",\"c\",\"d\"]}");
        JsonNode candidate = json("{\"tags\":[\"d\",\"x\",\"b\",\"a\"]}");

        Comparison comparison = differ.compareTrees(control, candidate);

        assertThat(described(comparison))
                .containsExactly("remove /tags/3 (was \"c\")", "remove /tags/1 (was \"b\")", "add /tags/3 \"x\"");
        JsonNode patched = JsonPatch.apply(control, comparison.diff().differences());
        assertThat(differ.compareTrees(patched, candidate).isEqual()).isTrue();
    }

    @Test
    void orderStillMattersOutsideUnorderedPaths() {
        StructuralDiffer differ =
                StructuralDiffer.builder().unorderedArrays("/tags").build();

        assertThat(differ.compareTrees(json("{\"other\":[1,2]}"), json("{\"other\":[2,1]}"))
                        .isEqual())
                .isFalse();
    }

    @Test
    void unorderedElementsMatchUnderIgnoredFields() {
        StructuralDiffer differ = StructuralDiffer.builder()
                .unorderedArrays("/items")
                .ignorePaths("/items/*/at")
                .build();

        Comparison comparison = differ.compareTrees(
                json("{\"items\":[{\"id\":1,\"at\":1},{\"id\":2,\"at\":2}]}"),
                json("{\"items\":[{\"id\":2,\"at\":9},{\"id\":1,\"at\":8}]}"));

        assertThat(comparison.onlyIgnored()).isTrue();
        assertThat(comparison.ignored()).isEqualTo(2);
    }

    // ---- redaction

    @Test
    void redactedValuesAppearNowhereInPublishedValues() {
        StructuralDiffer differ = StructuralDiffer.builder()
                .redactPaths("/customer/email", "/customer/card")
                .build();
        Quote quote = new Quote(new Customer("Ada", SECRET + "@example.com", SECRET), 10, List.of(1.0), "10:00");

        String json = differ.publish(quote).json();

        assertThat(json)
                .doesNotContain(SECRET)
                .contains("\"email\":\"[REDACTED]\"")
                .contains("\"card\":\"[REDACTED]\"")
                .contains("\"name\":\"Ada\"");
    }

    @Test
    void redactedValuesAppearInNoDifferenceYetStillCompare() {
        StructuralDiffer differ = StructuralDiffer.builder()
                .redactPaths("/customer/card", "/notes")
                .build();
        String longSecret = SECRET + " " + "x".repeat(200);
        Quote control = new Quote(new Customer("Ada", "a@x", SECRET + "-old"), 10, List.of(1.0), "10:00");
        Quote candidate = new Quote(new Customer("Ada", "a@x", SECRET + "-new"), 10, List.of(1.0), "10:00");

        Comparison changed = differ.compare(control, candidate);
        Comparison replacedParent = differ.compare(Map.of("customer", control.customer()), Map.of("customer", "gone"));
        Comparison added = differ.compare(Map.of(), Map.of("customer", candidate.customer()));
        Comparison longText = differ.compare(Map.of("notes", longSecret), Map.of("notes", longSecret + " more"));

        assertThat(described(changed)).containsExactly("replace /customer/card \"[REDACTED]\" -> \"[REDACTED]\"");
        for (Comparison comparison : List.of(changed, replacedParent, added, longText)) {
            assertThat(comparison.diff().isEmpty()).isFalse();
            assertThat(comparison.diff().differences()).allSatisfy(d -> {
                assertThat(String.valueOf(d.value())).doesNotContain(SECRET);
                assertThat(String.valueOf(d.previous())).doesNotContain(SECRET);
                assertThat(String.valueOf(d.textDiff())).doesNotContain(SECRET);
            });
            assertThat(comparison.diff().toString()).doesNotContain(SECRET);
        }
        assertThat(replacedParent.diff().differences().getFirst().previous()).contains("\"card\":\"[REDACTED]\"");
        assertThat(longText.diff().differences().getFirst().textDiff()).isNull();
    }

    @Test
    void redactionWithWildcardsCoversEveryMatch() {
        StructuralDiffer differ =
                StructuralDiffer.builder().redactPaths("/*/card").build();

        String json = differ.publish(List.of(Map.of("card", SECRET), Map.of("card", SECRET, "x", 1)))
                .json();

        assertThat(json).doesNotContain(SECRET).contains("[REDACTED]");
    }

    @Test
    void fallbackPublishesNoToStringWhenRedacting() {
        StructuralDiffer differ =
                StructuralDiffer.builder().redactPaths("/card").build();
        Object opaque = new Object() {
            @Override
            public String toString() {
                return SECRET;
            }
        };

        Comparison comparison = differ.compare(opaque, "other");

        assertThat(comparison.diff().structural()).isFalse();
        assertThat(comparison.diff().toString()).doesNotContain(SECRET);
        assertThat(differ.publish(opaque).json()).doesNotContain(SECRET);
    }

    // ---- caps

    @Test
    void differencesAreCappedWithTheTrueTotalKept() {
        StructuralDiffer differ = StructuralDiffer.builder().maxDifferences(5).build();
        List<Integer> control = IntStream.range(0, 40).boxed().toList();
        List<Integer> candidate =
                IntStream.range(0, 40).map(i -> -i - 1).boxed().toList();

        Comparison comparison = differ.compare(control, candidate);

        assertThat(comparison.diff().differences()).hasSize(5);
        assertThat(comparison.diff().total()).isEqualTo(40);
        assertThat(comparison.diff().truncated()).isTrue();
    }

    @Test
    void valuesAreCappedAndMarkedTruncatedWithTheirFullLength() {
        StructuralDiffer differ = StructuralDiffer.builder().maxValueChars(64).build();
        List<String> big = IntStream.range(0, 100).mapToObj(i -> "item-" + i).toList();

        PublishedValue published = differ.publish(big);
        Difference added = differ.compare(Map.of(), Map.of("big", big))
                .diff()
                .differences()
                .getFirst();

        assertThat(published.truncated()).isTrue();
        assertThat(published.fullLength())
                .isEqualTo(differ.publish(big).fullLength())
                .isGreaterThan(64 * 10);
        assertThat(published.json()).startsWith("\"[\\\"item-0\\\",").endsWith(PublishedValue.ELLIPSIS + "\"");
        assertThat(JsonPatch.parse(published.json()).isTextual()).isTrue();
        assertThat(added.value()).endsWith(PublishedValue.ELLIPSIS + "\"");
        assertThat(JsonPatch.parse(added.value()).textValue()).hasSize(64 + PublishedValue.ELLIPSIS.length());
    }

    @Test
    void smallValuesAreNotTruncated() {
        PublishedValue published = StructuralDiffer.builder().build().publish(Map.of("a", 1));

        assertThat(published).isEqualTo(new PublishedValue("{\"a\":1}", false, 7, true));
    }

    @Test
    void textDiffsAreCappedToo() {
        StructuralDiffer differ = StructuralDiffer.builder().maxValueChars(100).build();
        String before = String.join(
                "\n", IntStream.range(0, 200).mapToObj(i -> "line " + i).toList());
        String after = before.replace("line ", "LINE ");

        String textDiff =
                differ.compare(before, after).diff().differences().getFirst().textDiff();

        assertThat(textDiff).hasSize(100 + PublishedValue.ELLIPSIS.length()).endsWith(PublishedValue.ELLIPSIS);
    }
}
