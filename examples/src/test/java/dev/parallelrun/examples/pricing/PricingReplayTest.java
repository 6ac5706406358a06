package dev.parallelrun.examples.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.parallelrun.experiment.MismatchException;
import dev.parallelrun.experiment.PublishedValue;
import dev.parallelrun.junit.MismatchSource;
import dev.parallelrun.junit.RecordedMismatch;
import dev.parallelrun.junit.Replay;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The demo's mismatches as regression tests. Before the tests, the demo runs as it is (6,000 orders) and writes its
 * JSON Lines and its report under {@code target/replay/demo}; its pricing experiment captures each call's order, the
 * customer's e-mail redacted. The report names each signature group with the line that replays it; pasted here,
 * those lines make {@link MismatchSource} feed the recorded orders to the tests: each fails against the demo's
 * candidate with the differences that were recorded, and passes against {@link FixedPricingEngine}, the candidate
 * with the planted edge cases fixed.
 */
class PricingReplayTest {

    /** Where the demo writes, relative to this module's directory (the tests' working directory). */
    private static final String DEMO_OUTPUT = "target/replay/demo";
    /** The demo's JSON Lines: what its report read, as the report's replay lines name it. */
    private static final String DEMO_LINES = "target/replay/demo/jsonl";
    /** The group of the first planted edge case: cents on a discount in a zero-decimal currency. */
    private static final String DISCOUNT_WITH_CENTS = "f688d64cfa67e19d";
    /** The group of the second planted edge case: no discount on an empty cart. */
    private static final String EMPTY_CART = "80e9832b4e9b15f6";

    private static final long DEMO_SEED = 20261125L;

    private static final Clock CLOCK = Clock.systemUTC();
    private static final LegacyPricing LEGACY = new LegacyPricing(CLOCK);
    private static final PricingEngine ENGINE = new PricingEngine(CLOCK);
    private static final FixedPricingEngine FIXED = new FixedPricingEngine(CLOCK);

    /** Replays judge as the demo's experiment does: {@code /quotedAt} is a clock reading, different on every call. */
    private static final Replay<Price> PRICING =
            Replay.of("pricing-v2", Price.class, options -> options.ignorePaths("/quotedAt"));

    private static String printed = "";

    @BeforeAll
    static void runTheDemo() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean ok = PricingMigrationDemo.run(
                6_000,
                Path.of(DEMO_OUTPUT),
                Duration.ofSeconds(30), // no timeouts on a loaded machine: every planted case is compared
                new PrintStream(out, true, StandardCharsets.UTF_8));
        printed = out.toString(StandardCharsets.UTF_8);
        assertThat(ok).as(printed).isTrue();
    }

    @Test
    void theDemosReportShowsTheLinesThisTestReplays() throws Exception {
        String html = Files.readString(Path.of(DEMO_OUTPUT, "report.html"), StandardCharsets.UTF_8);

        for (String signature : List.of(DISCOUNT_WITH_CENTS, EMPTY_CART)) {
            String line = "@MismatchSource(files = \"" + DEMO_LINES + "\", experiment = \"pricing-v2\", signatures = \""
                    + signature + "\")";
            assertThat(printed).contains("replay in a test: " + line + System.lineSeparator());
            assertThat(html).contains(line.replace("\"", "&quot;"));
        }
    }

    @ParameterizedTest
    @MismatchSource(files = DEMO_LINES, experiment = "pricing-v2")
    void aRecordedMismatchFailsAgainstTheDemosCandidateWithTheRecordedDifferences(
            Order order, Price recorded, RecordedMismatch mismatch) {
        // one of the two planted edge cases, each its own signature group
        assertThat(mismatch.signature()).isIn(DISCOUNT_WITH_CENTS, EMPTY_CART);
        assertThat(paths(mismatch.differences()))
                .isEqualTo(
                        mismatch.signature().equals(EMPTY_CART)
                                ? List.of("remove /discount")
                                : List.of("replace /discount", "replace /total"));
        // the order as the demo priced it, but for the e-mail address, which was never written
        assertThat(order.customerEmail()).isEqualTo(PublishedValue.REDACTED);
        assertThat(mismatch.redactedInputPaths()).containsExactly("/customerEmail");
        assertThat(LEGACY.price(order))
                .usingRecursiveComparison()
                .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .ignoringFields("quotedAt")
                .isEqualTo(recorded);

        AssertionError failure = catchThrowableOfType(
                AssertionError.class, () -> PRICING.assertMatches(order, LEGACY::price, ENGINE::price));

        assertThat(failure).isNotNull().hasCauseInstanceOf(MismatchException.class);
        for (String difference : mismatch.differences()) {
            assertThat(failure.getMessage()).contains("\n    " + difference + "\n");
        }
    }

    // the report's line for the group, as it shows it
    @ParameterizedTest
    @MismatchSource(files = "target/replay/demo/jsonl", experiment = "pricing-v2", signatures = DISCOUNT_WITH_CENTS)
    void aDiscountWithCentsInAZeroDecimalCurrencyPassesAgainstTheFixedCandidate(Order order) {
        assertThat(Currencies.decimals(order.currency())).isZero();
        assertThat(order.couponPercent()).isNotNull();

        PRICING.assertMatches(order, LEGACY::price, FIXED::price);
    }

    // the report's line for the group, as it shows it
    @ParameterizedTest
    @MismatchSource(files = "target/replay/demo/jsonl", experiment = "pricing-v2", signatures = EMPTY_CART)
    void anEmptyCartPassesAgainstTheFixedCandidate(Order order) {
        assertThat(order.lines()).isEmpty();

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
                assertThatCode(() -> PRICING.assertMatches(order, LEGACY::price, ENGINE::price))
                        .as("%s", order)
                        .doesNotThrowAnyException();
            } else {
                assertThat(catchThrowableOfType(
                                AssertionError.class, () -> PRICING.assertMatches(order, LEGACY::price, ENGINE::price)))
                        .as("%s", order)
                        .isNotNull();
            }
            assertThatCode(() -> PRICING.assertMatches(order, LEGACY::price, FIXED::price))
                    .as("%s", order)
                    .doesNotThrowAnyException();
        }
        assertThat(tested).isEqualTo(quota);
    }

    /** Which planted edge case {@code order} falls into, judged from the order alone, as the demo judges it. */
    private static String kind(PlantedCases planted, Order order) {
        long emptyCarts = planted.emptyCart.sum();
        long fractional = planted.fractionalDiscountInZeroDecimalCurrency.sum();
        planted.classify(order);
        return planted.emptyCart.sum() > emptyCarts
                ? "empty cart"
                : planted.fractionalDiscountInZeroDecimalCurrency.sum() > fractional ? "fractional discount" : "other";
    }

    /** {@code op path} of each {@code op path previous -> value}. */
    private static List<String> paths(List<String> differences) {
        return differences.stream()
                .map(d -> d.split(" ")[0] + " " + d.split(" ")[1])
                .sorted()
                .toList();
    }
}
