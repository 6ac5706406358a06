package dev.parallelrun.examples.customers;

import dev.parallelrun.experiment.Readiness;
import dev.parallelrun.experiment.ReadinessCriteria;
import dev.parallelrun.experiment.migration.Migration;
import dev.parallelrun.experiment.migration.MigrationStats;
import dev.parallelrun.experiment.migration.Stage;
import dev.parallelrun.experiment.migration.StageChange;
import dev.parallelrun.experiment.migration.StageChange.Trip;
import dev.parallelrun.experiment.migration.WriteFailure;
import dev.parallelrun.publisher.jsonlines.JsonLinesPublisher;
import dev.parallelrun.report.HtmlReport;
import dev.parallelrun.report.ReportReader;
import dev.parallelrun.report.Summary;
import dev.parallelrun.report.TerminalReport;
import dev.parallelrun.runtime.RuntimeLaboratory;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A customer store migrated from a legacy schema (one denormalized table) to a new one (normalized tables), each in
 * its own H2 database file, walked through all six stages while caller threads read and write customers. In LIVE a
 * schema change deployed to the new database breaks it: the migration rolls back to SHADOW by itself, callers keep
 * getting answers from the old store, and the failed writes to the new store are kept with their keys. A person then
 * repairs the new store, backfills those keys, acknowledges the rollback and finishes the migration. Everything the
 * migration records goes to JSON Lines files; at the end the stage timeline is printed, and the report over those
 * files is printed and written as one HTML page, where the planted rollback shows with its reason.
 *
 * <p>Run it with {@code mvn -B -q -pl examples/customer-store -am -DskipTests package exec:exec}; arguments:
 * {@code [calls per stage] [output directory]}.
 */
public final class CustomerStoreMigrationDemo {

