package dev.parallelrun.examples.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.parallelrun.experiment.PublishedValue;
import dev.parallelrun.publisher.jsonlines.JsonLinesPublisher;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo end to end: it runs, its JSON Lines validate against the schema, the planted cases show up, and no
 * customer's e-mail address, which the pricing experiment redacts from the orders it captures, is in anything it
 * writes or prints.
 */
class PricingMigrationDemoTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void demoWritesLinesThatValidateAndFindsThePlantedEdgeCases(@TempDir Path output) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        boolean ok = PricingMigrationDemo.run(
                6_000,
                output,
                java.time.Duration.ofSeconds(30), // no timeouts on a loaded CI machine: every planted case is compared
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        String text = printed.toString(StandardCharsets.UTF_8);

        assertThat(ok).as(text).isTrue();
        assertThat(text)
                .contains("experiment pricing-v2")
                .contains("readiness")
                .contains("skipped share")
                .contains("latency floor")
                .contains("parallelrun.experiment.runs");

        JsonSchema schema;
        try (InputStream in = JsonLinesPublisher.class.getResourceAsStream("schema-2.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(MAPPER.readTree(in));
        }
        List<JsonNode> lines = new ArrayList<>();
        try (var files = Files.list(output.resolve("jsonl"))) {
            for (Path file : files.toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    lines.add(MAPPER.readTree(line));
                }
            }
        }
        assertThat(lines).isNotEmpty();
        for (JsonNode line : lines) {
            assertThat(schema.validate(line)).as("%s", line).isEmpty();
        }

        // every mismatch of pricing-v2 is one of the two planted edge cases, each its own signature group
        Map<String, Integer> bySignature = new HashMap<>();
        Map<String, String> pathsBySignature = new HashMap<>();
        for (JsonNode line : lines) {
            if (line.path("type").asText().equals("result")
                    && line.path("experiment").asText().equals("pricing-v2")) {
                JsonNode candidate = line.path("candidates").get(0);
                if (candidate.path("outcome").asText().equals("MISMATCH")) {
                    String signature = candidate.path("signature").asText();
                    bySignature.merge(signature, 1, Integer::sum);
                    List<String> paths = new ArrayList<>();
                    candidate
                            .path("differences")
                            .forEach(d -> paths.add(
                                    d.path("op").asText() + " " + d.path("path").asText()));
                    pathsBySignature.put(
                            signature, String.join(", ", paths.stream().sorted().toList()));
                }
            }
        }
        assertThat(pathsBySignature.values())
                .containsExactlyInAnyOrder("replace /discount, replace /total", "remove /discount");
        Map<String, Integer> byPaths = new HashMap<>();
        bySignature.forEach((signature, count) -> byPaths.put(pathsBySignature.get(signature), count));
        assertThat(byPaths.get("replace /discount, replace /total"))
                .isEqualTo(printedCount(text, "zero-decimal currency"));
        assertThat(byPaths.get("remove /discount")).isEqualTo(printedCount(text, "empty cart"));
    }

    @Test
    void noCustomersEmailAddressIsInAnythingTheDemoWritesOrPrints(@TempDir Path output) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        assertThat(PricingMigrationDemo.run(
                        2_000,
                        output,
                        java.time.Duration.ofSeconds(30),
                        new PrintStream(printed, true, StandardCharsets.UTF_8)))
                .isTrue();
        Set<String> emails = new HashSet<>();
        Orders orders = new Orders(20261125L); // the demo's orders
        for (int i = 0; i < 2_000; i++) {
            emails.add(orders.next().customerEmail());
        }

        // every output: the JSON Lines, the page, and what the demo printed
        Map<String, String> outputs = new TreeMap<>();
        try (var files = Files.walk(output)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                outputs.put(output.relativize(file).toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        outputs.put("standard output", printed.toString(StandardCharsets.UTF_8));
        assertThat(outputs.keySet())
                .contains("report.html", "standard output")
                .anyMatch(name -> name.startsWith("jsonl/") && name.endsWith(".jsonl"));
        for (Map.Entry<String, String> out : outputs.entrySet()) {
            assertThat(out.getValue()).as(out.getKey()).doesNotContain("@mail.example");
            for (String email : emails) {
                assertThat(out.getValue()).as(out.getKey()).doesNotContain(email);
            }
        }
        // not for want of inputs: every pricing-v2 result line carries its order, the address redacted
        List<JsonNode> pricing = new ArrayList<>();
        for (Map.Entry<String, String> out : outputs.entrySet()) {
            if (out.getKey().endsWith(".jsonl")) {
                for (String line : out.getValue().split("\n")) {
                    JsonNode node = MAPPER.readTree(line);
                    if (node.path("type").asText().equals("result")
                            && node.path("experiment").asText().equals("pricing-v2")) {
                        pricing.add(node);
                    }
                }
            }
        }
        assertThat(pricing).isNotEmpty().allSatisfy(line -> {
            assertThat(line.at("/input/id").asText())
                    .isEqualTo(line.at("/context/order").asText());
            assertThat(line.at("/input/customerId").asText())
                    .isEqualTo(line.at("/key").asText());
            assertThat(line.at("/input/customerEmail").asText()).isEqualTo(PublishedValue.REDACTED);
        });
    }

    private static int printedCount(String text, String label) {
        Matcher matcher =
                Pattern.compile(Pattern.quote(label) + "[^:]*:\\s+([\\d,]+)").matcher(text);
        assertThat(matcher.find()).as("'%s' in%n%s", label, text).isTrue();
        return Integer.parseInt(matcher.group(1).replace(",", ""));
    }
}
