package dev.parallelrun.benchmarks.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.flipkart.zjsonpatch.DiffFlags;
import com.flipkart.zjsonpatch.JsonDiff;
import dev.parallelrun.runtime.diff.Comparison;
import dev.parallelrun.runtime.diff.StructuralDiffer;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Our differ, zjsonpatch (its default flags, and with move/copy detection off) and a plain walk of both
 * trees ({@link TreeWalk}, the baseline) on the same pair of Jackson trees. Run with {@code -prof gc} for
 * the bytes each comparison allocates. The number of operations each produces is printed once per trial
 * (see {@link #operations(TreePair)}); the result table computes them again from the same trees.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class DifferBenchmark {

    /** zjsonpatch's defaults with move and copy detection turned off: only add, remove and replace. */
    static final EnumSet<DiffFlags> NO_MOVE_OR_COPY =
            EnumSet.of(DiffFlags.OMIT_VALUE_ON_REMOVE, DiffFlags.OMIT_MOVE_OPERATION, DiffFlags.OMIT_COPY_OPERATION);

    /** Which pair of trees; see {@link TreePairs}. */
    @Param({TreePairs.SMALL, TreePairs.ONE_KB, TreePairs.HUNDRED_KB, TreePairs.ARRAY_1000})
    public String shape = TreePairs.SMALL;

    private JsonNode control = TreePairs.of(TreePairs.SMALL).control();
    private JsonNode candidate = TreePairs.of(TreePairs.SMALL).candidate();
    private StructuralDiffer differ = ourDiffer();

    /** Builds the pair and prints how many operations each differ produces for it. */
    @Setup(Level.Trial)
    public void build() {
        TreePair pair = TreePairs.of(shape);
        control = pair.control();
        candidate = pair.candidate();
        differ = ourDiffer();
        System.out.println("\n[differ " + shape + "] " + pair.controlBytes() + " bytes of JSON; changed: "
                + pair.changes() + "; operations produced: " + operations(pair));
    }

    /** The baseline: one walk of both trees in step. */
    @Benchmark
    public int walk() {
        return TreeWalk.differences(control, candidate);
    }

    /** Our structural differ on the same trees, with the default options an experiment gets. */
    @Benchmark
    public Comparison ours() {
        return differ.compareTrees(control, candidate);
    }

    /** zjsonpatch with its default flags (move and copy detection on). */
    @Benchmark
    public JsonNode zjsonpatch() {
        return JsonDiff.asJson(control, candidate);
    }

    /** zjsonpatch with move and copy detection off. */
    @Benchmark
    public JsonNode zjsonpatchNoMoveCopy() {
        return JsonDiff.asJson(control, candidate, NO_MOVE_OR_COPY);
    }

    /** How many operations (differences) each benchmark of this class produces for {@code pair}, by method name. */
    public static Map<String, Integer> operations(TreePair pair) {
        Map<String, Integer> operations = new LinkedHashMap<>();
        operations.put("walk", TreeWalk.differences(pair.control(), pair.candidate()));
        operations.put("ours", ourOperations(ourDiffer(), pair));
        operations.put(
                "zjsonpatch", JsonDiff.asJson(pair.control(), pair.candidate()).size());
        operations.put(
                "zjsonpatchNoMoveCopy",
                JsonDiff.asJson(pair.control(), pair.candidate(), NO_MOVE_OR_COPY)
                        .size());
        return operations;
    }

    private static int ourOperations(StructuralDiffer differ, TreePair pair) {
        return differ.compareTrees(pair.control(), pair.candidate()).diff().total();
    }

    /** The structural differ with the options of an experiment built with nothing but a name. */
    static StructuralDiffer ourDiffer() {
        return StructuralDiffer.builder().build();
    }
}
