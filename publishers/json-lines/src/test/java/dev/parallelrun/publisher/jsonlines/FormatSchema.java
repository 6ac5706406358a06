package dev.parallelrun.publisher.jsonlines;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/** The format's JSON schema, {@code schema-2.json}, and what the schema tests do with it. */
final class FormatSchema {

    private FormatSchema() {}

    /** The whole schema, read from the class path. */
    static JsonNode tree() throws IOException {
        try (InputStream in = JsonLinesPublisher.class.getResourceAsStream("schema-2.json")) {
            assertThat(in).as("schema-2.json on the class path").isNotNull();
            return Lines.MAPPER.readTree(in);
        }
    }

    /** The schema, ready to validate lines. */
    static JsonSchema load() throws IOException {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(tree());
    }

    /** Its {@code $defs}. */
    static JsonNode definitions() throws IOException {
        return tree().get("$defs");
    }

    /** The texts of a schema's {@code enum} array. */
    static String[] names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.asText()));
        return names.toArray(String[]::new);
    }

    static String[] names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toArray(String[]::new);
    }

    /** A copy of {@code line} with {@code change} made to it. */
    static JsonNode with(JsonNode line, Consumer<ObjectNode> change) {
        ObjectNode copy = line.deepCopy();
        change.accept(copy);
        return copy;
    }
}
