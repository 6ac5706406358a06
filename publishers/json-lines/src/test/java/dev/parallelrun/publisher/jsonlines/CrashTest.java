package dev.parallelrun.publisher.jsonlines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parallelrun.experiment.Publisher;
import dev.parallelrun.publisher.contract.SampleResults;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM killed with SIGKILL while it publishes as fast as it can leaves whole lines, except that the last line of
 * the file being written may be torn: the kernel can stop a {@code write} of several pages between pages for a fatal
 * signal. Every other line of every file parses; a reader skips (and counts) the torn tail.
 */
class CrashTest {

    private static final int LINES_BEFORE_KILL = 2_000;

    @TempDir
    Path directory;

    @TempDir
    Path scratch;

    @RepeatedTest(3)
    void aKilledWriterLeavesOnlyWholeLines() throws Exception {
        Path stderr = scratch.resolve("writer-stderr.txt");
        Process child = new ProcessBuilder(
                        javaCommand(), "-cp", classPath(), CrashWriter.class.getName(), directory.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile())
                .start();
        try {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> {
                        if (!child.isAlive()) {
                            throw new AssertionError(
                                    "the writer exited with " + child.exitValue() + ": " + Files.readString(stderr));
                        }
                        return newlines(directory) >= LINES_BEFORE_KILL;
                    });
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS))
                    .as("killed writer exits")
                    .isTrue();
        }

        List<Path> files = Lines.files(directory);
        assertThat(files).hasSizeGreaterThan(1); // it was rotating too
        long whole = 0;
        for (int i = 0; i < files.size(); i++) {
            byte[] bytes = Files.readAllBytes(files.get(i));
            int end = bytes.length;
            while (end > 0 && bytes[end - 1] != '\n') {
                end--;
            }
            if (end < bytes.length) {
                assertThat(i)
                        .as(
                                "only the file written last may end in a torn line: %s",
                                files.get(i).getFileName())
                        .isEqualTo(files.size() - 1);
            }
            String content = new String(bytes, 0, end, StandardCharsets.UTF_8);
            for (String line : content.isEmpty()
                    ? new String[0]
                    : content.substring(0, content.length() - 1).split("\n", -1)) {
                JsonNode node = Lines.parse(line); // every whole line is one JSON object
                assertThat(node.get("schema").asInt()).isEqualTo(2);
                assertThat(node.get("type").asText()).isEqualTo("result");
                whole++;
            }
        }
        assertThat(whole).isGreaterThanOrEqualTo(LINES_BEFORE_KILL - 1);
    }

    private static long newlines(Path directory) throws IOException {
        long count = 0;
        for (Path file : Lines.files(directory)) {
            for (byte b : Files.readAllBytes(file)) {
                if (b == '\n') {
                    count++;
                }
            }
        }
        return count;
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElseThrow(() -> new AssertionError("no java command"));
    }

    /** Where the child's classes come from: this module's main and test classes and what they use. */
    private static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> type : List.of(
                CrashWriter.class,
                JsonLinesPublisher.class,
                Publisher.class,
                SampleResults.class,
                JsonFactory.class,
                Nullable.class)) {
            try {
                entries.add(Path.of(type.getProtectionDomain()
                                .getCodeSource()
                                .getLocation()
                                .toURI())
                        .toString());
            } catch (URISyntaxException e) {
                throw new UncheckedIOException(new IOException(e));
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
