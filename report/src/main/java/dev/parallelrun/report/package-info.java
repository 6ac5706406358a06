/**
 * Reads the JSON Lines files of the {@code json-lines} publisher (schemas 1 and 2) from any number of JVMs, streaming
 * and in bounded memory, into a {@link dev.parallelrun.report.Summary}, and renders it for a terminal
 * ({@link dev.parallelrun.report.TerminalReport}), as one self-contained HTML page
 * ({@link dev.parallelrun.report.HtmlReport}) and as JSON ({@link dev.parallelrun.report.JsonReport}).
 *
 * {@snippet :
 * Summary summary = ReportReader.builder().build().read(List.of(Path.of("mismatches")));
 * new TerminalReport(TerminalReport.Style.plain()).print(summary, System.out);
 * HtmlReport.write(summary, Path.of("report.html"));
 * }
 */
@NullMarked
package dev.parallelrun.report;

import org.jspecify.annotations.NullMarked;
