package dev.parallelrun.junit;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.experiment.PublishedValue;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Reads JSON Lines files (the JSON Lines publisher's format) into the recorded calls one {@link MismatchSource}
 * replays: filtered, grouped by signature, a few distinct inputs per group, each deserialized to the test's types.
 * Every line it cannot use is kept as a {@link Problem}; lines of other experiments, summaries and other outcomes
 * are passed over. Lines past a group's examples are counted, not deserialized.
 */
final class MismatchReader {

    /** The schemas this reader knows: 1, and 2, which adds the captured input. */
    static final Set<Integer> SCHEMAS = Set.of(1, 2);

    static final String NO_INPUT = "no \"input\": the experiment did not record its calls' inputs (build it with"
            + " ExperimentBuilder.captureInputs(), so mismatches can be replayed)";

    // BigDecimal for every fraction, trailing zeros kept: a recorded 19.90 reaches the test as 19.90
    private static final ObjectMapper LINES = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    /** A line that cannot be replayed, and why. */
    record Problem(Path file, long line, String reason) {}

    /** One case to replay: the record, and the input and control value as the test's types. */
    record Case(
            RecordedMismatch recorded,
            @Nullable Object input,
            @Nullable Object control) {}

    /** What was read. */
    record Reading(
            List<Case> cases,
            List<Problem> problems,
            List<Problem> tornLines,
            int files,
            long resultLines,
            Map<String, Long> experiments,
            long selected) {}

    /**
     * What to replay and into which types.
     *
     * @param inputType the input parameter's type, or {@code null} when the test takes none
     * @param controlType the control parameter's type, or {@code null} when the test takes none
     */
    record Selection(
            String experiment,
            Set<String> signatures,
            Set<Outcome> outcomes,
            String candidate,
            int examples,
            ObjectMapper mapper,
            @Nullable JavaType inputType,
            @Nullable JavaType controlType) {}

    private final Selection selection;
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final List<Problem> problems = new ArrayList<>();
    private final List<Problem> tornLines = new ArrayList<>();
    private final Map<String, Long> experiments = new TreeMap<>();
    private long resultLines;
    private long selected;

    private MismatchReader(Selection selection) {
        this.selection = selection;
    }

    /** Reads {@code files} in order. */
    static Reading read(List<Path> files, Selection selection) throws IOException {
        MismatchReader reader = new MismatchReader(selection);
        for (Path file : files) {
            reader.readFile(file);
        }
        return reader.finish(files.size());
    }

    private void readFile(Path file) throws IOException {
        boolean endsWithNewline = endsWithNewline(file);
        // InputStreamReader replaces malformed UTF-8 rather than failing the whole file
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
            long number = 0;
            String next = in.readLine();
            while (next != null) {
                String text = next;
                next = in.readLine();
                number++;
                boolean torn = next == null && !endsWithNewline;
                readLine(file, number, text, torn);
            }
        }
    }

    private static boolean endsWithNewline(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            if (length == 0) {
                return true;
            }
            raf.seek(length - 1);
            return raf.read() == '\n';
        }
    }

    private void readLine(Path file, long number, String text, boolean torn) {
        if (text.isBlank()) {
            return;
        }
        JsonNode line;
        try {
            line = LINES.readTree(text);
        } catch (JsonProcessingException e) {
            if (torn) {
                tornLines.add(new Problem(
                        file,
                        number,
                        "the last line has no end of line and does not parse: a line"
                                + " still being written, or cut when its writer was killed"));
            } else {
                problems.add(new Problem(file, number, "not JSON: " + firstLine(e.getOriginalMessage())));
            }
            return;
        }
        if (!line.isObject()) {
            problems.add(new Problem(file, number, "not a JSON object"));
            return;
        }
        JsonNode schema = line.get("schema");
        if (schema == null || !schema.canConvertToInt() || !schema.isIntegralNumber()) {
            problems.add(new Problem(file, number, "no \"schema\" number"));
            return;
        }
        if (!SCHEMAS.contains(schema.intValue())) {
            problems.add(new Problem(
                    file,
                    number,
                    "schema " + schema.intValue() + ": this version reads schemas "
                            + new java.util.TreeSet<>(SCHEMAS)));
            return;
        }
        JsonNode type = line.get("type");
        if (type == null || !type.isTextual()) {
            problems.add(new Problem(file, number, "no \"type\""));
            return;
        }
        if (!type.textValue().equals("result")) {
            return; // summaries, and line types of later versions: nothing to replay
        }
        JsonNode experiment = line.get("experiment");
        if (experiment == null || !experiment.isTextual()) {
            problems.add(new Problem(file, number, "a result without \"experiment\""));
            return;
        }
        resultLines++;
        experiments.merge(experiment.textValue(), 1L, Long::sum);
        if (!experiment.textValue().equals(selection.experiment())) {
            return;
        }
        JsonNode control = line.get("control");
        JsonNode candidates = line.get("candidates");
        if (control == null || !control.isObject()) {
            problems.add(new Problem(file, number, "a result without a \"control\" object"));
            return;
        }
        if (candidates == null || !candidates.isArray()) {
            problems.add(new Problem(file, number, "a result without a \"candidates\" array"));
            return;
        }
        int index = 0;
        for (JsonNode candidate : candidates) {
            readCandidate(file, number, line, control, candidate, index++);
        }
    }

    private void readCandidate(Path file, long number, JsonNode line, JsonNode control, JsonNode candidate, int index) {
        JsonNode name = candidate.get("name");
        JsonNode outcomeNode = candidate.get("outcome");
        if (name == null || !name.isTextual() || outcomeNode == null || !outcomeNode.isTextual()) {
            problems.add(new Problem(file, number, "candidate " + index + " has no \"name\" or \"outcome\""));
            return;
        }
        Outcome outcome;
        try {
            outcome = Outcome.valueOf(outcomeNode.textValue());
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(
                    file,
                    number,
                    "candidate '" + name.textValue() + "': unknown outcome '" + outcomeNode.textValue() + "'"));
            return;
        }
        if (!selection.outcomes().contains(outcome)
                || (!selection.candidate().isEmpty() && !selection.candidate().equals(name.textValue()))) {
            return;
        }
        // as the report groups: the signature for mismatches, one group per outcome otherwise
        JsonNode signatureNode = candidate.get("signature");
        String signature = outcome == Outcome.MISMATCH && signatureNode != null && signatureNode.isTextual()
                ? signatureNode.textValue()
                : "";
        if (!selection.signatures().isEmpty() && !selection.signatures().contains(signature)) {
            return;
        }
        selected++;
        Group group = groups.computeIfAbsent(outcome.name() + ' ' + signature, k -> new Group());
        group.count++;
        if (group.examples.size() >= selection.examples()) {
            return;
        }
        JsonNode input = line.get("input");
        if (input == null) {
            problems.add(new Problem(file, number, NO_INPUT));
            return;
        }
        String inputJson = json(input);
        if (!group.seen.add(inputJson)) {
            return; // the same input again: replaying it twice proves nothing more
        }
        Case made =
                example(file, number, line, control, candidate, name.textValue(), outcome, signature, input, inputJson);
        if (made != null) {
            group.examples.add(made);
        }
    }

    private @Nullable Case example(
            Path file,
            long number,
            JsonNode line,
            JsonNode control,
            JsonNode candidate,
            String name,
            Outcome outcome,
            String signature,
            JsonNode input,
            String inputJson) {
        List<String> redacted = new ArrayList<>();
        redactedPaths(input, "", redacted);
        JsonNode inputTruncated = line.get("inputTruncated");
        if ((inputTruncated != null && inputTruncated.asBoolean(false))
                || (input.isTextual() && input.textValue().endsWith(PublishedValue.ELLIPSIS))) {
            problems.add(new Problem(
                    file,
                    number,
                    "the input was cut by the experiment's size cap (maxValueChars):" + " it cannot be replayed"));
            return null;
        }
        @Nullable Object inputValue = null;
        JavaType inputType = selection.inputType();
        if (inputType != null) {
            try {
                inputValue = selection.mapper().readerFor(inputType).readValue(inputJson);
            } catch (IOException | RuntimeException e) {
                problems.add(new Problem(
                        file,
                        number,
                        "the input does not deserialize to " + inputType.toCanonical() + ": " + describe(e)
                                + hint(input, inputType, redacted)));
                return null;
            }
        }
        JsonNode value = control.get("value");
        JsonNode exception = control.get("exception");
        String controlJson = value == null ? null : json(value);
        String controlException = exception == null ? null : exception(exception);
        @Nullable Object controlValue = null;
        JavaType controlType = selection.controlType();
        if (controlType != null) {
            if (value == null && exception == null) {
                problems.add(new Problem(file, number, "the control has neither \"value\" nor \"exception\""));
                return null;
            }
            if (value != null) {
                JsonNode truncated = control.get("valueTruncated");
                if (truncated != null && truncated.asBoolean(false)) {
                    problems.add(new Problem(
                            file,
                            number,
                            "the control's value was cut by the experiment's size cap"
                                    + " (maxValueChars): it cannot be handed to the test"));
                    return null;
                }
                try {
                    controlValue = selection.mapper().readerFor(controlType).readValue(controlJson);
                } catch (IOException | RuntimeException e) {
                    problems.add(new Problem(
                            file,
                            number,
                            "the control's value does not deserialize to " + controlType.toCanonical() + ": "
                                    + describe(e)));
                    return null;
                }
            }
        }
        RecordedMismatch recorded = new RecordedMismatch(
                selection.experiment(),
                name,
                outcome,
                signature,
                0,
                0,
                text(line.get("key")),
                context(line.get("context")),
                time(line.get("time")),
                file,
                number,
                inputJson,
                redacted,
                controlJson,
                controlException,
                differences(candidate.get("differences")));
        return new Case(recorded, inputValue, controlValue);
    }

    private Reading finish(int files) {
        List<Group> ordered = new ArrayList<>(groups.values());
        // the largest group first, as the report orders them; the sort is stable, so ties keep file order
        ordered.sort(Comparator.comparingLong((Group g) -> g.count).reversed());
        List<Case> cases = new ArrayList<>();
        for (Group group : ordered) {
            int example = 0;
            for (Case made : group.examples) {
                example++;
                cases.add(new Case(made.recorded().numbered(example, group.count), made.input(), made.control()));
            }
        }
        return new Reading(cases, problems, tornLines, files, resultLines, experiments, selected);
    }

    /** One signature group: its count, its examples, and the inputs already seen. */
    private static final class Group {
        long count;
        final List<Case> examples = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
    }

    private static String json(JsonNode node) {
        try {
            return LINES.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed tree always writes", e);
        }
    }

    private static @Nullable String text(@Nullable JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : null;
    }

    private static Map<String, String> context(@Nullable JsonNode node) {
        Map<String, String> context = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            node.properties()
                    .forEach(entry -> context.put(
                            entry.getKey(),
                            entry.getValue().isTextual() ? entry.getValue().textValue() : json(entry.getValue())));
        }
        return context;
    }

    private static @Nullable Instant time(@Nullable JsonNode node) {
        if (node == null || !node.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(node.textValue());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String exception(JsonNode node) {
        String className = node.path("class").asText("?");
        JsonNode message = node.get("message");
        return message == null || message.isNull() ? className : className + ": " + message.asText();
    }

    /** Each difference as {@code Difference.toString()} shows it. */
    private static List<String> differences(@Nullable JsonNode node) {
        List<String> differences = new ArrayList<>();
        if (node == null || !node.isArray()) {
            return differences;
        }
        for (JsonNode difference : node) {
            String op = difference.path("op").asText("?");
            String path = difference.path("path").asText("");
            String where = op + " " + (path.isEmpty() ? "(root)" : path);
            JsonNode value = difference.get("value");
            JsonNode previous = difference.get("previous");
            differences.add(
                    switch (op) {
                        case "add" -> where + " " + (value == null ? "" : json(value));
                        case "remove" -> where + " (was " + (previous == null ? "" : json(previous)) + ")";
                        default ->
                            where + " " + (previous == null ? "" : json(previous)) + " -> "
                                    + (value == null ? "" : json(value));
                    });
        }
        return differences;
    }

    private static void redactedPaths(JsonNode node, String pointer, List<String> found) {
        if (node.isTextual() && node.textValue().equals(PublishedValue.REDACTED)) {
            found.add(pointer);
        } else if (node.isObject()) {
            node.properties()
                    .forEach(entry -> redactedPaths(entry.getValue(), pointer + "/" + escape(entry.getKey()), found));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                redactedPaths(node.get(i), pointer + "/" + i, found);
            }
        }
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    /** Jackson's message without its source location, and where in the value it failed. */
    private static String describe(Exception e) {
        if (e instanceof JsonMappingException mapping) {
            StringBuilder pointer = new StringBuilder();
            for (JsonMappingException.Reference reference : mapping.getPath()) {
                pointer.append('/')
                        .append(
                                reference.getFieldName() != null
                                        ? escape(reference.getFieldName())
                                        : String.valueOf(reference.getIndex()));
            }
            String message = firstLine(mapping.getOriginalMessage());
            return pointer.isEmpty() ? message : message + " (at " + pointer + ")";
        }
        if (e instanceof JacksonException jackson) {
            return firstLine(jackson.getOriginalMessage());
        }
        return e.getClass().getName() + ": " + firstLine(e.getMessage());
    }

    private static String hint(JsonNode input, JavaType type, List<String> redacted) {
        if (!redacted.isEmpty()) {
            return "; the input is redacted at " + String.join(", ", redacted)
                    + " (the experiment's redactPaths): give those fields a type that takes the placeholder, or replay"
                    + " inputs recorded without them redacted";
        }
        if (input.isTextual() && !type.isTypeOrSuperTypeOf(String.class)) {
            return "; the input was published as a string (its toString(), when it could not be turned into JSON)";
        }
        return "";
    }

    private static String firstLine(@Nullable String message) {
        if (message == null) {
            return "(no message)";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
