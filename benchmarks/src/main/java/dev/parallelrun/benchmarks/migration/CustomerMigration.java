package dev.parallelrun.benchmarks.migration;

import dev.parallelrun.experiment.ExperimentStats;
import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.experiment.migration.Migration;
import dev.parallelrun.experiment.migration.MigrationStats;
import dev.parallelrun.experiment.migration.Side;
import dev.parallelrun.experiment.migration.Stage;
import dev.parallelrun.experiment.migration.StageChange;
import dev.parallelrun.runtime.RuntimeLaboratory;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The old and the new customer store, filled alike, and a migration between them in a laboratory of its own (no
 * publisher), built as a user builds one: a stage source, a sample rate for the read comparisons, every other option
 * at its default (synchronous other write, fallback on, no read timeout, automatic rollback with the playbook's
 * limits). The stage source returns a volatile field, as a flag client returns its in-memory value; it never changes
 * during a trial.
 */
final class CustomerMigration {

    /** How many customers each store holds: a power of two, so a cursor is a mask. */
    static final int CUSTOMERS = 4_096;

    final Stage stage;
    final CustomerStore oldStore = new CustomerStore(CUSTOMERS);
    final CustomerStore newStore = new CustomerStore(CUSTOMERS);
    /** The ids, boxed once: a store keyed by {@code Long} is handed {@code Long}s. */
    final Long[] ids = new Long[CUSTOMERS];
    /** Two versions of each customer, with another email each, so consecutive writes of a key change it. */
    final Customer[] updates = new Customer[2 * CUSTOMERS];
    /** The store the stage reads from and writes first. */
    final CustomerStore serving;
    /** The store the stage writes second, or {@code null} when it writes one side. */
    final @Nullable CustomerStore writtenSecond;

    final Migration<Customer> migration;
    private final double sampleRate;
    private final RuntimeLaboratory laboratory;
    private volatile Stage flag;

    CustomerMigration(Stage stage, double sampleRate) {
        this.stage = stage;
        this.sampleRate = sampleRate;
        this.flag = stage;
        for (int i = 0; i < CUSTOMERS; i++) {
            Long id = 100_000L + i;
            ids[i] = id;
            Customer customer = new Customer(id, "Customer " + i, "customer" + i + "@example.com", 0);
            oldStore.save(id, customer);
            newStore.save(id, customer);
            updates[i] = new Customer(id, customer.name(), "customer" + i + "@example.org", 1);
            updates[CUSTOMERS + i] = new Customer(id, customer.name(), customer.email(), 2);
        }
        serving = stage.serves() == Side.OLD ? oldStore : newStore;
        Side other = stage.otherWrite();
        writtenSecond = other == null ? null : other == Side.OLD ? oldStore : newStore;
        laboratory =
                RuntimeLaboratory.builder().closeTimeout(Duration.ofSeconds(2)).build();
        migration = laboratory
                .migration("customer-store", Customer.class)
                .stage(() -> flag)
                .reads(options -> options.sampleRate(sampleRate))
                .build();
    }

    /**
     * Prints what the trial did, closes the laboratory, and fails the trial when the migration did not stay in its
     * stage: an automatic rollback would have made part of the trial measure SHADOW.
     */
    void close(String benchmark) {
        MigrationStats stats = migration.stats();
        StageChange rollback = migration.rollback();
        ExperimentStats compared = stage == Stage.LIVE ? stats.liveReads() : stats.shadowReads();
        long matched = compared.count(Outcome.MATCH);
        long mismatched = compared.count(Outcome.MISMATCH);
        long skipped = compared.count(Outcome.SKIPPED);
        System.out.println("\n[migration " + stage + ", " + benchmark + ", reads compared at "
                + String.format(Locale.ROOT, "%.0f%%", sampleRate * 100) + "] reads " + stats.reads() + ", writes "
                + stats.writes() + "; " + compared.experiment() + ": sampled " + compared.sampled() + ", matched "
                + matched + ", mismatched " + mismatched + ", skipped " + skipped + "; fallbacks " + stats.fallbacks()
                + ", failed other writes " + stats.writeFailures() + ", stage source faults "
                + stats.stageSourceFaults() + "; stage in effect " + stats.stage()
                + (rollback == null ? ", no rollback" : ", ROLLED BACK: " + rollback.reason()));
        laboratory.close();
        if (rollback != null || stats.stage() != stage) {
            throw new IllegalStateException("migration '" + migration.name() + "' left " + stage + " during the trial"
                    + " (now " + stats.stage() + "): the figures are not those of " + stage);
        }
    }
}
