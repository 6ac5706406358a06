package dev.parallelrun.examples.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.parallelrun.publisher.jsonlines.JsonLinesPublisher;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo end to end: it runs, its JSON Lines validate against the schema, and the planted cases show up. */
class PricingMigrationDemoTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void demoWritesLinesThatValidateAndFindsThePlantedEdgeCases(@TempDir Path output) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        boolean ok = PricingMigrationDemo.run(6_000, output,
                java.time.Duration.ofSeconds(30), // no timeouts on a loaded CI machine: every planted case is compared
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        String text = printed.toString(StandardCharsets.UTF_8);

        assertThat(ok).as(text).isTrue();
        assertThat(text).contains("experiment pricing-v2").contains("readiness").contains("parallelrun.experiment.runs");

        JsonSchema schema;
        try (InputStream in = JsonLinesPublisher.class.getResourceAsStream("schema-1.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(MAPPER.readTree(in));
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
            if (line.path("type").asText().equals("result") && line.path("experiment").asText().equals("pricing-v2")) {
                JsonNode candidate = line.path("candidates").get(0);
                if (candidate.path("outcome").asText().equals("MISMATCH")) {
                    String signature = candidate.path("signature").asText();
                    bySignature.merge(signature, 1, Integer::sum);
                    List<String> paths = new ArrayList<>();
                    candidate.path("differences").forEach(d -> paths.add(d.path("op").asText() + " " + d.path("path").asText()));
                    pathsBySignature.put(signature, String.join(", ", paths.stream().sorted().toList()));
                }
            }
        }
        assertThat(pathsBySignature.values())
                .containsExactlyInAnyOrder("replace /discount, replace /total", "remove /discount");
        Map<String, Integer> byPaths = new HashMap<>();
        bySignature.forEach((signature, count) -> byPaths.put(pathsBySignature.get(signature), count));
        assertThat(byPaths.get("replace /discount, replace /total")).isEqualTo(printedCount(text, "zero-decimal currency"));
        assertThat(byPaths.get("remove /discount")).isEqualTo(printedCount(text, "empty cart"));
    }

    private static int printedCount(String text, String label) {
        Matcher matcher = Pattern.compile(Pattern.quote(label) + "[^:]*:\\s+([\\d,]+)").matcher(text);
        assertThat(matcher.find()).as("'%s' in%n%s", label, text).isTrue();
        return Integer.parseInt(matcher.group(1).replace(",", ""));
    }
}
