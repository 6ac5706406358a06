package dev.parallelrun.smoke;

import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.ExperimentStats;
import dev.parallelrun.experiment.Laboratory;
import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.runtime.RuntimeLaboratory;

/**
 * The README's first example, compiled against the installed BOM and jars as a user's build would compile it.
 * Exits non-zero when the control's value is not returned, or when the closed laboratory's stats do not show
 * the one sampled run, compared and matching.
 */
public final class ReadmeExample {

    private ReadmeExample() {}

    public static void main(String[] args) {
        int returned;
        Experiment<Integer> experiment;
        // The imports above and the try block's first three lines are README.md's example ("Use in your
        // build") in the same text; smoke/run fails if a line of that snippet is missing here. The last two
        // lines keep its values for the checks.
        try (Laboratory lab = RuntimeLaboratory.builder().build()) {
            Experiment<Integer> e = lab.experiment("smoke", Integer.class).sampleRate(1.0).build();
            int v = e.run(() -> 41 + 1, () -> 42); // the control's value; the candidate ran beside it
            returned = v;
            experiment = e;
        }

        // close() waits for sampled calls in flight and drains the publishing queue: the run is counted now
        ExperimentStats stats = experiment.stats();
        if (returned != 42 || stats.sampled() != 1 || stats.count(Outcome.MATCH) != 1) {
            System.err.println("smoke: expected 42 and one sampled, matching run; got " + returned + " and " + stats);
            System.exit(1);
        }
        System.out.println("smoke: the README's example returned " + returned + "; stats " + stats.outcomes());
    }
}
