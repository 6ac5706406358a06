package dev.parallelrun.runtime.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.experiment.Result;
import dev.parallelrun.experiment.Run;
import dev.parallelrun.experiment.migration.Side;
import dev.parallelrun.experiment.migration.Stage;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * One test per row of the stages table: who serves a read, whose read is compared with it, and which side is written,
 * in which order, on which thread.
 */
class StagesTest {

    private static Fixture seeded(Stage stage) {
        Fixture fixture = new Fixture(stage);
        fixture.oldStore.data.put("c1", "Ada (old)");
        fixture.newStore.data.put("c1", "Ada (new)");
        return fixture;
    }

    private static void assertWrites(Fixture f, Side... order) {
        List<Store.Op> writes = f.oldStore.ops("write");
        assertThat(writes).extracting(Store.Op::side).containsExactly(order);
        assertThat(writes).extracting(Store.Op::thread).containsOnly(Thread.currentThread());
    }

    private static String ada(Side side) {
        return "Ada (" + side.name().toLowerCase(Locale.ROOT) + ")";
    }

    /** The one comparison, of the read of c1: {@code serving}'s value against {@code compared}'s. */
    private static Result<?> onlyComparison(Fixture f, String experiment, Side serving, Side compared) {
        List<Result<?>> results = f.recorder.awaitResults(1);
        assertThat(results).hasSize(1);
        Result<?> result = results.get(0);
        assertThat(result.experiment()).isEqualTo(experiment);
        assertThat(result.call().key()).isEqualTo("c1");
        assertThat(result.control().value()).isEqualTo(ada(serving));
        assertThat(result.candidates().get(0).run()).extracting(Run::value).isEqualTo(ada(compared));
        return result;
    }

    /**
     * Reads c1 and writes c2 on the caller's thread: {@code serving} answers both, and the writes go to
     * {@code written}, in that order.
     */
    private static void assertServes(Fixture f, Side serving, Side... written) {
        assertThat(f.read("c1")).isEqualTo(ada(serving));
        assertThat(f.write("c2", "Grace")).isEqualTo(serving + ":Grace");
        assertWrites(f, written);
    }

    /** Only {@code serving} was read: nothing was compared. */
    private static void assertReadAlone(Fixture f, Side serving) {
        assertThat(f.oldStore.ops("read")).extracting(Store.Op::side).containsExactly(serving);
    }

    @Test
    void offReadsAndWritesTheOldSideOnly() {
        try (Fixture f = seeded(Stage.OFF)) {
            assertServes(f, Side.OLD, Side.OLD);
            assertReadAlone(f, Side.OLD);
            assertThat(f.newStore.data).doesNotContainKey("c2");
            assertThat(f.migration.stats().shadowReads().sampled()).isZero();
        }
    }

    @Test
    void dualWriteServesTheOldSideAndWritesOldThenNew() {
        try (Fixture f = seeded(Stage.DUAL_WRITE)) {
            assertServes(f, Side.OLD, Side.OLD, Side.NEW);
            assertReadAlone(f, Side.OLD);
            assertThat(f.oldStore.data).containsEntry("c2", "Grace");
            assertThat(f.newStore.data).containsEntry("c2", "Grace");
        }
    }

    @Test
    void shadowServesTheOldSideComparesTheNewOneAndWritesOldThenNew() {
        try (Fixture f = seeded(Stage.SHADOW)) {
            assertServes(f, Side.OLD, Side.OLD, Side.NEW);
            Result<?> result = onlyComparison(f, "customers:shadow", Side.OLD, Side.NEW);
            assertThat(result.candidates().get(0).outcome()).isEqualTo(Outcome.MISMATCH);
        }
    }

    @Test
    void liveServesTheNewSideComparesTheOldOneAndWritesNewThenOld() {
        try (Fixture f = seeded(Stage.LIVE)) {
            assertServes(f, Side.NEW, Side.NEW, Side.OLD);
            onlyComparison(f, "customers:live", Side.NEW, Side.OLD);
        }
    }

    @Test
    void rampDownServesTheNewSideComparesNothingAndWritesNewThenOld() {
        try (Fixture f = seeded(Stage.RAMP_DOWN)) {
            assertServes(f, Side.NEW, Side.NEW, Side.OLD);
            assertReadAlone(f, Side.NEW);
            assertThat(f.migration.stats().liveReads().sampled()).isZero();
        }
    }

    @Test
    void completeReadsAndWritesTheNewSideOnly() {
        try (Fixture f = seeded(Stage.COMPLETE)) {
            assertServes(f, Side.NEW, Side.NEW);
            assertReadAlone(f, Side.NEW);
            assertThat(f.oldStore.data).doesNotContainKey("c2");
        }
    }

    @Test
    void theTableIsWhatEachStageSays() {
        assertThat(Stage.values())
                .extracting(Stage::serves)
                .containsExactly(Side.OLD, Side.OLD, Side.OLD, Side.NEW, Side.NEW, Side.NEW);
        assertThat(Stage.values())
                .extracting(Stage::compared)
                .containsExactly(null, null, Side.NEW, Side.OLD, null, null);
        assertThat(Stage.values())
                .extracting(Stage::otherWrite)
                .containsExactly(null, Side.NEW, Side.NEW, Side.OLD, Side.OLD, null);
        assertThat(Stage.values()).filteredOn(Stage::fallsBack).containsExactly(Stage.LIVE, Stage.RAMP_DOWN);
        assertThat(Stage.parse("dualwrite")).isEqualTo(Stage.DUAL_WRITE);
        assertThat(Stage.parse(" ramp-down ")).isEqualTo(Stage.RAMP_DOWN);
    }
}
