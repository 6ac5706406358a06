package dev.parallelrun.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.parallelrun.experiment.spi.StableHash;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The stock samplers: fixed, keyed (sticky across JVMs and releases), rate limit, dynamic. */
class SamplersTest {

    private static final int CALLS = 200_000;

    @Test
    void fixedRateSamplesItsShareOfCalls() {
        Sampler sampler = Sampler.fixed(0.05);
        int sampled = 0;
        for (int i = 0; i < CALLS; i++) {
            sampled += sampler.sample("x", Call.none()) ? 1 : 0;
        }
        // 5 standard deviations of a binomial(200000, 0.05) is about 487
        assertThat(sampled).isBetween(10_000 - 500, 10_000 + 500);
    }

    @Test
    void fixedRateEdgesAreExact() {
        assertThat(Sampler.fixed(0.0).sample("x", Call.none())).isFalse();
        assertThat(Sampler.fixed(1.0).sample("x", Call.none())).isTrue();
        assertThatThrownBy(() -> Sampler.fixed(1.5)).hasMessage("rate must be in [0, 1], was 1.5");
        assertThatThrownBy(() -> Sampler.fixed(Double.NaN)).hasMessageContaining("rate must be in [0, 1]");
    }

    @Test
    void keyedDecisionsArePinnedAcrossJvmsAndReleases() {
        Sampler sampler = Sampler.keyed(0.3);
        // positions: customer-1 0.2096, customer-2 0.4921, customer-42 0.2888, customer-1000 0.8786,
        // клиент-7 0.1620, 🍕 0.4550 (FNV-1a 64 of "pricing-v2\0<key>" in UTF-8, MurmurHash3 fmix64, top 53 bits)
        assertThat(sampler.sample("pricing-v2", Call.keyed("customer-1"))).isTrue();
        assertThat(sampler.sample("pricing-v2", Call.keyed("customer-2"))).isFalse();
        assertThat(sampler.sample("pricing-v2", Call.keyed("customer-42"))).isTrue();
        assertThat(sampler.sample("pricing-v2", Call.keyed("customer-1000"))).isFalse();
        assertThat(sampler.sample("pricing-v2", Call.keyed("клиент-7"))).isTrue();
        assertThat(sampler.sample("pricing-v2", Call.keyed("🍕"))).isFalse();
        assertThat(KeyedRate.position("pricing-v2", "customer-42")).isCloseTo(0.2888446500896883, within(1e-15));
    }

    @Test
    void keyedPositionIsTheStableHashOfNameZeroByteAndKey() {
        String[] keys = {"a", "customer-42", "Zoë", "клиент-7", "名前", "🍕🍔", "\uD800lone", ""};
        for (String key : keys) {
            assertThat(KeyedRate.position("exp", key))
                    .as(key)
                    .isEqualTo(StableHash.unitInterval(
                            StableHash.finish(StableHash.text(StableHash.START, "exp\0" + key))));
        }
    }

    @Test
    void keyedDecisionIsStickyAndRaisingTheRateKeepsSampledKeys() {
        Sampler low = Sampler.keyed(0.1);
        Sampler high = Sampler.keyed(0.5);
        int sampledLow = 0;
        for (int i = 0; i < 10_000; i++) {
            Call call = Call.keyed("customer-" + i);
            boolean first = low.sample("exp", call);
            assertThat(low.sample("exp", call)).isEqualTo(first);
            if (first) {
                sampledLow++;
                assertThat(high.sample("exp", call)).isTrue();
            }
        }
        assertThat(sampledLow).isBetween(1_000 - 150, 1_000 + 150);
    }

    @Test
    void rateLimitSamplesAtMostItsBudget() {
        Sampler limited = Sampler.rateLimit(100);
        long start = System.nanoTime();
        int sampled = 0;
        while (System.nanoTime() - start < 200_000_000L) { // 0.2 s of calls as fast as possible
            sampled += limited.sample("x", Call.none()) ? 1 : 0;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // a burst of at most one second's worth plus the sustained rate
        assertThat(sampled).isGreaterThanOrEqualTo(100).isLessThanOrEqualTo(100 + (int) Math.ceil(100 * seconds) + 1);
    }

    @Test
    void dynamicRateFollowsTheFlagAndZeroTurnsItOff() {
        AtomicReference<Double> flag = new AtomicReference<>(0.0);
        Sampler sampler = Sampler.dynamic(flag::get);
        for (int i = 0; i < 1_000; i++) {
            assertThat(sampler.sample("x", Call.none())).isFalse();
        }
        flag.set(1.0);
        assertThat(sampler.sample("x", Call.none())).isTrue();
        flag.set(Double.NaN);
        assertThat(sampler.sample("x", Call.none())).isFalse();
        flag.set(-1.0);
        assertThat(sampler.sample("x", Call.none())).isFalse();
    }
}
