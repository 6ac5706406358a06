package dev.parallelrun.experiment;

/** Samples every call, or none. */
enum ConstantSampler implements Sampler {
    ALWAYS(true),
    NEVER(false);

    private final boolean decision;

    ConstantSampler(boolean decision) {
        this.decision = decision;
    }

    @Override
    public boolean sample(String experiment, Call call) {
        return decision;
    }

    @Override
    public String toString() {
        return decision ? "always" : "never";
    }
}
