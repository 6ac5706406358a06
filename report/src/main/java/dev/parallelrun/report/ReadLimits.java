package dev.parallelrun.report;

/**
 * The bounds that keep a {@link ReportReader}'s memory constant, however many lines it reads. Each bound
 * that is reached is said in the summary ({@link ReadStats#limitsReached()}, and per experiment in
 * {@link ExperimentSummary#notes()}); what lies past it is still counted, only not kept apart.
 *
 * @param maxExperiments experiments kept; lines of further experiments are counted as untracked
 * @param maxSignatures signature groups kept over all experiments; results of further signatures are counted
 *     per experiment ({@link ExperimentSummary#untrackedGroupResults()}) but not grouped
 * @param maxPaths distinct differing paths counted over all experiments (for noisy paths); occurrences of
 *     further paths are not counted
 * @param maxJvms {@code (jvm, experiment)} pairs whose summaries are followed; summaries of further pairs are
 *     left out of the totals, and the summary says so
 * @param examplesAtEachEnd examples kept per signature at each end of time: the first {@code n} and the last
 *     {@code n} (for the first 200 groups; later groups keep only their latest example)
 * @param maxPathsPerGroup distinct {@code op path} pairs listed per signature group
 * @param maxExampleValueChars characters of each side's value kept in an example; longer values are cut and
 *     marked
 * @param maxExampleDifferences differences kept per example
 * @param maxProblems read problems kept for the summary; further ones are only counted
 * @param maxLineBytes longest line read; a longer line is a bad line (and is skipped without being held)
 */
public record ReadLimits(
        int maxExperiments,
        int maxSignatures,
        int maxPaths,
        int maxJvms,
        int examplesAtEachEnd,
        int maxPathsPerGroup,
        int maxExampleValueChars,
        int maxExampleDifferences,
        int maxProblems,
        int maxLineBytes) {

    private static final ReadLimits DEFAULTS =
            new ReadLimits(200, 1_000, 5_000, 20_000, 2, 20, 2_000, 10, 100, 16 * 1024 * 1024);

    /** Checks that each bound is positive. */
    public ReadLimits {
        positive("maxExperiments", maxExperiments);
        positive("maxSignatures", maxSignatures);
        positive("maxPaths", maxPaths);
        positive("maxJvms", maxJvms);
        positive("examplesAtEachEnd", examplesAtEachEnd);
        positive("maxPathsPerGroup", maxPathsPerGroup);
        if (maxExampleValueChars < 100) {
            throw new IllegalArgumentException(
                    "maxExampleValueChars must be at least 100, was " + maxExampleValueChars);
        }
        positive("maxExampleDifferences", maxExampleDifferences);
        positive("maxProblems", maxProblems);
        if (maxLineBytes < 1024) {
            throw new IllegalArgumentException("maxLineBytes must be at least 1024, was " + maxLineBytes);
        }
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }

    /**
     * 200 experiments, 1,000 signatures, 5,000 paths, 20,000 JVM-experiment pairs, 2 examples at each end per
     * signature, 20 paths per group, 2,000 characters per example value, 10 differences per example, 100 kept
     * problems, 16 MiB lines.
     */
    public static ReadLimits defaults() {
        return DEFAULTS;
    }
}
