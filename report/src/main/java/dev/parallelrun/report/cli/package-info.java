/**
 * The {@code report} command line: {@code report summary FILES|DIRS...} and
 * {@code report html FILES|DIRS... -o report.html}, on top of {@link dev.parallelrun.report.ReportReader} and
 * the renderers.
 */
@NullMarked
package dev.parallelrun.report.cli;

import org.jspecify.annotations.NullMarked;
