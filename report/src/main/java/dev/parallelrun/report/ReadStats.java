package dev.parallelrun.report;

import java.util.List;

/**
 * What the reader read, and what it could not use.
 *
 * @param files files read
 * @param bytes bytes read
 * @param lines lines read (blank lines included)
 * @param validLines lines of a known schema that were not bad: counted, filtered out, or of an unknown type
 * @param resultLines result lines counted (after the filter)
 * @param summaryLines summary lines used (after the filter; baselines before {@code since} included)
 * @param migrationLines lines of migrations (stage, write-failure and migration summary lines) counted in the window
 * @param badLines lines that were not JSON, of another schema version, or missing a required field; skipped
 * @param unknownTypeLines lines of a known schema and of a type this reader does not know (a later version's); skipped
 * @param filteredOut lines left out by the experiment filter or the time window
 * @param outOfOrderSummaries summaries older than one already read for the same JVM and experiment; their
 *     counts are already inside the newer one, so they are skipped
 * @param unreadableFiles files that could not be read (counted in {@code problems})
 * @param problems the first problems, in reading order (at most {@link ReadLimits#maxProblems()})
 * @param problemsNotKept problems past that bound, only counted
 * @param limitsReached one sentence per memory bound reached, saying what was not kept apart
 */
public record ReadStats(
        int files,
        long bytes,
        long lines,
        long validLines,
        long resultLines,
        long summaryLines,
        long migrationLines,
        long badLines,
        long unknownTypeLines,
        long filteredOut,
        long outOfOrderSummaries,
        int unreadableFiles,
        List<ReadProblem> problems,
        long problemsNotKept,
        List<String> limitsReached) {

    /** True when no line could be used: no file, only blank lines, or only bad lines. */
    public boolean nothingValid() {
        return validLines == 0;
    }

    /** Copies the lists. */
    public ReadStats {
        problems = List.copyOf(problems);
        limitsReached = List.copyOf(limitsReached);
    }
}
