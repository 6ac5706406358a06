package dev.parallelrun.report;

import java.util.List;

/**
 * Why the engine skipped a candidate run, as summary lines ({@code "skipped": {"CAP": n, ...}}) and result lines
 * ({@code "skipReason"}) name it: what each reason means and what to do about it.
 */
final class SkipReasons {

    /** The reasons this report knows, in the order it shows them. */
    static final List<String> KNOWN = List.of("CAP", "RUNAWAYS", "PAUSED", "BEFORE_RUN", "BACKLOG", "CLOSED");
    /** Where reasons of a later engine are counted. */
    static final String OTHER = "OTHER";
    /** Slots for counting reasons: the known ones, then {@link #OTHER}. */
    static final int SLOTS = KNOWN.size() + 1;

    private SkipReasons() {}

    /** The slot of {@code reason}: its place in {@link #KNOWN}, or the last one for any other. */
    static int slot(String reason) {
        int index = KNOWN.indexOf(reason);
        return index < 0 ? KNOWN.size() : index;
    }

    /** The name of {@code slot}. */
    static String name(int slot) {
        return slot < KNOWN.size() ? KNOWN.get(slot) : OTHER;
    }

    /** What {@code reason} means, for a person. */
    static String meaning(String reason) {
        return switch (reason) {
            case "CAP" -> "the cap on concurrent candidates (maxConcurrentCandidates) was reached";
            case "RUNAWAYS" -> "a runaway candidate (past its timeout, its thread still running) had not ended";
            case "PAUSED" -> "the laboratory or the experiment was paused";
            case "BEFORE_RUN" -> "beforeRun threw";
            case "BACKLOG" -> "the engine's hand-off queue was full";
            case "CLOSED" -> "the laboratory was closed";
            default -> "a reason this report does not know";
        };
    }

    /** What to do when {@code reason} is why most runs were skipped. */
    static String remedy(String reason) {
        return switch (reason) {
            case "CAP" -> "raise the cap (maxConcurrentCandidates) or lower the sample rate";
            case "RUNAWAYS" ->
                "find the runaway candidate: it runs past its timeout and ignores interruption, and "
                        + "the experiment skips until it ends";
            case "PAUSED" ->
                "resume the laboratory or the experiment, or report on a time when it ran (--since, " + "--until)";
            case "BEFORE_RUN" -> "fix beforeRun: it threw, so the candidate could not start";
            case "BACKLOG" -> "lower the sample rate: the engine could not hand the runs off fast enough";
            case "CLOSED" -> "nothing, if the laboratory was closed at shutdown; otherwise find what closed it early";
            default -> "see what the engine's documentation says about this reason";
        };
    }
}
