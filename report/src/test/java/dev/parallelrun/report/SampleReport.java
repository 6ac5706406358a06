package dev.parallelrun.report;

import static dev.parallelrun.report.JsonLinesGenerator.candidate;
import static dev.parallelrun.report.JsonLinesGenerator.result;
import static dev.parallelrun.report.JsonLinesGenerator.run;
import static dev.parallelrun.report.JsonLinesGenerator.summary;

import dev.parallelrun.experiment.Outcome;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A realistic set of files for the renderer and browser tests: six experiments over two JVMs and ten hours,
 * one ready, one with a noisy path, one without summary lines, one whose every value is hostile markup, and one
 * whose runs were mostly skipped, written with the fields of the engine's next version (skip reasons, runaways,
 * scheduling delay, a latency floor); and two migrations: {@value #MIGRATION}, walked to COMPLETE through a
 * rollback that was acknowledged, with failed writes (one key is hostile markup) and its SHADOW comparisons as a
 * seventh experiment, and {@value #ROLLED_BACK_MIGRATION}, rolled back and awaiting acknowledgement.
 */
final class SampleReport {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T08:00:00Z"), ZoneOffset.UTC);
    static final Instant START = Instant.parse("2026-11-25T08:00:00Z");
    /** Markup that would set {@code window.__pwned} or open an alert if it ever ran. */
    static final String SCRIPT = "</script><script>window.__pwned=1;alert(1)</script>";

    static final String ATTRIBUTE = "\" onmouseover=\"window.__pwned=1\" x=\"";
    static final String IMAGE = "<img src=x onerror=\"window.__pwned=1\">";
    static final String HOSTILE_EXPERIMENT = "pricing " + SCRIPT;
    /** Written with fields beyond schema 1 as the publisher's schema describes it. */
    static final String SKIPPING_EXPERIMENT = "recommendations";
    /** A migration walked to COMPLETE, through an acknowledged rollback. */
    static final String MIGRATION = "customer-store";
    /** A migration rolled back in LIVE and awaiting acknowledgement. */
    static final String ROLLED_BACK_MIGRATION = "orders-store";

    static final String TRIP_DETAIL =
            "11 failed reads of the new side in a window of 1000 (1.100%, above the limit " + "of 1.000%)";

    private SampleReport() {}

    /** Writes the files under {@code dir} (two JVMs, one file each) and returns the directory. */
    static Path write(Path dir) {
        List<String> jvmA = new ArrayList<>();
        List<String> jvmB = new ArrayList<>();
        pricing(jvmA, "1001-a", "web-1", 0);
        pricing(jvmB, "1002-b", "web-2", 1);
        search(jvmA);
        quotes(jvmB);
        inventory(jvmA);
        hostile(jvmB);
        recommendations(jvmA, "1001-a", 0);
        recommendations(jvmB, "1002-b", 1);
        customerStore(jvmA);
        ordersStore(jvmB);
        JsonLinesGenerator.write(dir.resolve("web-1/parallel-run-jvm-a.jsonl"), jvmA);
        JsonLinesGenerator.write(dir.resolve("web-2/parallel-run-jvm-b.jsonl"), jvmB);
        return dir;
    }

    static Summary read(Path dir) throws IOException {
        return ReportReader.builder().clock(CLOCK).build().read(List.of(write(dir)));
    }

    /** The sample's terminal report, plain: no colours, no unicode. */
    static String terminal(Path dir) throws IOException {
        return new TerminalReport(TerminalReport.Style.plain()).render(read(dir));
    }

    /** Not ready: 0.4% mismatches in three edge cases, with a rising trend. */
    private static void pricing(List<String> lines, String jvm, String host, int seed) {
        long matched = 0;
        long mismatched = 0;
        long timedOut = 0;
        for (int hour = 0; hour < 10; hour++) {
            Instant at = START.plusSeconds(hour * 3600L);
            int mismatches = hour < 5 ? 1 : 2 + hour / 3 + seed;
            for (int i = 0; i < mismatches; i++) {
                Instant time = at.plusSeconds(60L * i + 7);
                String customer = "customer-" + (hour * 10 + i);
                if (i % 3 == 0) {
                    lines.add(result("pricing-v2", time)
                            .host(host)
                            .jvm(jvm)
                            .key(customer)
                            .context("order", "A-" + hour + i)
                            .expiresOn("2027-03-01", false)
                            .control(run(41_000 + i)
                                    .value("{\"total\":10.00,\"currency\":\"EUR\",\"lines\":[{\"sku\":\"A-1\","
                                            + "\"qty\":1}]}"))
                            .candidate(candidate("candidate", Outcome.MISMATCH)
                                    .run(run(52_000 + i)
                                            .value("{\"total\":10.05,\"currency\":\"EUR\",\"lines\":[{\"sku\":"
                                                    + "\"A-1\",\"qty\":1}]}"))
                                    .signature("5c7d4a9afa1c5b0f")
                                    .difference("replace", "/total", "10.05", "10.00"))
                            .line());
                } else if (i % 3 == 1) {
                    lines.add(result("pricing-v2", time)
                            .host(host)
                            .jvm(jvm)
                            .key(customer)
                            .expiresOn("2027-03-01", false)
                            .control(run(38_000)
                                    .value("{\"total\":20.00,\"currency\":\"EUR\",\"lines\":[{\"sku\":\"A-1\"},"
                                            + "{\"sku\":\"A-2\"}]}"))
                            .candidate(candidate("candidate", Outcome.MISMATCH)
                                    .run(run(47_000)
                                            .value("{\"total\":20.00,\"currency\":\"EUR\",\"lines\":[{\"sku\":\"A-1\"},"
                                                    + "{\"sku\":\"A-2\"},{\"sku\":\"GIFT\",\"qty\":1}]}"))
                                    .signature("0a1b2c3d4e5f6071")
                                    .difference("add", "/lines/2", "{\"sku\":\"GIFT\",\"qty\":1}", null))
                            .line());
                } else {
                    lines.add(result("pricing-v2", time)
                            .host(host)
                            .jvm(jvm)
                            .key(customer)
                            .expiresOn("2027-03-01", false)
                            .control(run(40_000).value("{\"total\":0,\"currency\":\"EUR\",\"lines\":[]}"))
                            .candidate(candidate("candidate", Outcome.MISMATCH)
                                    .run(run(12_000).threw("java.lang.ArithmeticException", "/ by zero"))
                                    .signature("fedcba9876543210")
                                    .difference(
                                            "replace",
                                            "",
                                            "{\"exception\":\"java.lang.ArithmeticException\","
                                                    + "\"message\":\"/ by zero\"}",
                                            "{\"total\":0,\"currency\":\"EUR\",\"lines\":[]}"))
                            .line());
                }
            }
            mismatched += mismatches;
            matched += 400 + 37L * seed;
            if (hour == 7) {
                timedOut++;
                lines.add(result("pricing-v2", at.plusSeconds(1800))
                        .host(host)
                        .jvm(jvm)
                        .key("customer-slow")
                        .expiresOn("2027-03-01", false)
                        .control(run(39_000).value("{\"total\":5.00}"))
                        .candidate(candidate("candidate", Outcome.TIMED_OUT)
                                .run(run(250_000_000).timedOut())
                                .note("interrupted after the candidate timeout of 250 ms"))
                        .line());
            }
            lines.add(summary("pricing-v2", jvm, at.plusSeconds(3599))
                    .host(host)
                    .expiresOn("2027-03-01", false)
                    .sampled(matched + mismatched + timedOut)
                    .outcome(Outcome.MATCH, matched)
                    .outcome(Outcome.MISMATCH, mismatched)
                    .outcome(Outcome.TIMED_OUT, timedOut)
                    .errors(timedOut)
                    .latency(
                            new long[] {matched + mismatched, 40_000, 55_000, 90_000, 400_000},
                            new long[] {matched + mismatched, 48_000, 70_000, 120_000, 250_000_000})
                    .line());
        }
    }

    /** Ready: thousands of matches, nothing else. */
    private static void search(List<String> lines) {
        for (int hour = 0; hour < 10; hour++) {
            long matched = 600L * (hour + 1);
            lines.add(summary("search-v3", "1001-a", START.plusSeconds(hour * 3600L + 1800))
                    .sampled(matched)
                    .outcome(Outcome.MATCH, matched)
                    .latency(
                            new long[] {matched, 900_000, 1_200_000, 2_000_000, 5_000_000},
                            new long[] {matched, 700_000, 1_000_000, 1_500_000, 4_000_000})
                    .line());
        }
    }

    /** A clock in the output makes every call differ: a noisy path. */
    private static void quotes(List<String> lines) {
        for (int i = 0; i < 40; i++) {
            Instant time = START.plusSeconds(900L * i);
            lines.add(result("quotes", time)
                    .host("web-2")
                    .jvm("1002-b")
                    .key("quote-" + i)
                    .control(run(30_000)
                            .value("{\"price\":99.5,\"quotedAt\":\"2026-11-25T08:00:00.001Z\",\"legs\":"
                                    + "[{\"id\":\"L1\",\"at\":\"2026-11-25T08:00:00.001Z\"}]}"))
                    .candidate(candidate("candidate", Outcome.MISMATCH)
                            .run(run(31_000)
                                    .value("{\"price\":99.5,\"quotedAt\":\"2026-11-25T08:00:00.002Z\",\"legs\":"
                                            + "[{\"id\":\"L1\",\"at\":\"2026-11-25T08:00:00.003Z\"}]}"))
                            .signature("1111222233334444")
                            .difference(
                                    "replace",
                                    "/quotedAt",
                                    "\"2026-11-25T08:00:00.002Z\"",
                                    "\"2026-11-25T08:00:00.001Z\"")
                            .difference(
                                    "replace",
                                    "/legs/0/at",
                                    "\"2026-11-25T08:00:00.003Z\"",
                                    "\"2026-11-25T08:00:00.001Z\""))
                    .line());
        }
        lines.add(summary("quotes", "1002-b", START.plusSeconds(36_000))
                .host("web-2")
                .sampled(41)
                .outcome(Outcome.MATCH, 1)
                .outcome(Outcome.MISMATCH, 40)
                .latency(new long[] {41, 30_000, 31_000, 33_000, 40_000}, new long[] {41, 31_000, 32_000, 34_000, 41_000
                })
                .line());
    }

    /** Result lines only: no summary. */
    private static void inventory(List<String> lines) {
        for (int i = 0; i < 3; i++) {
            lines.add(result("inventory-read-path", START.plusSeconds(5_000L * i))
                    .key("sku-" + i)
                    .control(run(2_000_000).value("{\"stock\":" + (10 + i) + "}"))
                    .candidate(candidate("dynamo", Outcome.MISMATCH)
                            .run(run(900_000).value("{\"stock\":" + (9 + i) + "}"))
                            .signature("9999aaaabbbbcccc")
                            .difference("replace", "/stock", String.valueOf(9 + i), String.valueOf(10 + i)))
                    .line());
        }
    }

    /**
     * Inconclusive: most runs skipped at the cap, some for a runaway candidate that is still running; the
     * candidate's p99 is 3x the control's but within the 1 ms floor; one timeout never started.
     */
    private static void recommendations(List<String> lines, String jvm, int seed) {
        lines.add(result(SKIPPING_EXPERIMENT, START.plusSeconds(600 + seed))
                .jvm(jvm)
                .key("user-" + seed)
                .control(run(300_000).value("{\"items\":[1,2,3]}"))
                .candidate(candidate("candidate", Outcome.TIMED_OUT)
                        .run(run(100_000_000).neverStarted().startDelay(100_000_000))
                        .note("timed out before it started"))
                .line());
        for (int minute = 1; minute <= 30; minute++) {
            long matched = 20L * minute;
            lines.add(summary(SKIPPING_EXPERIMENT, jvm, START.plusSeconds(60L * minute + seed))
                    .sampled(matched * 5)
                    .outcome(Outcome.MATCH, matched)
                    .outcome(Outcome.TIMED_OUT, minute / 10)
                    .skipped("CAP", 3 * matched)
                    .skipped("RUNAWAYS", matched + seed)
                    .runaways(seed, 1 + seed)
                    .schedulingDelay(new long[] {matched, 50_000, 80_000, 400_000, 900_000})
                    .latency(
                            new long[] {matched, 100_000, 150_000, 200_000, 400_000},
                            new long[] {matched, 250_000, 400_000, 600_000, 100_000_000})
                    .criteria(new Criteria(1_000, 0.001, 0.01, 2.0, 1_000_000, Criteria.DEFAULT_MAX_SKIPPED_SHARE))
                    .line());
        }
    }

    /**
     * OFF to COMPLETE in ten hours: rolled back in LIVE by failing reads, the new store's writes failing in SHADOW
     * until the acknowledgement; its SHADOW comparisons found one mismatch.
     */
    private static void customerStore(List<String> lines) {
        Instant at = START;
        lines.add(
                JsonLinesGenerator.stage(MIGRATION, at, null, "OFF", "STARTED").line());
        lines.add(JsonLinesGenerator.stage(MIGRATION, at.plusSeconds(1_800), "OFF", "DUAL_WRITE", "SOURCE")
                .line());
        lines.add(JsonLinesGenerator.stage(MIGRATION, at.plusSeconds(3_600), "DUAL_WRITE", "SHADOW", "SOURCE")
                .line());
        lines.add(JsonLinesGenerator.stage(MIGRATION, at.plusSeconds(10_800), "SHADOW", "LIVE", "SOURCE")
                .line());
        Instant rollback = at.plusSeconds(12_000);
        lines.add(JsonLinesGenerator.stage(MIGRATION, rollback, "LIVE", "SHADOW", "ROLLBACK")
                .trip("READ_ERROR_RATE", 0.011, 0.01, 1_000, TRIP_DETAIL)
                .line());
        for (int i = 0; i < 12; i++) {
            String key = i == 5 ? SCRIPT : "customer-" + (2101 + i);
            lines.add(JsonLinesGenerator.writeFailure(
                            MIGRATION, rollback.plusSeconds(60L * i + 30), key, "NEW", "SHADOW")
                    .context("change", "insert")
                    .exception(
                            "org.h2.jdbc.JdbcSQLSyntaxErrorException", i == 5 ? IMAGE : "Column \"POSTCODE\" not found")
                    .line());
        }
        lines.add(JsonLinesGenerator.stage(MIGRATION, at.plusSeconds(14_400), "SHADOW", "SHADOW", "ACKNOWLEDGED")
                .line());
        lines.add(JsonLinesGenerator.stage(MIGRATION, at.plusSeconds(21_600), "SHADOW", "LIVE", "SOURCE")
                .line());
        lines.add(JsonLinesGenerator.stage(MIGRATION, at.plusSeconds(28_800), "LIVE", "RAMP_DOWN", "SOURCE")
                .line());
        lines.add(JsonLinesGenerator.stage(MIGRATION, at.plusSeconds(32_400), "RAMP_DOWN", "COMPLETE", "SOURCE")
                .line());
        lines.add(JsonLinesGenerator.migration(MIGRATION, "1001-a", at.plusSeconds(35_999), "COMPLETE")
                .sourceStage("COMPLETE")
                .since(at.plusSeconds(32_400))
                .counts(54_210, 11, 6_023, 12, 9, 0, 0)
                .side("old", 40_100, 0, 5_800, 0)
                .side("new", 14_121, 11, 6_011, 12)
                .readiness(false, "stage", "SHADOW", "COMPLETE", false)
                .check("rollback", "none awaiting acknowledgement", "none", true)
                .line());
        long matched = 0;
        for (int hour = 1; hour <= 4; hour++) {
            matched += 520;
            lines.add(summary(MIGRATION + ":shadow", "1001-a", START.plusSeconds(hour * 3_600L + 3_599))
                    .sampled(matched + 1)
                    .outcome(Outcome.MATCH, matched)
                    .outcome(Outcome.MISMATCH, 1)
                    .latency(
                            new long[] {matched + 1, 40_000, 55_000, 90_000, 400_000},
                            new long[] {matched + 1, 42_000, 60_000, 100_000, 500_000})
                    .line());
        }
        lines.add(result(MIGRATION + ":shadow", START.plusSeconds(7_300))
                .key("customer-17")
                .control(run(41_000).value("{\"id\":17,\"postcode\":\"75001\"}"))
                .candidate(candidate("candidate", Outcome.MISMATCH)
                        .run(run(45_000).value("{\"id\":17,\"postcode\":null}"))
                        .signature("abcdef0123456789")
                        .difference("replace", "/postcode", "null", "\"75001\""))
                .line());
    }

    /** Rolled back in LIVE by its new store's writes, on another JVM, not acknowledged yet. */
    private static void ordersStore(List<String> lines) {
        Instant rollback = START.plusSeconds(30_000);
        String detail = "13 failed writes of the new side in a window of 1000 (1.300%, above the limit of 1.000%)";
        lines.add(JsonLinesGenerator.stage(ROLLED_BACK_MIGRATION, START, null, "LIVE", "STARTED")
                .host("web-2")
                .jvm("1002-b")
                .line());
        lines.add(JsonLinesGenerator.stage(ROLLED_BACK_MIGRATION, rollback, "LIVE", "SHADOW", "ROLLBACK")
                .host("web-2")
                .jvm("1002-b")
                .trip("WRITE_FAILURE_RATE", 0.013, 0.01, 1_000, detail)
                .line());
        lines.add(JsonLinesGenerator.migration(ROLLED_BACK_MIGRATION, "1002-b", START.plusSeconds(35_999), "SHADOW")
                .host("web-2")
                .sourceStage("LIVE")
                .since(rollback)
                .counts(9_000, 0, 4_000, 0, 2, 0, 0)
                .side("old", 0, 0, 3_987, 0)
                .side("new", 9_000, 0, 4_000, 13)
                .rollbackPending(rollback, "LIVE", "WRITE_FAILURE_RATE", 0.013, 0.01, 1_000, detail)
                .readiness(
                        false,
                        "rollback",
                        "none awaiting acknowledgement",
                        "since " + rollback + ": rolled back: " + detail,
                        false)
                .line());
    }

    /** Every value that ends up in the page is markup that would run if it were not escaped. */
    private static void hostile(List<String> lines) {
        String value = "{\"note\":\"" + SCRIPT.replace("\"", "\\\"") + "\",\"" + IMAGE.replace("\"", "\\\"") + "\":\""
                + ATTRIBUTE.replace("\"", "\\\"") + "\"}";
        for (int i = 0; i < 2; i++) {
            lines.add(result(HOSTILE_EXPERIMENT, START.plusSeconds(3_600L * i))
                    .host(IMAGE)
                    .jvm(ATTRIBUTE)
                    .key(ATTRIBUTE)
                    .context(IMAGE, SCRIPT)
                    .expiresOn("2026-11-01", true)
                    .control(run(1_000).value(value))
                    .candidate(candidate("cand " + ATTRIBUTE, Outcome.MISMATCH)
                            .run(run(2_000).threw("java.lang.IllegalStateException", SCRIPT))
                            .signature("\"><svg onload=alert(1)>")
                            .difference(
                                    "replace",
                                    "/" + IMAGE,
                                    "\"" + ATTRIBUTE.replace("\"", "\\\"") + "\"",
                                    "\"" + SCRIPT.replace("\"", "\\\"") + "\"")
                            .note(SCRIPT))
                    .line());
        }
        lines.add(summary(HOSTILE_EXPERIMENT, ATTRIBUTE, START.plusSeconds(7_200))
                .host(IMAGE)
                .expiresOn("2026-11-01", true)
                .sampled(10)
                .outcome(Outcome.MATCH, 8)
                .outcome(Outcome.MISMATCH, 2)
                .line());
    }
}
