/**
 * JUnit Jupiter support for parallel runs: {@link dev.parallelrun.junit.MismatchSource} replays the mismatches an
 * experiment recorded in JSON Lines files as the cases of a parameterized test,
 * {@link dev.parallelrun.junit.ParallelRunAssertions} runs a control and a candidate on one input and fails in strict
 * mode's words, and {@link dev.parallelrun.junit.StrictExperiments} makes the laboratories a test builds strict.
 */
@NullMarked
package dev.parallelrun.junit;

import org.jspecify.annotations.NullMarked;
