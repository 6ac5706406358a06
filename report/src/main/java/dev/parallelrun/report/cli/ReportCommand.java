package dev.parallelrun.report.cli;

import dev.parallelrun.report.BadInputException;
import dev.parallelrun.report.ExperimentSummary;
import dev.parallelrun.report.HtmlReport;
import dev.parallelrun.report.JsonReport;
import dev.parallelrun.report.ReadFilter;
import dev.parallelrun.report.ReportReader;
import dev.parallelrun.report.Summary;
import dev.parallelrun.report.TerminalReport;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code report summary FILES|DIRS...} and {@code report html FILES|DIRS... -o report.html}: the command line
 * over {@link ReportReader}, {@link TerminalReport}, {@link JsonReport} and {@link HtmlReport}. Exit codes:
 * {@value #OK} done, {@value #FAILED} an I/O or internal error, {@value #USAGE} a usage error (a bad option,
 * a missing input), {@value #BAD_INPUT} a bad line or unreadable file with {@code --strict}, {@value #NO_DATA}
 * no valid line was read (the report is still printed or written, and says what was read). Everything printed
 * on standard error that comes from the input or the file system has its control characters escaped.
 */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        version = "parallel-run report 0.1.0",
        description = "Summarises the JSON Lines files of parallel-run's json-lines publisher: in the terminal, "
                + "as JSON, or as one self-contained HTML page.",
        subcommands = {
            ReportCommand.SummaryCommand.class,
            ReportCommand.HtmlCommand.class,
            CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done (bad lines are skipped and counted)",
            "1:an I/O or internal error",
            "2:a usage error: a bad option, a missing input file or directory",
            "3:--strict and a bad line or an unreadable file",
            "4:no valid line was read: no *.jsonl file, or only blank or bad lines (the report is still made)"
        })
public final class ReportCommand implements Callable<Integer> {

    /** Done. */
    public static final int OK = 0;
    /** An I/O or internal error. */
    public static final int FAILED = 1;
    /** A usage error: a bad option, a missing input. */
    public static final int USAGE = 2;
    /** A bad line or an unreadable file, with {@code --strict}. */
    public static final int BAD_INPUT = 3;
    /** No valid line was read: no file, or only blank or bad lines. The report is still made. */
    public static final int NO_DATA = 4;

    private final Terminal terminal;
    private final Clock clock;

    @Spec
    CommandSpec spec;

    ReportCommand(Terminal terminal, Clock clock) {
        this.terminal = terminal;
        this.clock = clock;
    }

