package dev.parallelrun.publisher.jsonlines;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads a publisher's directory back the way a strict reader would. */
final class Lines {

    static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Lines() {}

    /** The {@code .jsonl} files of {@code directory}, by name (so by sequence within one publisher). */
    static List<Path> files(Path directory) {
        try (Stream<Path> listing = Files.list(directory)) {
            return listing.filter(p -> p.getFileName().toString().endsWith(".jsonl"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the {@code .jsonl} files of {@code directory}, for a test that publishes more than once. */
    static void clear(Path directory) {
        try {
            for (Path file : files(directory)) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every line of every file, as text: checks that each file is strict UTF-8 and ends with {@code \n}, so
     * that it holds whole lines only.
     */
    static List<String> texts(Path directory) {
        List<String> lines = new ArrayList<>();
        for (Path file : files(directory)) {
            String content = strictUtf8(file);
            if (content.isEmpty()) {
                continue;
            }
            assertThat(content)
                    .as("%s ends with a whole line", file.getFileName())
                    .endsWith("\n");
            for (String line : content.substring(0, content.length() - 1).split("\n", -1)) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** Every line of every file, parsed; each must be exactly one JSON object. */
    static List<JsonNode> read(Path directory) {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : texts(directory)) {
            nodes.add(parse(line));
        }
        return nodes;
    }

    static List<JsonNode> results(Path directory) {
        return read(directory).stream()
                .filter(n -> n.path("type").asText().equals("result"))
                .toList();
    }

    static List<JsonNode> summaries(Path directory) {
        return read(directory).stream()
                .filter(n -> n.path("type").asText().equals("summary"))
                .toList();
    }

    static JsonNode parse(String line) {
        try {
            JsonNode node = MAPPER.readTree(line);
            assertThat(node).as("line %s", abbreviate(line)).isNotNull();
            assertThat(node.isObject())
                    .as("line is an object: %s", abbreviate(line))
                    .isTrue();
            return node;
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + abbreviate(line), e);
        }
    }

    static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String strictUtf8(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError(file + " is not valid UTF-8", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String abbreviate(String line) {
        return line.length() <= 500 ? line : line.substring(0, 500) + "...(" + line.length() + " chars)";
    }
}
