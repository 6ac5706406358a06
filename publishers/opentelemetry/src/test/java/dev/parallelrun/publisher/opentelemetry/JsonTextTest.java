package dev.parallelrun.publisher.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTextTest {

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    static LongStream seeds() {
        long base = Long.getLong("seed", System.nanoTime());
        return LongStream.range(0, 10).map(i -> base + i);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "null",
                "true",
                "false",
                "0",
                "-0.5e+3",
                "1E9",
                "\"\"",
                "\"a\\u00e9\\n\"",
                "[]",
                "{}",
                " [1, {\"a\": [null, \"b\"]}] ",
                "{\"名前\":\"Zoë 🍕\"}"
            })
    void acceptsJsonValues(String text) {
        assertThat(JsonText.isValue(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "01",
                "1.",
                ".5",
                "-",
                "+1",
                "tru",
                "nul",
                "[1,]",
                "{\"a\"}",
                "{\"a\":1,}",
                "[1 2]",
                "\"unterminated",
                "\"bad \\x escape\"",
                "\"raw \n newline\"",
                "{a:1}",
                "'single'",
                "1 2",
                "NaN",
                "[",
                "{not json"
            })
    void refusesWhatIsNotOneJsonValue(String text) {
        assertThat(JsonText.isValue(text)).isFalse();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void quotedRandomTextReadsBackAsTheSameString(long seed) throws Exception {
        Random random = new Random(seed);
        for (int i = 0; i < 200; i++) {
            String text = randomText(random);
            StringBuilder quoted = new StringBuilder();
            JsonText.quote(quoted, text);
            assertThat(STRICT.readTree(quoted.toString()).asText())
                    .as("seed %d: %s", seed, quoted)
                    .isEqualTo(text);
            assertThat(JsonText.isValue(quoted.toString())).as("seed %d", seed).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void agreesWithJacksonOnRandomTokenSoup(long seed) {
        Random random = new Random(seed);
        String[] tokens = {
            "{", "}", "[", "]", ",", ":", "\"a\"", "\"\\u12\"", "1", "-2.5e3", "01", "true", "null", " ", "\"", "x"
        };
        for (int i = 0; i < 500; i++) {
            StringBuilder soup = new StringBuilder();
            int length = 1 + random.nextInt(8);
            for (int t = 0; t < length; t++) {
                soup.append(tokens[random.nextInt(tokens.length)]);
            }
            String text = soup.toString();
            if (text.isBlank()) {
                continue; // Jackson reads blank input as "no content" rather than failing
            }
            boolean jackson;
            try {
                STRICT.readTree(text);
                jackson = true;
            } catch (Exception e) {
                jackson = false;
            }
            assertThat(JsonText.isValue(text)).as("seed %d: %s", seed, text).isEqualTo(jackson);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void headNeverSplitsASurrogatePair(int max) {
        String pizzas = "a🍕🍕";
        String head = JsonText.head(pizzas, max);
        assertThat(pizzas).startsWith(head);
        assertThat(head.isEmpty() || !Character.isHighSurrogate(head.charAt(head.length() - 1)))
                .isTrue();
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(20);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(5)) {
                case 0 -> text.append((char) random.nextInt(0x20)); // control characters
                case 1 -> text.append("\"\\/".charAt(random.nextInt(3)));
                case 2 -> text.appendCodePoint(0x1F300 + random.nextInt(0x100)); // a surrogate pair
                case 3 -> text.append((char) (0xA0 + random.nextInt(0x2000)));
                default -> text.append((char) ('a' + random.nextInt(26)));
            }
        }
        return text.toString();
    }
}
