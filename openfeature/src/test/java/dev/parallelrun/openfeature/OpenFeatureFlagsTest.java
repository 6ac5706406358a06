package dev.parallelrun.openfeature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.providers.memory.Flag;
import dev.openfeature.sdk.providers.memory.InMemoryProvider;
import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.migration.Migration;
import dev.parallelrun.experiment.migration.Stage;
import dev.parallelrun.runtime.RuntimeLaboratory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Stage, rate and kill switch from flags of OpenFeature's in-memory provider; a missing, mistyped, failing or
 * meaningless flag gives the documented safe value and is counted.
 */
class OpenFeatureFlagsTest {

    private String domain;
    private InMemoryProvider provider;
    private OpenFeatureFlags flags;

    @BeforeEach
    void provider() {
        domain = "test-" + UUID.randomUUID(); // the API is a singleton: one domain per test
        provider = new InMemoryProvider(new HashMap<>());
        OpenFeatureAPI.getInstance().setProviderAndWait(domain, provider);
        Client client = OpenFeatureAPI.getInstance().getClient(domain);
        flags = OpenFeatureFlags.of(client);
    }

    private void set(String key, Object value) {
        provider.updateFlag(
                key,
                Flag.builder().variant("only", value).defaultVariant("only").build());
    }

    /** The in-memory provider cannot delete a flag: a fresh, empty one takes its place. */
    private void removeAll() {
        provider = new InMemoryProvider(new HashMap<>());
        OpenFeatureAPI.getInstance().setProviderAndWait(domain, provider);
    }

    private void setThrowing(String key, Object value) {
        provider.updateFlag(
                key,
                Flag.builder()
                        .variant("only", value)
                        .defaultVariant("only")
                        .contextEvaluator((flag, context) -> {
                            throw new IllegalStateException("flag service unreachable");
                        })
                        .build());
    }

