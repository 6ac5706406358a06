package dev.parallelrun.runtime.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parallelrun.experiment.Difference;
import dev.parallelrun.experiment.PublishedValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class FallbackTest {

    private final StructuralDiffer differ = StructuralDiffer.builder().build();

    /** Two of these pointing at each other make a cycle. */
    public static final class Node {
        private final String name;
        private Node other;

        Node(String name) {
            this.name = name;
        }

        public String getName() {
            return name;
        }

        public Node getOther() {
            return other;
        }

        @Override
        public String toString() {
            return "Node " + name;
        }
    }

    /** A bean whose getter throws. */
    public static final class Exploding {
        public String getOk() {
            return "ok";
        }

        public String getBoom() {
            throw new IllegalStateException("boom");
        }

        @Override
        public String toString() {
            return "Exploding";
        }
    }

    /** No properties: Jackson refuses it. */
    static final class Opaque {
        private final int id;

        Opaque(int id) {
            this.id = id;
        }

        @Override
        public String toString() {
            return "Opaque#" + id;
        }
    }

    private static Node twoNodeCycle(String suffix) {
        Node a = new Node("a" + suffix);
        Node b = new Node("b" + suffix);
        a.other = b;
        b.other = a;
        return a;
    }

    private static List<Object> selfReferencingList(String element) {
        List<Object> list = new ArrayList<>();
        list.add(element);
        list.add(list);
        return list;
    }

    private void assertFellBackForCycle(Comparison comparison) {
        assertThat(comparison.diff().structural()).isFalse();
        assertThat(comparison.diff().note())
                .startsWith(ToStringDiffer.NOTE)
                .contains("cycle")
                .hasSizeLessThan(600);
        assertThat(comparison.fallbackCause()).isInstanceOf(StreamConstraintsException.class);
        assertThat(comparison.diff().differences())
                .singleElement()
                .extracting(Difference::path)
                .isEqualTo("");
    }

    private static <T> T onVirtualThread(Supplier<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                result.complete(work.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result.get(30, TimeUnit.SECONDS);
    }

    @Test
    void twoObjectCycleFallsBackToToString() {
        Comparison comparison = differ.compare(twoNodeCycle("1"), twoNodeCycle("2"));

        assertFellBackForCycle(comparison);
        assertThat(comparison.diff().differences().getFirst().toString())
                .contains("Node a1")
                .contains("Node a2");
    }

    @Test
    void selfReferencingListFallsBackToToString() {
        assertFellBackForCycle(differ.compare(selfReferencingList("x"), selfReferencingList("y")));
    }

    @Test
    void cyclesFallBackOnVirtualThreadsToo() throws Exception {
        assertFellBackForCycle(onVirtualThread(() -> differ.compare(twoNodeCycle("1"), twoNodeCycle("2"))));
        assertFellBackForCycle(
                onVirtualThread(() -> differ.compare(selfReferencingList("x"), selfReferencingList("y"))));
        assertThat(onVirtualThread(() -> differ.publish(twoNodeCycle("1"))).structural())
                .isFalse();
    }

    @Test
    void cyclesFallBackOnASmall512KiBStack() throws Exception {
        java.util.Map<String, Object> selfMap = new java.util.HashMap<>();
        selfMap.put("self", selfMap);
        CompletableFuture<List<Comparison>> result = new CompletableFuture<>();
        Thread thread = new Thread(
                null,
                () -> {
                    try {
                        result.complete(List.of(
                                differ.compare(twoNodeCycle("1"), twoNodeCycle("2")),
                                differ.compare(selfReferencingList("x"), selfReferencingList("y")),
                                differ.compare(selfMap, java.util.Map.of())));
                    } catch (Throwable t) {
                        result.completeExceptionally(t);
                    }
                },
                "small-stack",
                512 * 1024);
        thread.start();

        assertThat(result.get(30, TimeUnit.SECONDS)).allSatisfy(this::assertFellBackForCycle);
    }

    @Test
    void cyclesAreDetectedQuickly() throws InterruptedException, ExecutionException, TimeoutException {
        long start = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            differ.compare(twoNodeCycle("1"), twoNodeCycle("2"));
            differ.compare(selfReferencingList("x"), selfReferencingList("y"));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void cycleWithAPlainMapperIsStillStoppedByTheDepthLimit() {
        // a user's mapper whose write constraints allow any depth: the differ's own limit still applies
        ObjectMapper mapper = new ObjectMapper();
        StructuralDiffer differ =
                StructuralDiffer.builder().mapper(mapper).maxDepth(200).build();

        Comparison comparison = differ.compare(selfReferencingList("x"), selfReferencingList("y"));

        assertFellBackForCycle(comparison);
        assertThat(comparison.diff().note()).contains("deeper than 200");
    }

    @Test
    void deepButFiniteValuesUnderTheLimitStayStructural() {
        Object control = "leaf";
        Object candidate = "other";
        for (int i = 0; i < 300; i++) {
            control = List.of(control);
            candidate = List.of(candidate);
        }

        Comparison comparison = differ.compare(control, candidate);

        assertThat(comparison.diff().structural()).isTrue();
        assertThat(comparison.diff().differences())
                .singleElement()
                .extracting(Difference::path)
                .isEqualTo("/0".repeat(300));
    }

    @Test
    void getterThatThrowsFallsBackAndNeverThrows() {
        Comparison comparison = differ.compare(new Exploding(), "x");

        assertThat(comparison.diff().structural()).isFalse();
        assertThat(comparison.fallbackCause()).hasRootCauseMessage("boom");
        assertThat(comparison.diff().differences().getFirst().previous()).isEqualTo("\"Exploding\"");
        assertThat(differ.publish(new Exploding())).isEqualTo(new PublishedValue("\"Exploding\"", false, 11, false));
    }

    @Test
    void typeJacksonRefusesFallsBackToEqualsAndToString() {
        Comparison different = differ.compare(new Opaque(1), new Opaque(2));
        Comparison same = differ.compare(new Opaque(1), new Opaque(1));

        assertThat(different.diff().structural()).isFalse();
        assertThat(different.diff().note()).contains("InvalidDefinitionException");
        assertThat(different.diff().differences())
                .singleElement()
                .hasToString("replace (root) \"Opaque#1\" -> \"Opaque#2\"");
        assertThat(different.fallbackCause()).isNotNull();
        assertThat(same.diff().isEmpty()).isFalse(); // Opaque has no equals: identity differs
    }

    @Test
    void hostileToStringAndEqualsNeverEscape() {
        Object hostile = new Object() {
            @Override
            public boolean equals(Object other) {
                throw new IllegalStateException("equals");
            }

            @Override
            public int hashCode() {
                return 0;
            }

            @Override
            public String toString() {
                throw new IllegalStateException("toString");
            }
        };

        Comparison comparison = differ.compare(hostile, "x");

        assertThat(comparison.diff().structural()).isFalse();
        assertThat(comparison.diff().differences().getFirst().previous()).contains("toString() threw");
        assertThat(differ.publish(hostile).json()).contains("toString() threw");
    }
}
