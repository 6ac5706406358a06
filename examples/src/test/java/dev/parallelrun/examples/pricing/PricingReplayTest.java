package dev.parallelrun.examples.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.MismatchException;
import dev.parallelrun.junit.MismatchSource;
import dev.parallelrun.junit.RecordedMismatch;
import dev.parallelrun.junit.Replay;
import dev.parallelrun.publisher.jsonlines.JsonLinesPublisher;
import dev.parallelrun.runtime.RuntimeLaboratory;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The demo's mismatches as regression tests: recorded by the pricing experiment, replayed by {@link MismatchSource},
 * they fail against the demo's candidate with the differences that were recorded, and pass against
 * {@link FixedPricingEngine}, the candidate with the planted edge cases fixed.
 *
 * <p>The recorded files are made before the tests: the demo's orders, priced through the pricing experiment built
 * as the demo builds it (ignoring {@code /quotedAt}) but capturing inputs and sampling every call, written by the
 * JSON Lines publisher. Each result line then gets the call's published input (redacted, capped) as its
 * {@code "input"} field: the shape the JSON Lines writer produces once it writes captured inputs.
 */
class PricingReplayTest {

    /** Where the recorded files go, relative to this module's directory (the tests' working directory). */
    private static final String RECORDED = "target/replay/pricing";
    private static final long DEMO_SEED = 20261125L;

    private static final Clock CLOCK = Clock.systemUTC();
    private static final LegacyPricing LEGACY = new LegacyPricing(CLOCK);
    private static final PricingEngine ENGINE = new PricingEngine(CLOCK);
    private static final FixedPricingEngine FIXED = new FixedPricingEngine(CLOCK);

    /** Replays judge as the demo's experiment does: {@code /quotedAt} is a clock reading, different on every call. */
    private static final Replay<Price> PRICING =
            Replay.of("pricing-v2", Price.class, options -> options.ignorePaths("/quotedAt"));

    // numbers as written: a recorded 19.90 stays 19.90
    private static final ObjectMapper LINES = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    @BeforeAll
    static void recordTheDemosMismatches() throws Exception {
        Path directory = Path.of(RECORDED);
        deleteLines(directory);
        Map<String, String> inputs = new ConcurrentHashMap<>();
        RuntimeLaboratory lab = RuntimeLaboratory.builder()
                .publisher(JsonLinesPublisher.to(directory))
                .publisher(result -> {
                    if (result.input() != null) {
                        inputs.put(result.context().get("order"), result.input().json());
                    }
                })
                .build();
        try (lab) {
            Experiment<Price> pricing = lab.experiment("pricing-v2", Price.class)
                    .ignorePaths("/quotedAt")
                    .candidateTimeout(Duration.ofSeconds(30)) // no timeouts on a loaded machine
                    .captureInputs()
                    .sampleRate(1.0)
                    .build();
            Orders orders = new Orders(DEMO_SEED);
            for (int i = 0; i < 3_000; i++) {
                Order order = orders.next();
                pricing.run(Call.keyed(order.customerId()).with("order", order.id()).with("currency", order.currency())
                                .input(order),
                        () -> LEGACY.price(order), () -> ENGINE.price(order));
                LockSupport.parkNanos(100_000); // like the demo's callers, so no candidate is skipped at the cap
            }
        }
        addInputs(directory, inputs);
    }

    @ParameterizedTest
    @MismatchSource(files = RECORDED, experiment = "pricing-v2")
    void aRecordedMismatchFailsAgainstTheDemosCandidateWithTheRecordedDifferences(Order order, Price recorded,
            RecordedMismatch mismatch) {
        // one of the two planted edge cases, each its own signature group
        assertThat(paths(mismatch.differences())).isIn(
                List.of("replace /discount", "replace /total"), List.of("remove /discount"));
        assertThat(LEGACY.price(order)).usingRecursiveComparison()
                .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .ignoringFields("quotedAt")
                .isEqualTo(recorded);

        AssertionError failure = catchThrowableOfType(AssertionError.class,
                () -> PRICING.assertMatches(order, LEGACY::price, ENGINE::price));

        assertThat(failure).isNotNull().hasCauseInstanceOf(MismatchException.class);
        for (String difference : mismatch.differences()) {
            assertThat(failure.getMessage()).contains("\n    " + difference + "\n");
        }
    }

