package dev.parallelrun.benchmarks.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TreePairsTest {

    @Test
    void documentsHaveTheAdvertisedSizes() {
        assertThat(TreePairs.of(TreePairs.SMALL).control().size()).isEqualTo(10);
        assertThat(TreePairs.of(TreePairs.ONE_KB).controlBytes()).isBetween(900, 1_200);
        assertThat(TreePairs.of(TreePairs.HUNDRED_KB).controlBytes()).isBetween(90_000, 120_000);
        assertThat(TreePairs.of(TreePairs.ARRAY_1000).control().size()).isEqualTo(1_000);
        assertThat(TreePairs.of(TreePairs.ARRAY_1000).candidate().size()).isEqualTo(1_001);
    }

    @Test
    void walkCountsTheChangedPlacesAndAnInsertionShiftsEveryLaterElement() {
        assertThat(TreeWalk.differences(
                        TreePairs.of(TreePairs.SMALL).control(),
                        TreePairs.of(TreePairs.SMALL).candidate()))
                .isEqualTo(2);
        assertThat(operations(TreePairs.ONE_KB).get("walk")).isEqualTo(3);
        assertThat(operations(TreePairs.HUNDRED_KB).get("walk")).isEqualTo(5);
        assertThat(operations(TreePairs.ARRAY_1000).get("walk")).isGreaterThan(400);
    }

    @Test
    void zjsonpatchFindsTheInsertionAsOneOperationWithoutMoveDetection() {
        assertThat(operations(TreePairs.ARRAY_1000).get("zjsonpatchNoMoveCopy")).isEqualTo(1);
        assertThat(operations(TreePairs.SMALL).get("zjsonpatch")).isEqualTo(2);
    }

    @Test
    void ourDifferSeesEveryPairAsDifferent() {
        for (String shape : TreePairs.SHAPES) {
            assertThat(operations(shape).get("ours")).as(shape).isPositive();
        }
    }

    private static Map<String, Integer> operations(String shape) {
        return DifferBenchmark.operations(TreePairs.of(shape));
    }
}
