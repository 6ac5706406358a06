package dev.parallelrun.benchmarks.table;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The table of {@code MigrationBenchmark}: a row per stage and call through the migration ({@code read},
 * {@code readEveryCompared}, {@code write}), each quoted against the direct call measured in the same stage:
 * {@code directRead} for a read, {@code directWrite} for a write, and for a write also {@code directWriteSides}, the
 * stage's writes made directly (both sides where the stage writes both). The bytes per call of the call and of its
 * direct call sit side by side, so what the migration allocates shows.
 */
final class StageTable {

    static final String BENCHMARK_CLASS = "MigrationBenchmark";
    static final String STAGE = "stage";
    private static final String DIRECT = "direct";
    private static final String DIRECT_READ = "directRead";
    private static final String DIRECT_WRITE = "directWrite";
    private static final String DIRECT_WRITE_SIDES = "directWriteSides";
    private static final String WRITE = "write";

    private StageTable() {}

    /** Whether {@code rows} are the migration benchmark's, with at least one call through the migration. */
    static boolean covers(String benchmarkClass, List<Row> rows) {
        return benchmarkClass.equals(BENCHMARK_CLASS)
                && rows.stream()
                        .anyMatch(row -> !direct(row.method()) && row.params().containsKey(STAGE));
    }

    static void print(String benchmarkClass, List<Row> rows, PrintStream out) {
        List<String> stages = rows.stream()
                .map(row -> row.params().get(STAGE))
                .filter(Objects::nonNull)
                .distinct()
                .toList();
        List<String> calls = new ArrayList<>();
        // reads before writes, each in the order the result gives them
        rows.stream()
                .map(Row::method)
                .filter(m -> !direct(m) && !m.startsWith(WRITE))
                .distinct()
                .forEach(calls::add);
        rows.stream()
                .map(Row::method)
                .filter(m -> !direct(m) && m.startsWith(WRITE))
                .distinct()
                .forEach(calls::add);
        String unit = rows.get(0).unit();
        boolean perOperation = ResultTable.perOperation(unit);
        List<String> header = new ArrayList<>(List.of("stage", "call", "direct " + unit, unit, "±", "× direct"));
        if (perOperation) {
            header.add("+ vs direct");
        }
        header.addAll(List.of("× both sides direct", "B/op", "direct B/op"));
        out.println("#### " + benchmarkClass);
        out.println();
        out.println("Direct: `" + DIRECT_READ + "` for a read (the serving side's store alone), `" + DIRECT_WRITE
                + "` for a write (the authoritative side's); both sides direct: `" + DIRECT_WRITE_SIDES + "`, the"
                + " stage's writes made directly.");
        out.println();
        out.println("| " + String.join(" | ", header) + " |");
        out.println("|---|---|" + "---:|".repeat(header.size() - 2));
        for (String stage : stages) {
            for (String call : calls) {
                Row row = find(rows, call, stage);
                if (row == null) {
                    continue;
                }
                boolean write = call.startsWith(WRITE);
                Row direct = find(rows, write ? DIRECT_WRITE : DIRECT_READ, stage);
                Row sides = write ? find(rows, DIRECT_WRITE_SIDES, stage) : null;
                List<String> cells = new ArrayList<>(List.of(stage, call));
                cells.add(direct == null ? "–" : ResultTable.number(direct.score()));
                cells.add(ResultTable.number(row.score()));
                cells.add(Double.isNaN(row.error()) ? "–" : ResultTable.number(row.error()));
                cells.add(direct == null ? "–" : ResultTable.ratio(row, direct));
                if (perOperation) {
                    cells.add(direct == null ? "–" : ResultTable.signed(row.score() - direct.score()));
                }
                cells.add(sides == null ? "–" : ResultTable.ratio(row, sides));
                cells.add(bytes(row));
                cells.add(direct == null ? "–" : bytes(direct));
                out.println("| " + String.join(" | ", cells) + " |");
            }
        }
        out.println();
    }

    private static boolean direct(String method) {
        return method.startsWith(DIRECT);
    }

    private static String bytes(Row row) {
        Double bytes = row.allocation();
        return bytes == null ? "–" : String.format(Locale.ROOT, "%.0f", bytes);
    }

    private static @Nullable Row find(List<Row> rows, String method, String stage) {
        for (Row row : rows) {
            if (row.method().equals(method) && stage.equals(row.params().get(STAGE))) {
                return row;
            }
        }
        return null;
    }
}
