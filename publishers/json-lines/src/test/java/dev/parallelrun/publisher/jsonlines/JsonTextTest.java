package dev.parallelrun.publisher.jsonlines;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parallelrun.experiment.CandidateResult;
import dev.parallelrun.experiment.Diff;
import dev.parallelrun.experiment.Difference;
import dev.parallelrun.experiment.Operation;
import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.experiment.Result;
import dev.parallelrun.publisher.contract.SampleResults;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Values that are JSON text go in raw; anything else cannot break the line. */
class JsonTextTest {

    private final JsonText json = new JsonText(new JsonFactory());

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "null",
                "true",
                "0",
                "-1.5e10",
                "\"text\"",
                "[]",
                "{}",
                "{\"a\":[1,{\"b\":null}]}",
                " {\"padded\":1} ",
                "\"Zoë 🍕 \\u0000 \\n\""
            })
    void validSingleLineJsonIsEmbeddedRaw(String text) {
        assertThat(json.classify(text)).isEqualTo(JsonText.Kind.RAW);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\n  \"pretty\": true\n}", "[1,\r\n2]", "\"\uD800\"", "{\"\uDC00\":1}"})
    void validJsonWithLineBreaksOrUnpairedSurrogatesIsReencoded(String text) {
        assertThat(json.classify(text)).isEqualTo(JsonText.Kind.REENCODE);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "{",
                "}",
                "[1,]",
                "{\"a\":}",
                "tru",
                "1 2",
                "{} {}",
                "[1]x",
                "'single'",
                "NaN",
                "01",
                "\"unterminated",
                "\"raw\ncontrol\"",
                "\"tab\there\"",
                "{a:1}",
                "/* c */ 1",
                "not json at all",
                "\"a\" // comment"
            })
    void anythingButOneJsonValueIsWrittenAsAString(String text) {
        assertThat(json.classify(text)).isEqualTo(JsonText.Kind.NOT_JSON);
    }

    @Test
    void tooDeeplyNestedJsonIsWrittenAsAString() {
        String deep = "[".repeat(5_000) + "]".repeat(5_000);

        assertThat(json.classify(deep)).isEqualTo(JsonText.Kind.NOT_JSON);
    }

    @Test
    void differenceValuesThatAreNotJsonAreWrittenAsStrings() {
        JsonNode difference =
                publishDifference("{ not json", "tru").get("differences").get(0);

        assertThat(difference.get("value").asText()).isEqualTo("{ not json");
        assertThat(difference.get("previous").asText()).isEqualTo("tru");
    }

    @Test
    void prettyPrintedValuesAreWrittenOnOneLine() {
        JsonNode difference = publishDifference("{\n  \"a\": [1,\n 2]\n}", "[\r\n]")
                .get("differences")
                .get(0);

        assertThat(difference.get("value")).isEqualTo(Lines.tree("{\"a\":[1,2]}"));
        assertThat(difference.get("previous")).isEqualTo(Lines.tree("[]"));
        assertThat(Lines.texts(directory)).hasSize(1);
    }

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 25);
    }

    /** Random JSON documents, compact or pretty: each comes back as the same tree. */
    @ParameterizedTest
    @MethodSource("seeds")
    void randomJsonComesBackAsTheSameTree(long seed) throws Exception {
        Random random = new Random(seed);
        JsonNode value = randomTree(random, 0);
        JsonNode previous = randomTree(random, 0);
        String valueText = random.nextBoolean() ? value.toString() : value.toPrettyString();
        String previousText = random.nextBoolean() ? previous.toString() : previous.toPrettyString();

        JsonNode difference =
                publishDifference(valueText, previousText).get("differences").get(0);

        assertThat(difference.get("value")).as("seed %d", seed).isEqualTo(value);
        assertThat(difference.get("previous")).as("seed %d", seed).isEqualTo(previous);
    }

    /** Random text, mostly not JSON: the line always parses, and the text comes back as itself or its tree. */
    @ParameterizedTest
    @MethodSource("seeds")
    void randomTextNeverBreaksTheLine(long seed) {
        Random random = new Random(seed);
        String text = randomText(random);

        JsonNode value = publishDifference(text, "1").get("differences").get(0).get("value");

        if (json.classify(text) == JsonText.Kind.NOT_JSON) {
            assertThat(value.asText()).as("seed %d", seed).isEqualTo(text);
        } else {
            assertThat(value).as("seed %d", seed).isEqualTo(Lines.tree(text));
        }
        assertThat(Lines.texts(directory)).as("seed %d", seed).hasSize(1);
    }

    private JsonNode publishDifference(String value, String previous) {
        Result<Object> base = SampleResults.mismatch();
        Diff diff = new Diff(
                List.of(new Difference(Operation.REPLACE, "/x", value, previous, null)),
                1,
                "0011223344556677",
                true,
                null);
        Result<Object> result = new Result<>(
                base.experiment(),
                base.call(),
                base.context(),
                base.startedAt(),
                base.control(),
                List.of(new CandidateResult<>(
                        "candidate", Outcome.MISMATCH, base.candidates().get(0).run(), diff, null, null, null)),
                null,
                null,
                false);
        try (JsonLinesPublisher publisher = JsonLinesPublisher.to(directory)) {
            publisher.publish(result);
        }
        List<JsonNode> lines = Lines.read(directory);
        assertThat(lines).hasSize(1);
        return lines.get(0).get("candidates").get(0);
    }

    private static JsonNode randomTree(Random random, int depth) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        int kind = depth > 3 ? random.nextInt(5) : random.nextInt(7);
        return switch (kind) {
            case 0 -> nodes.nullNode();
            case 1 -> nodes.booleanNode(random.nextBoolean());
            case 2 -> nodes.numberNode(random.nextLong());
            case 3 -> nodes.numberNode(random.nextInt(1_000_000) / 1000.0);
            case 4 -> nodes.textNode(randomString(random));
            case 5 -> {
                ArrayNode array = nodes.arrayNode();
                for (int i = random.nextInt(5); i > 0; i--) {
                    array.add(randomTree(random, depth + 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = nodes.objectNode();
                for (int i = random.nextInt(5); i > 0; i--) {
                    object.set(randomString(random), randomTree(random, depth + 1));
                }
                yield object;
            }
        };
    }

    private static final String ALPHABET = "ab Z09\"\\/\n\r\t\u0000\u001f\u007fé名🍕\u2028{}[],:";

    private static String randomString(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            text.appendCodePoint(ALPHABET.codePointAt(
                    ALPHABET.offsetByCodePoints(0, random.nextInt(ALPHABET.codePointCount(0, ALPHABET.length())))));
        }
        return text.toString();
    }

    /** Fragments of JSON and of not-JSON glued together, with the odd unpaired surrogate. */
    private static String randomText(Random random) {
        String[] fragments = {
            "{", "}", "[", "]", "\"", ":", ",", "1", "-", "e", "true", "null", " ", "\n", "\\", "\\u00", "\uD800",
            "\uDC00", "é", "🍕", "a", "\u0001"
        };
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(20); i > 0; i--) {
            text.append(fragments[random.nextInt(fragments.length)]);
        }
        return text.toString();
    }
}