    /** Runs the command and exits with its code. */
    public static void main(String[] args) {
        Terminal terminal = Terminal.detect();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, terminal.charset()), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, terminal.charset()), true);
        System.exit(run(args, out, err, terminal, Clock.systemUTC()));
    }

    /** Runs the command with these streams; returns the exit code. */
    static int run(String[] args, PrintWriter out, PrintWriter err, Terminal terminal, Clock clock) {
        CommandLine line = new CommandLine(new ReportCommand(terminal, clock));
        line.setOut(out);
        line.setErr(err);
        line.setExecutionExceptionHandler((e, command, parsed) -> {
            err.println("report: internal error: " + escape(e.toString()));
            e.printStackTrace(err);
            return FAILED;
        });
        int code = line.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    /** Options shared by both commands. */
    static final class Inputs {
        @Parameters(
                arity = "1..*",
                paramLabel = "FILES|DIRS",
                description = "JSON Lines files, or directories read recursively for *.jsonl files")
        List<Path> paths = new ArrayList<>();

        @Option(
                names = "--experiment",
                paramLabel = "NAME",
                description = "Only this experiment, or migration with its read experiments (repeat for several)")
        List<String> experiments = new ArrayList<>();

        @Option(
                names = "--since",
                paramLabel = "TIME",
                description = "Only from this time: an ISO instant (2026-11-25T10:00:00Z) or a date (2026-11-25, "
                        + "from its start, UTC)")
        @Nullable
        String since;

        @Option(
                names = "--until",
                paramLabel = "TIME",
                description = "Only before this time: an ISO instant, or a date (up to its end, UTC)")
        @Nullable
        String until;

        @Option(
                names = "--strict",
                description = "Stop at the first bad line or unreadable file (exit code 3) instead of skipping it")
        boolean strict;

        ReadFilter filter(CommandSpec spec) {
            Instant from = since == null ? null : bound(spec, "--since", since, false);
            Instant to = until == null ? null : bound(spec, "--until", until, true);
            if (from != null && to != null && !from.isBefore(to)) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--since (" + from + ") must be before --until (" + to + ")");
            }
            return new ReadFilter(new LinkedHashSet<>(experiments), from, to);
        }
    }

    /** An ISO instant, offset or local (UTC) date-time, or a date: its start, or for an end, the next day's. */
    static Instant bound(CommandSpec spec, String option, String text, boolean end) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            LocalDate date = LocalDate.parse(text);
            return (end ? date.plusDays(1) : date).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    option + ": '" + text
                            + "' is neither an ISO-8601 instant (2026-11-25T10:00:00Z) nor a date (2026-11-25)");
        }
    }

    /** Reads the inputs, printing problems and progress on standard error; null when it failed (code set). */
    private @Nullable Summary read(CommandSpec spec, Inputs inputs, int[] code) {
        ReadFilter filter = inputs.filter(spec);
        PrintWriter err = spec.commandLine().getErr();
        try (Progress progress = new Progress(err, inputs.strict, terminal.interactive())) {
            ReportReader reader = ReportReader.builder()
                    .filter(filter)
                    .strict(inputs.strict)
                    .clock(clock)
                    .listener(progress)
                    .build();
            return reader.read(inputs.paths);
        } catch (NoSuchFileException e) {
            err.println("report: no such file or directory: " + escape(String.valueOf(e.getFile())));
            code[0] = USAGE;
        } catch (BadInputException e) {
            err.println("report: stopped at the first bad input (--strict): "
                    + escape(e.problem().toString()));
            code[0] = BAD_INPUT;
        } catch (IOException e) {
            err.println("report: cannot read: " + escape(e.toString()));
            code[0] = FAILED;
        }
        return null;
    }

    /** {@link #OK}, or {@link #NO_DATA}, said on standard error, when no valid line was read. */
    private int done(CommandSpec spec, Summary summary) {
        if (!summary.read().nothingValid()) {
            return OK;
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println("report: no valid line was read (" + plural(summary.read().files(), "file", "files") + ", "
                + plural(summary.read().badLines(), "bad line", "bad lines") + ", "
                + plural(summary.read().unreadableFiles(), "unreadable file", "unreadable files") + ")");
        err.flush();
        return NO_DATA;
    }

    private static String escape(String text) {
        return TerminalReport.escapeControls(text);
    }

    private static String plural(long count, String one, String many) {
        return String.format(Locale.ROOT, "%,d %s", count, count == 1 ? one : many);
    }

    /** {@code report summary}. */
    @Command(
            name = "summary",
            mixinStandardHelpOptions = true,
            description = "Prints the summary of the files to standard output: per migration, its stage, timeline, "
                    + "rollbacks, readiness and failed writes; per experiment, the readiness verdict, counts, rates, "
                    + "latency, the trend, noisy paths and mismatch groups.")
    static final class SummaryCommand implements Callable<Integer> {
        @ParentCommand
        ReportCommand parent;

        @Spec
        CommandSpec spec;

        @Mixin
        Inputs inputs = new Inputs();

        @Option(names = "--json", description = "Print the summary as JSON instead (the shape is in the README)")
        boolean json;

        @Option(
                names = "--color",
                paramLabel = "WHEN",
                defaultValue = "auto",
                description = "Colours: auto (only when standard output is a terminal and NO_COLOR is unset), "
                        + "always, never. Default: ${DEFAULT-VALUE}")
        ColorMode color = ColorMode.auto;

        @Override
        public Integer call() throws IOException {
            int[] code = {OK};
            Summary summary = parent.read(spec, inputs, code);
            if (summary == null) {
                return code[0];
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                JsonReport.write(summary, out);
            } else {
                Terminal terminal = parent.terminal;
                boolean colors = switch (color) {
                    case always -> true;
                    case never -> false;
                    case auto -> terminal.interactive() && !terminal.noColor();
                };
                new TerminalReport(new TerminalReport.Style(colors, terminal.unicode(), 100)).print(summary, out);
            }
            out.flush();
            return parent.done(spec, summary);
        }
    }

    /** When to colour. */
    enum ColorMode {
        auto,
        always,
        never
    }

    /** {@code report html}. */
    @Command(
            name = "html",
            mixinStandardHelpOptions = true,
            description = "Writes the summary as one self-contained HTML page (no network, no script).")
    static final class HtmlCommand implements Callable<Integer> {
        @ParentCommand
        ReportCommand parent;

        @Spec
        CommandSpec spec;

        @Mixin
        Inputs inputs = new Inputs();

        @Option(
                names = {"-o", "--output"},
                paramLabel = "FILE",
                defaultValue = "report.html",
                description = "The page to write. Default: ${DEFAULT-VALUE}")
        Path output = Path.of("report.html");

        @Override
        public Integer call() {
            int[] code = {OK};
            Summary summary = parent.read(spec, inputs, code);
            if (summary == null) {
                return code[0];
            }
            try {
                HtmlReport.write(summary, output);
            } catch (IOException e) {
                spec.commandLine()
                        .getErr()
                        .println("report: cannot write " + escape(output.toString()) + ": " + escape(e.toString()));
                return FAILED;
            }
            Map<String, Integer> badges = new TreeMap<>();
            for (ExperimentSummary experiment : summary.experiments()) {
                badges.merge(experiment.badge(), 1, Integer::sum);
            }
            List<String> counts = new ArrayList<>();
            badges.forEach((badge, count) -> counts.add(count + " " + badge));
            long bad = summary.read().badLines();
            PrintWriter out = spec.commandLine().getOut();
            out.println("Wrote " + escape(output.toAbsolutePath().normalize().toString()) + ": "
                    + (summary.migrations().isEmpty()
                            ? ""
                            : plural(summary.migrations().size(), "migration", "migrations") + " and ")
                    + plural(summary.experiments().size(), "experiment", "experiments")
                    + (counts.isEmpty() ? "" : " (" + String.join(", ", counts) + ")")
                    + (bad > 0 ? "; " + plural(bad, "bad line", "bad lines") + " skipped" : ""));
            out.flush();
            return parent.done(spec, summary);
        }
    }
}