    @Test
    void aMigrationFollowsItsStageFlagOnTheNextCall() {
        set("store-stage", "SHADOW");
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder().build()) {
            Migration<String> migration = lab.migration("store", String.class)
                    .stage(flags.stage("store-stage"))
                    .build();
            assertThat(migration.read(Call.none(), () -> "old", () -> "new")).isEqualTo("old");
            set("store-stage", "live");
            assertThat(migration.read(Call.none(), () -> "old", () -> "new")).isEqualTo("new");
            set("store-stage", "rampdown"); // LaunchDarkly's names work too
            migration.read(Call.none(), () -> "old", () -> "new");
            assertThat(migration.stage()).isEqualTo(Stage.RAMP_DOWN);
        }
    }

    @Test
    void aMissingStageFlagIsOffBeforeAnyStageWasReadAndCounted() {
        StageFlag stage = flags.stage("no-such-flag");
        assertThat(stage.get()).isEqualTo(Stage.OFF);
        assertThat(stage.lastRead()).isNull();
        assertThat(stage.faults(FlagFault.MISSING)).isEqualTo(1);
    }

    @Test
    void aStageFlagThatBreaksKeepsTheLastStageReadWhateverTheFault() {
        StageFlag stage = flags.stage("store-stage");
        set("store-stage", "DUAL_WRITE");
        assertThat(stage.get()).isEqualTo(Stage.DUAL_WRITE);
        set("store-stage", true);
        assertThat(stage.get()).isEqualTo(Stage.DUAL_WRITE);
        set("store-stage", "sideways");
        assertThat(stage.get()).isEqualTo(Stage.DUAL_WRITE);
        setThrowing("store-stage", "OFF");
        assertThat(stage.get()).isEqualTo(Stage.DUAL_WRITE);
        removeAll();
        assertThat(stage.get()).isEqualTo(Stage.DUAL_WRITE);
        assertThat(stage.faults(FlagFault.WRONG_TYPE)).isEqualTo(1);
        assertThat(stage.faults(FlagFault.BAD_VALUE)).isEqualTo(1);
        assertThat(stage.faults(FlagFault.ERROR)).isEqualTo(1);
        assertThat(stage.faults(FlagFault.MISSING)).isEqualTo(1);
        assertThat(stage.faults()).isEqualTo(4);
    }

    @Test
    void aBrokenFlagServiceNeverStopsTheWritesToTheNewSide() {
        set("store-stage", "DUAL_WRITE");
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder().build()) {
            StageFlag stage = flags.stage("store-stage");
            Migration<String> migration =
                    lab.migration("store", String.class).stage(stage).build();
            setThrowing("store-stage", "DUAL_WRITE");
            List<String> written = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                migration.write(Call.keyed(i), () -> written.add("old"), () -> written.add("new"));
            }
            assertThat(written).filteredOn("new"::equals).hasSize(20);
            assertThat(migration.stage()).isEqualTo(Stage.DUAL_WRITE);
            assertThat(stage.faults(FlagFault.ERROR)).isEqualTo(20);
            assertThat(migration.stats().stageSourceFaults()).isZero(); // the flag gave a stage every time
        }
    }

    @Test
    void aRateFlagSetsTheShareOfCallsSampled() {
        set("pricing-rate", 0.25);
        RateFlag rate = flags.sampleRate("pricing-rate");
        assertThat(rate.getAsDouble()).isEqualTo(0.25);
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder().build()) {
            Experiment<Integer> experiment = lab.experiment("pricing", Integer.class)
                    .sampler(rate.sampler())
                    .build();
            set("pricing-rate", 1.0);
            for (int i = 0; i < 10; i++) {
                experiment.run(() -> 1, () -> 1);
            }
            set("pricing-rate", 0.0);
            for (int i = 0; i < 10; i++) {
                experiment.run(() -> 1, () -> 1);
            }
            Awaitility.await().until(() -> experiment.stats().sampled() == 10);
        }
        assertThat(rate.faults()).isZero();
    }

    @Test
    void aRateFlagThatCannotBeUsedIsZeroAndCounted() {
        RateFlag rate = flags.sampleRate("pricing-rate");
        assertThat(rate.getAsDouble()).isZero();
        set("pricing-rate", "half");
        assertThat(rate.getAsDouble()).isZero();
        set("pricing-rate", 1.5);
        assertThat(rate.getAsDouble()).isZero();
        set("pricing-rate", Double.NaN);
        assertThat(rate.getAsDouble()).isZero();
        setThrowing("pricing-rate", 0.5);
        assertThat(rate.getAsDouble()).isZero();
        assertThat(rate.faults(FlagFault.MISSING)).isEqualTo(1);
        assertThat(rate.faults(FlagFault.WRONG_TYPE)).isEqualTo(1);
        assertThat(rate.faults(FlagFault.BAD_VALUE)).isEqualTo(2);
        assertThat(rate.faults(FlagFault.ERROR)).isEqualTo(1);
    }

    @Test
    void aKillSwitchFlagPausesTheLaboratoryAndStopsWhenItCannotBeRead() {
        set("kill", false);
        KillSwitchFlag kill = flags.killSwitch("kill");
        try (RuntimeLaboratory lab =
                RuntimeLaboratory.builder().killSwitch(kill).build()) {
            assertThat(lab.paused()).isFalse();
            set("kill", true);
            assertThat(lab.paused()).isTrue();
            set("kill", "no");
            assertThat(lab.paused()).isTrue();
            removeAll();
            assertThat(lab.paused()).isTrue();
            set("kill", false);
            assertThat(lab.paused()).isFalse();
        }
        assertThat(kill.faults(FlagFault.WRONG_TYPE)).isEqualTo(1);
        assertThat(kill.faults(FlagFault.MISSING)).isEqualTo(1);
    }

    @Test
    void aFlagNeedsAKey() {
        assertThatThrownBy(() -> flags.stage(" ")).hasMessage("key must not be blank");
        assertThatThrownBy(() -> OpenFeatureFlags.of(null)).hasMessage("client");
    }
}
