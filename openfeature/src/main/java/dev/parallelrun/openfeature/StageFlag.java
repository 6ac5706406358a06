package dev.parallelrun.openfeature;

import dev.openfeature.sdk.Client;
import dev.parallelrun.experiment.migration.Stage;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A migration's stage from a string flag, read on every call: give it to
 * {@link dev.parallelrun.experiment.migration.MigrationBuilder#stage(Supplier)}. The flag's value is a stage's name
 * in any case, with or without underscores or hyphens ({@code "SHADOW"}, {@code "dual-write"}, and LaunchDarkly's
 * {@code "dualwrite"}, {@code "rampdown"}).
 *
 * <p><b>Safe value.</b> A flag that is missing, of another type, failing, or naming no stage gives the last stage
 * it gave successfully, and {@link Stage#OFF} before any; each time is counted ({@link #faults()}). A flag service
 * that goes down therefore never moves a migration: dropping to OFF midway would silently stop the writes to the new
 * side. Never throws.
 */
public final class StageFlag extends Flag implements Supplier<Stage> {
    private volatile @Nullable Stage last;
    // the last text and what it parsed to, so an unchanged flag is not parsed again
    private volatile @Nullable Parsed parsed;

    private record Parsed(String text, Stage stage) {}

    StageFlag(Client client, String key) {
        super(client, key, "the stage of a migration", "stage flag");
    }

    /** The flag's stage, or the safe value. */
    @Override
    public Stage get() {
        String text = evaluate(client -> client.getStringDetails(key(), ""), this::safe);
        if (text != null) {
            Parsed known = parsed;
            if (known != null && known.text().equals(text)) {
                last = known.stage();
                return known.stage();
            }
            try {
                Stage stage = Stage.parse(text);
                parsed = new Parsed(text, stage);
                last = stage;
                return stage;
            } catch (IllegalArgumentException notAStage) {
                fault(FlagFault.BAD_VALUE, notAStage.getMessage(), this::safe);
            }
        }
        Stage kept = last;
        return kept != null ? kept : Stage.OFF;
    }

    private String safe() {
        Stage kept = last;
        return kept != null ? "the last stage read, " + kept : "OFF (no stage read yet)";
    }

    /** The last stage the flag gave successfully, or {@code null} when it never has. */
    public @Nullable Stage lastRead() {
        return last;
    }
}
