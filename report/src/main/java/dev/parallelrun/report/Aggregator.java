package dev.parallelrun.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Folds parsed lines into bounded per-experiment state, then into a {@link Summary}. Result lines go to
 * {@link ResultLines} (which fills the {@link SignatureGroups}), summary lines to {@link CumulativeSummaries};
 * both add to each experiment's {@link TrendBuckets}. A migration's lines go to {@link MigrationLines}. Everything
 * kept is bounded by {@link ReadLimits} (migrations by its experiment bound, and {@link MigrationState}'s own).
 */
final class Aggregator {

    /**
     * The schemas read, alike: schema 2 adds the call's captured input to result lines, which the report does not
     * show (it is for replaying a call in a test, and the report's examples already show both sides).
     */
    static final Set<Integer> SCHEMAS = Set.of(1, 2);

    private final ReadLimits limits;
    private final ReadFilter filter;
    private final Map<String, ExperimentState> experiments = new HashMap<>();
    private final Map<String, MigrationState> migrations = new HashMap<>();
    private final SignatureGroups groups;
    private final ResultLines results;
    private final CumulativeSummaries summaries;
    private final MigrationLines migrationLines;
    private final List<String> inputs;
    private long untrackedExperimentLines;
    private long untrackedMigrationLines;
    private long unknownTypeLines;

    /** {@code inputs}: the files and directories read, as named, for the lines that replay each group. */
    Aggregator(ReadFilter filter, ReadLimits limits, ObjectMapper mapper, List<String> inputs) {
        this.filter = filter;
        this.inputs = List.copyOf(inputs);
        this.limits = limits;
        this.groups = new SignatureGroups(limits, new ExampleReader(limits, mapper));
        this.results = new ResultLines(filter, this::experiment);
        this.summaries = new CumulativeSummaries(filter, limits, this::experiment);
        this.migrationLines = new MigrationLines(filter, this::migration);
    }

    /** Takes one parsed line; a line that lacks what its type needs changes nothing and throws. */
    void accept(JsonNode line, Path file, long lineNumber) throws BadLine {
        if (!line.isObject()) {
            throw new BadLine("not a JSON object");
        }
        JsonNode schema = line.get("schema");
        if (schema == null) {
            throw new BadLine("no \"schema\" field: not a parallel-run JSON Lines record");
        }
        if (!schema.isIntegralNumber() || !schema.canConvertToInt() || !SCHEMAS.contains(schema.intValue())) {
            throw new BadLine("unknown schema version " + Text.cap(schema.toString(), 40)
                    + " (this reader knows schemas 1 and 2; a newer report may read it)");
        }
        String type = Fields.requiredText(line, "type");
        boolean result = type.equals("result");
        if (MigrationLines.TYPES.contains(type)) {
            migrationLines.accept(line, type, Fields.requiredInstant(line, "time"));
            return;
        }
        if (!result && !type.equals("summary")) {
            unknownTypeLines++;
            return;
        }
        String experiment = Fields.requiredText(line, "experiment");
        Instant time = Fields.requiredInstant(line, "time");
        if (result) {
            results.accept(line, experiment, time, file, lineNumber);
        } else {
            summaries.accept(line, experiment, time);
        }
    }

    private @Nullable ExperimentState experiment(String name) {
        ExperimentState state = experiments.get(name);
        if (state == null) {
            if (experiments.size() >= limits.maxExperiments()) {
                untrackedExperimentLines++;
                return null;
            }
            state = new ExperimentState(name, limits, groups);
            experiments.put(name, state);
        }
        return state;
    }

    private @Nullable MigrationState migration(String name) {
        MigrationState state = migrations.get(name);
        if (state == null) {
            if (migrations.size() >= limits.maxExperiments()) {
                untrackedMigrationLines++;
                return null;
            }
            state = new MigrationState(name);
            migrations.put(name, state);
        }
        return state;
    }

    long resultLines() {
        return results.lines;
    }

    long summaryLines() {
        return summaries.lines;
    }

    long migrationLines() {
        return migrationLines.lines;
    }

    long filteredOut() {
        return results.filteredOut + summaries.filteredOut + migrationLines.filteredOut;
    }

    long unknownTypeLines() {
        return unknownTypeLines;
    }

    long outOfOrderSummaries() {
        return summaries.outOfOrder;
    }

    Summary finish(Instant generatedAt, ReadStats read) {
        LocalDate today = LocalDate.ofInstant(generatedAt, ZoneOffset.UTC);
        List<ExperimentSummary> list = new ArrayList<>(experiments.size());
        for (ExperimentState experiment : experiments.values()) {
            list.add(experiment.summarize(today, filter, inputs));
        }
        list.sort(Comparator.comparing(ExperimentSummary::experiment));
        List<MigrationSummary> migrationList = new ArrayList<>(migrations.size());
        for (MigrationState migration : migrations.values()) {
            migrationList.add(migration.summarize(filter, inputs));
        }
        migrationList.sort(Comparator.comparing(MigrationSummary::migration));
        return new Summary(generatedAt, filter, inputs, read, list, migrationList);
    }

    /** Sentences for the bounds reached across experiments. */
    List<String> limitsReached() {
        List<String> reached = new ArrayList<>();
        if (untrackedExperimentLines > 0) {
            reached.add(Format.plural(untrackedExperimentLines, "line", "lines") + " of experiments past the first "
                    + limits.maxExperiments()
                    + " were not counted (use --experiment to pick the ones to report)");
        }
        if (untrackedMigrationLines > 0) {
            reached.add(Format.plural(untrackedMigrationLines, "line", "lines") + " of migrations past the first "
                    + limits.maxExperiments() + " were not counted (use --experiment to pick the ones to report)");
        }
        if (groups.signatureBoundReached()) {
            reached.add("the bound of " + limits.maxSignatures() + " signature groups was reached: further "
                    + "signatures are counted per experiment but not grouped");
        }
        if (groups.pathBoundReached()) {
            reached.add("the bound of " + limits.maxPaths() + " distinct differing paths was reached: further "
                    + "paths were not counted, so some noisy paths may be missing");
        }
        if (summaries.pairBoundReached()) {
            reached.add("the bound of " + limits.maxJvms() + " JVM-experiment pairs was reached: summaries of "
                    + "further JVMs are not in the totals");
        }
        return reached;
    }
}
