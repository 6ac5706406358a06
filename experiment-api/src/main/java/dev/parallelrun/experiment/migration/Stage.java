package dev.parallelrun.experiment.migration;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Where a migration stands, and so which side does what on each call. The stages are meant to be walked in order,
 * one flag flip at a time; the migration never moves forward by itself, and moves back on its own only by an
 * automatic rollback (from LIVE or RAMP_DOWN to SHADOW).
 *
 * <table>
 *   <caption>What each stage does</caption>
 *   <tr><th>stage</th><th>reads served by</th><th>reads compared (sampled)</th><th>writes, authoritative first</th>
 *       <th>fallback</th></tr>
 *   <tr><td>OFF</td><td>old</td><td>-</td><td>old</td><td></td></tr>
 *   <tr><td>DUAL_WRITE</td><td>old</td><td>-</td><td>old, then new</td><td></td></tr>
 *   <tr><td>SHADOW</td><td>old</td><td>new against old</td><td>old, then new</td><td></td></tr>
 *   <tr><td>LIVE</td><td>new</td><td>old against new</td><td>new, then old</td><td>yes</td></tr>
 *   <tr><td>RAMP_DOWN</td><td>new</td><td>-</td><td>new, then old</td><td>yes</td></tr>
 *   <tr><td>COMPLETE</td><td>new</td><td>-</td><td>new</td><td></td></tr>
 * </table>
 */
public enum Stage {
    /** Only the old side is read and written: the migration has not started, or was abandoned. */
    OFF(Side.OLD, null, false),
    /** The old side serves; writes reach the new side too, so it fills up (a backfill does the rest). */
    DUAL_WRITE(Side.OLD, null, true),
    /** The old side serves; a sampled share of reads also reads the new side and compares it with the old. */
    SHADOW(Side.OLD, Side.NEW, true),
    /** The new side serves and is written first; the old side is still written and compared on sampled reads. */
    LIVE(Side.NEW, Side.OLD, true),
    /** The new side serves; the old side is still written (a way back) but no longer compared. */
    RAMP_DOWN(Side.NEW, null, true),
    /** Only the new side is read and written: the old side can be retired. */
    COMPLETE(Side.NEW, null, false);

    private final Side serves;
    private final @Nullable Side compared;
    private final boolean writesBoth;

    Stage(Side serves, @Nullable Side compared, boolean writesBoth) {
        this.serves = serves;
        this.compared = compared;
        this.writesBoth = writesBoth;
    }

    /** The side whose read the caller gets (unless it fails and the stage {@link #fallsBack()}). */
    public Side serves() {
        return serves;
    }

    /** The side read beside the serving one on sampled calls and compared with it, or {@code null} for none. */
    public @Nullable Side compared() {
        return compared;
    }

    /**
     * The side written first, on the caller's thread, whose value or exception the caller gets: always the side
     * that {@link #serves()}, so authority never changes within a stage.
     */
    public Side authoritative() {
        return serves;
    }

    /** The side written after the authoritative one succeeded, or {@code null} when only one side is written. */
    public @Nullable Side otherWrite() {
        return writesBoth ? serves.other() : null;
    }

    /** True when this stage writes {@code side}. */
    public boolean writes(Side side) {
        return side == serves || writesBoth;
    }

    /**
     * True when the new side serves while the old side is still written: LIVE and RAMP_DOWN. Only then may a failed
     * read of the new side be answered by the old one, and only then does automatic rollback watch the new side,
     * since going back to SHADOW loses nothing.
     */
    public boolean fallsBack() {
        return serves == Side.NEW && writesBoth;
    }

    /**
     * The stage named {@code text}, ignoring case, underscores and hyphens: {@code "DUAL_WRITE"},
     * {@code "dual-write"} and LaunchDarkly's {@code "dualwrite"} are all {@link #DUAL_WRITE}.
     *
     * @throws IllegalArgumentException naming the text and the stages when it is none of them
     */
    public static Stage parse(String text) {
        requireNonNull(text, "text");
        String folded = text.strip().replace("_", "").replace("-", "").toUpperCase(Locale.ROOT);
        for (Stage stage : values()) {
            if (stage.name().replace("_", "").equals(folded)) {
                return stage;
            }
        }
        throw new IllegalArgumentException(
                "'" + text + "' is not a stage: OFF, DUAL_WRITE, SHADOW, LIVE, RAMP_DOWN or" + " COMPLETE");
    }
}
