package dev.parallelrun.examples.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.parallelrun.experiment.migration.RollbackPolicy;
import dev.parallelrun.experiment.migration.Side;
import dev.parallelrun.experiment.migration.Stage;
import dev.parallelrun.experiment.migration.StageChange;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo end to end against real H2 files: all six stages, the planted fault rolled back in LIVE without a caller
 * noticing on reads, the failed writes repaired by key, and two stores that agree before the old one is retired.
 */
class CustomerStoreMigrationDemoTest {

    @Test
    void walksEveryStageRollsBackThePlantedFaultAndFinishesWithStoresThatAgree(@TempDir Path output)
            throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        CustomerStoreMigrationDemo.Outcome outcome = CustomerStoreMigrationDemo.run(1_500, output, Duration.ofSeconds(1),
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        String text = printed.toString(StandardCharsets.UTF_8);

        assertThat(outcome.history()).as(text).extracting(StageChange::cause, StageChange::from, StageChange::to)
                .containsExactly(
                        tuple(StageChange.Cause.STARTED, null, Stage.OFF),
                        tuple(StageChange.Cause.SOURCE, Stage.OFF, Stage.DUAL_WRITE),
                        tuple(StageChange.Cause.SOURCE, Stage.DUAL_WRITE, Stage.SHADOW),
                        tuple(StageChange.Cause.SOURCE, Stage.SHADOW, Stage.LIVE),
                        tuple(StageChange.Cause.ROLLBACK, Stage.LIVE, Stage.SHADOW),
                        tuple(StageChange.Cause.ACKNOWLEDGED, Stage.SHADOW, Stage.SHADOW),
                        tuple(StageChange.Cause.SOURCE, Stage.SHADOW, Stage.LIVE),
                        tuple(StageChange.Cause.SOURCE, Stage.LIVE, Stage.RAMP_DOWN),
                        tuple(StageChange.Cause.SOURCE, Stage.RAMP_DOWN, Stage.COMPLETE));
        StageChange rollback = outcome.history().get(4);
        assertThat(rollback.trip().criterion()).isIn(RollbackPolicy.Criterion.READ_ERROR_RATE,
                RollbackPolicy.Criterion.WRITE_FAILURE_RATE);

        // the old side answered every read the broken new side failed
        assertThat(outcome.callerReadErrors()).as(text).isZero();
        assertThat(outcome.stats().fallbacks()).isPositive();
        // every write that failed on the new side was kept with its key, and exactly those keys were repaired
        assertThat(outcome.writeFailures()).hasSize((int) outcome.stats().writeFailures());
        assertThat(outcome.writeFailures().stream().map(failure -> Long.parseLong(failure.key())).collect(
                Collectors.toSet())).isEqualTo(outcome.repaired());
        assertThat(outcome.writeFailures()).allSatisfy(failure -> assertThat(failure.side()).isEqualTo(Side.NEW));
        assertThat(outcome.disagreeing()).as(text).isZero();
        assertThat(outcome.checked()).isGreaterThanOrEqualTo(2_000);

        assertThat(text).contains("stage timeline of 'customer-store':").contains("LIVE -> SHADOW")
                .contains("rolled back: ").contains("rollback acknowledged");
        assertThat(output.resolve("legacy.mv.db")).exists();
        assertThat(output.resolve("modern.mv.db")).exists();
        assertThat(Files.size(output.resolve("modern.mv.db"))).isPositive();
    }
}
