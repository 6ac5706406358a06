package dev.parallelrun.openfeature;

import static java.util.Objects.requireNonNull;

import dev.openfeature.sdk.Client;

/**
 * Makes flags that drive migrations and experiments from an OpenFeature {@link Client}, so whichever provider the
 * application registered (LaunchDarkly, flagd, Unleash, ...) flips a migration's stage, turns an experiment's rate or
 * stops everything, with no deploy. Each flag is evaluated on every call with the client's evaluation context; a flag
 * that cannot be used gives its documented safe value, counted and logged at most once a minute, and never throws.
 *
 * {@snippet :
 * OpenFeatureFlags flags = OpenFeatureFlags.of(OpenFeatureAPI.getInstance().getClient("parallel-run"));
 *
 * RuntimeLaboratory lab = RuntimeLaboratory.builder()
 *         .killSwitch(flags.killSwitch("parallel-run-kill"))           // safe value: stopped
 *         .build();
 * Experiment<Price> pricing = lab.experiment("pricing-v2", Price.class)
 *         .sampler(flags.sampleRate("pricing-v2-rate").sampler())       // safe value: 0
 *         .build();
 * Migration<Customer> customers = lab.migration("customer-store", Customer.class)
 *         .stage(flags.stage("customer-store-stage"))                   // safe value: the last stage read, OFF before any
 *         .build();
 * }
 */
public final class OpenFeatureFlags {

    private final Client client;

    private OpenFeatureFlags(Client client) {
        this.client = client;
    }

    /** Flags evaluated through {@code client}. */
    public static OpenFeatureFlags of(Client client) {
        return new OpenFeatureFlags(requireNonNull(client, "client"));
    }

    /** A migration's stage from the string flag {@code key}; see {@link StageFlag} for its safe value. */
    public StageFlag stage(String key) {
        return new StageFlag(client, checked(key));
    }

    /** An experiment's sample rate from the number flag {@code key}; see {@link RateFlag} for its safe value. */
    public RateFlag sampleRate(String key) {
        return new RateFlag(client, checked(key));
    }

    /** A kill switch from the boolean flag {@code key}; see {@link KillSwitchFlag} for its safe value. */
    public KillSwitchFlag killSwitch(String key) {
        return new KillSwitchFlag(client, checked(key));
    }

    private static String checked(String key) {
        requireNonNull(key, "key");
        if (key.isBlank()) {
            throw new IllegalArgumentException("key must not be blank");
        }
        return key;
    }
}