    private static final int CUSTOMERS = 2_000;
    private static final int CALLER_THREADS = 4;
    private static final int MIN_WRITE_FAILURES = 3;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);

    /**
     * What the demo did, for its test.
     *
     * @param history the migration's stage timeline
     * @param stats the migration's counts at the end
     * @param callerReadErrors reads that threw at a caller, over the whole run
     * @param callerWriteErrors writes that threw at a caller, over the whole run
     * @param writeFailures the failed writes the migration kept, with their keys
     * @param repaired the keys the backfill repaired after the rollback
     * @param disagreeing customers the two stores disagreed on at the end of RAMP_DOWN
     * @param checked customers compared at the end of RAMP_DOWN
     * @param report the report over the JSON Lines files the run wrote
     * @param html the report's page
     */
    record Outcome(
            List<StageChange> history,
            MigrationStats stats,
            long callerReadErrors,
            long callerWriteErrors,
            List<WriteFailure> writeFailures,
            Set<Long> repaired,
            long disagreeing,
            long checked,
            Summary report,
            Path html) {}

    private CustomerStoreMigrationDemo() {}

    public static void main(String[] args) throws Exception {
        int callsPerStage = args.length > 0 ? Integer.parseInt(args[0]) : 6_000;
        Path output = Path.of(args.length > 1 ? args[1] : "demo-output/customer-store")
                .toAbsolutePath()
                .normalize();
        Outcome outcome = run(callsPerStage, output, Duration.ofSeconds(2), System.out);
        System.exit(outcome.disagreeing() == 0 && outcome.callerReadErrors() == 0 ? 0 : 1);
    }

    /** Runs the demo against fresh database files under {@code output}. */
    static Outcome run(int callsPerStage, Path output, Duration minShadow, PrintStream out) throws Exception {
        clean(output);
        Instant start = Instant.now();
        AtomicReference<Stage> flag = new AtomicReference<>(Stage.OFF); // the feature flag a person flips
        KeyLocks locks = new KeyLocks();
        try (LegacyStore legacy = new LegacyStore(output.resolve("legacy"));
                ModernStore modern = new ModernStore(output.resolve("modern"))) {
            SplittableRandom seed = new SplittableRandom(42);
            for (long id = 1; id <= CUSTOMERS; id++) {
                legacy.save(Customers.make(id, seed));
            }
            Backfill backfill = new Backfill(legacy, modern, locks);
            Path lines = output.resolve("jsonl");
            JsonLinesPublisher jsonLines = JsonLinesPublisher.builder(lines)
                    .summaryInterval(Duration.ofSeconds(1))
                    .build();
            List<StageChange> history;
            MigrationStats stats;
            List<WriteFailure> writeFailures;
            long readErrors = 0;
            long writeErrors = 0;
            long disagreeing;
            long checked;
            Set<Long> repaired;
            // closing the laboratory writes the last summary lines: the migration's says COMPLETE
            try (RuntimeLaboratory lab = RuntimeLaboratory.builder()
                    .publisher(backfill)
                    .publisher(jsonLines)
                    .build()) {
                // a lookup may find nothing
                Migration<@Nullable Customer> migration = lab.<@Nullable Customer>migration("customer-store")
                        .stage(flag::get)
                        .reads(read -> read.sampleRate(0.25) // a quarter of reads compared
                                .candidateTimeout(Duration.ofSeconds(2))
                                .readiness(ReadinessCriteria.defaults()
                                        .withMinComparedSamples(500)
                                        .withLatencyFloor(Duration.ofMillis(5)))) // a busy demo machine's noise
                        .minShadowDuration(minShadow) // a week by default
                        .build();
                Traffic traffic = new Traffic(migration, flag::get, legacy, modern, locks, CUSTOMERS);
                traffic.start(CALLER_THREADS);
                try {
                    say(
                            out,
                            start,
                            "OFF: the legacy store serves %,d customers to %d caller threads",
                            CUSTOMERS,
                            CALLER_THREADS);
                    traffic.await(callsPerStage);

                    flag.set(Stage.DUAL_WRITE);
                    say(out, start, "DUAL_WRITE: every write reaches both stores; backfilling the new one");
                    int copied = backfill.all();
                    say(out, start, "  backfill copied %,d customers the new store lacked", copied);
                    traffic.await(callsPerStage);

                    flag.set(Stage.SHADOW);
                    say(out, start, "SHADOW: the legacy store serves, a quarter of reads also read the new one");
                    traffic.await(callsPerStage);
                    awaitReady(migration, out, start);

                    flag.set(Stage.LIVE);
                    say(out, start, "LIVE: the new store serves, the legacy one is the fallback and is still written");
                    traffic.await(callsPerStage / 2);
                    modern.breakSchema();
                    say(out, start, "  planted fault: a deploy renames address.postcode on the new database");
                    StageChange rollback = awaitRollback(migration);
                    Trip trip = Objects.requireNonNull(rollback.trip()); // an automatic rollback always has one
                    say(out, start, "  ROLLED BACK to SHADOW by itself: %s", trip.detail());
                    say(
                            out,
                            start,
                            "  callers saw %d read errors in LIVE (the legacy store answered), %d write" + " errors",
                            traffic.readErrors(Stage.LIVE),
                            traffic.writeErrors(Stage.LIVE));
                    traffic.await(callsPerStage / 4); // the new store still fails: writes to it are kept with keys
                    awaitWriteFailures(migration, traffic);
                    say(
                            out,
                            start,
                            "  %d inserts failed on the new store meanwhile; the legacy store took them",
                            migration.stats().writeFailures());

                    flag.set(Stage.SHADOW);
                    modern.repair();
                    traffic.awaitEveryCaller(); // every write that failed before the repair has been recorded
                    awaitPublished(backfill, migration);
                    repaired = backfill.repair();
                    boolean acknowledged = migration.acknowledgeRollback();
                    say(
                            out,
                            start,
                            "a person puts the flag back to SHADOW, repairs the new store, backfills the %d"
                                    + " customers whose writes failed (%s), and acknowledges the rollback (%s)",
                            repaired.size(),
                            sample(repaired),
                            acknowledged);
                    traffic.await(callsPerStage);
                    awaitReady(migration, out, start);

                    flag.set(Stage.LIVE);
                    say(out, start, "LIVE again");
                    traffic.await(callsPerStage);
                    flag.set(Stage.RAMP_DOWN);
                    say(out, start, "RAMP_DOWN: the new store serves, the legacy one is still written");
                    traffic.await(callsPerStage);
                    long[] compared = compare(legacy, modern, locks, traffic.lastId());
                    disagreeing = compared[0];
                    checked = compared[1];
                    say(out, start, "  the stores agree on %,d of %,d customers", checked - disagreeing, checked);
                    flag.set(Stage.COMPLETE);
                    say(out, start, "COMPLETE: the new store alone; the legacy one can be retired");
                    traffic.await(callsPerStage);
                } finally {
                    traffic.close();
                }
                stats = migration.stats();
                history = migration.history();
                writeFailures = migration.writeFailures();
                out.println();
                printTimeline(out, history);
                out.println();
                out.println(stats);
                out.println();
                out.println("calls by the stage the flag said, and what callers saw:");
                for (Stage stage : Stage.values()) {
                    readErrors += traffic.readErrors(stage);
                    writeErrors += traffic.writeErrors(stage);
                    out.printf(
                            Locale.ROOT,
                            "  %-10s %,8d calls, %d read errors, %d write errors%n",
                            stage,
                            traffic.calls(stage),
                            traffic.readErrors(stage),
                            traffic.writeErrors(stage));
                }
            }
            // what people look at: the report over the files, in the terminal and as one HTML page
            Summary report = ReportReader.builder().build().read(List.of(lines));
            out.println();
            new TerminalReport(TerminalReport.Style.plain()).print(report, out);
            Path html = output.resolve("report.html");
            HtmlReport.write(report, html);
            out.printf(
                    "%nJSON Lines: %,d lines in %s%nThe report is in %s (one self-contained page: open it in a "
                            + "browser, no network needed).%n",
                    jsonLines.stats().linesWritten(), lines, html.toUri());
            return new Outcome(
                    history,
                    stats,
                    readErrors,
                    writeErrors,
                    writeFailures,
                    repaired,
                    disagreeing,
                    checked,
                    report,
                    html);
        }
    }

    private static void awaitReady(Migration<@Nullable Customer> migration, PrintStream out, Instant start) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Readiness readiness = migration.readiness();
        say(out, start, "  readiness: %s", readiness.verdict());
        while (!readiness.ready() && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            readiness = migration.readiness();
        }
        say(
                out,
                start,
                "  readiness: %s",
                readiness.ready() ? "READY to advance to LIVE" : readiness.verdict() + " (the demo advances anyway)");
    }

    private static StageChange awaitRollback(Migration<@Nullable Customer> migration) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (migration.rollback() == null) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("no rollback within 60 s");
            }
            LockSupport.parkNanos(1_000_000);
        }
        return Objects.requireNonNull(migration.rollback());
    }

    /**
     * Lets the callers run until a few inserts have failed on the broken new store (one call in 200 inserts), so that
     * the run always has keys to backfill, however short its stages.
     */
    private static void awaitWriteFailures(Migration<@Nullable Customer> migration, Traffic traffic) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (migration.stats().writeFailures() < MIN_WRITE_FAILURES && System.nanoTime() - deadline < 0) {
            traffic.await(100);
        }
    }

    /** Waits until the publisher has every failed write the migration recorded (they arrive on its thread). */
    private static void awaitPublished(Backfill backfill, Migration<@Nullable Customer> migration) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (backfill.failuresSeen()
                        < migration.stats().writeFailures() - migration.stats().unpublished()
                && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(1_000_000);
        }
    }

    /** {disagreeing, checked}: each customer compared under its lock, so no write is half done. */
    private static long[] compare(LegacyStore legacy, ModernStore modern, KeyLocks locks, long lastId)
            throws SQLException {
        long disagreeing = 0;
        long checked = 0;
        for (long id = 1; id <= lastId; id++) {
            ReentrantLock lock = locks.of(id);
            lock.lock();
            try {
                Customer old = legacy.find(id);
                if (old == null) {
                    continue; // an insert whose legacy write failed never happened
                }
                checked++;
                if (!old.equals(modern.find(id))) {
                    disagreeing++;
                }
            } finally {
                lock.unlock();
            }
        }
        return new long[] {disagreeing, checked};
    }

    private static void printTimeline(PrintStream out, List<StageChange> history) {
        out.println("stage timeline of 'customer-store':");
        for (StageChange change : history) {
            String move = change.from() == null
                    ? change.to().toString()
                    : change.from() == change.to() ? change.to() + " (stays)" : change.from() + " -> " + change.to();
            out.printf(
                    Locale.ROOT,
                    "  %s  %-22s %s%n",
                    TIME.format(LocalTime.ofInstant(change.at(), ZoneOffset.UTC)),
                    move,
                    change.reason());
        }
    }

    private static void say(PrintStream out, Instant start, String format, @Nullable Object... args) {
        double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        out.printf(Locale.ROOT, "[%6.1f s] " + format + "%n", prepend(seconds, args));
    }

    private static @Nullable Object[] prepend(double seconds, @Nullable Object[] args) {
        Object[] all = new Object[args.length + 1];
        all[0] = seconds;
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }

    private static String sample(Set<Long> keys) {
        List<String> first = keys.stream().limit(5).map(String::valueOf).toList();
        return keys.size() > 5 ? String.join(", ", first) + ", ..." : String.join(", ", first);
    }

    private static void clean(Path output) throws IOException {
        if (Files.exists(output)) {
            try (Stream<Path> files = Files.walk(output)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(output);
    }
}