    @ParameterizedTest
    @MismatchSource(files = RECORDED, experiment = "pricing-v2")
    void aRecordedMismatchPassesAgainstTheFixedCandidate(Order order) {
        PRICING.assertMatches(order, LEGACY::price, FIXED::price);
    }

    @Test
    void onTheDemosOrdersTheCandidateFailsOnThePlantedCasesOnlyAndTheFixedCandidateNever() {
        // the first orders of each kind the demo makes: each planted edge case, and the rest
        Map<String, Integer> quota = Map.of("empty cart", 10, "fractional discount", 10, "other", 60);
        Map<String, Integer> tested = new HashMap<>();
        PlantedCases planted = new PlantedCases();
        Orders orders = new Orders(DEMO_SEED);
        for (int i = 0; i < 5_000 && !tested.equals(quota); i++) {
            Order order = orders.next();
            String kind = kind(planted, order);
            if (tested.getOrDefault(kind, 0) >= quota.get(kind)) {
                continue;
            }
            tested.merge(kind, 1, Integer::sum);
            if (kind.equals("other")) {
                assertThatCode(() -> PRICING.assertMatches(order, LEGACY::price, ENGINE::price)).as("%s", order)
                        .doesNotThrowAnyException();
            } else {
                assertThat(catchThrowableOfType(AssertionError.class,
                        () -> PRICING.assertMatches(order, LEGACY::price, ENGINE::price))).as("%s", order).isNotNull();
            }
            assertThatCode(() -> PRICING.assertMatches(order, LEGACY::price, FIXED::price)).as("%s", order)
                    .doesNotThrowAnyException();
        }
        assertThat(tested).isEqualTo(quota);
    }

    /** Which planted edge case {@code order} falls into, judged from the order alone, as the demo judges it. */
    private static String kind(PlantedCases planted, Order order) {
        long emptyCarts = planted.emptyCart.sum();
        long fractional = planted.fractionalDiscountInZeroDecimalCurrency.sum();
        planted.classify(order);
        return planted.emptyCart.sum() > emptyCarts ? "empty cart"
                : planted.fractionalDiscountInZeroDecimalCurrency.sum() > fractional ? "fractional discount" : "other";
    }

    /** {@code op path} of each {@code op path previous -> value}. */
    private static List<String> paths(List<String> differences) {
        return differences.stream().map(d -> d.split(" ")[0] + " " + d.split(" ")[1]).sorted().toList();
    }

    /** Adds each result line's captured input under {@code "input"}, before {@code "control"}. */
    private static void addInputs(Path directory, Map<String, String> inputs) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).toList()) {
                List<String> lines = new ArrayList<>();
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    JsonNode tree = LINES.readTree(line);
                    String input = inputs.get(tree.path("context").path("order").asText());
                    if (!tree.path("type").asText().equals("result") || input == null) {
                        lines.add(line);
                        continue;
                    }
                    ObjectNode withInput = LINES.createObjectNode();
                    tree.properties().forEach(field -> {
                        if (field.getKey().equals("control")) {
                            withInput.set("input", readTree(input));
                        }
                        withInput.set(field.getKey(), field.getValue());
                    });
                    lines.add(LINES.writeValueAsString(withInput));
                }
                Files.write(file, lines, StandardCharsets.UTF_8);
            }
        }
    }

    private static JsonNode readTree(String json) {
        try {
            return LINES.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(json, e);
        }
    }

    private static void deleteLines(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
        }
    }
}
