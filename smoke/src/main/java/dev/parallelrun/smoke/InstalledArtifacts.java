package dev.parallelrun.smoke;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

/**
 * What {@code mvn install} must have put into the local repository: the BOM, and for every published artifact
 * its jar (with its stable module name in the manifest), its sources jar and its javadoc jar. Arguments: the
 * local repository and the version. Exits non-zero, naming every problem, when something is missing.
 */
public final class InstalledArtifacts {

    /** The published artifacts and the Automatic-Module-Name each jar must carry. */
    private static final Map<String, String> MODULE_NAMES = Map.ofEntries(
            Map.entry("experiment-api", "dev.parallelrun.experiment"),
            Map.entry("experiment-runtime", "dev.parallelrun.runtime"),
            Map.entry("publisher-micrometer", "dev.parallelrun.publisher.micrometer"),
            Map.entry("publisher-opentelemetry", "dev.parallelrun.publisher.opentelemetry"),
            Map.entry("publisher-json-lines", "dev.parallelrun.publisher.jsonlines"),
            Map.entry("publisher-contract", "dev.parallelrun.publisher.contract"),
            Map.entry("report", "dev.parallelrun.report"),
            Map.entry("parallel-run-junit", "dev.parallelrun.junit"),
            Map.entry("parallel-run-openfeature", "dev.parallelrun.openfeature"),
            Map.entry("parallel-run-spring-boot-autoconfigure", "dev.parallelrun.spring.boot.autoconfigure"),
            Map.entry("parallel-run-spring-boot-starter", "dev.parallelrun.spring.boot.starter"));

    private InstalledArtifacts() {}

    public static void main(String[] args) throws IOException {
        Path group = Path.of(args[0], "dev", "parallelrun");
        String version = args[1];
        List<String> problems = new ArrayList<>();

        Path bom = group.resolve(Path.of("parallel-run-bom", version, "parallel-run-bom-" + version + ".pom"));
        if (!Files.isRegularFile(bom)) {
            problems.add("missing " + bom);
        }
        for (Map.Entry<String, String> artifact : MODULE_NAMES.entrySet()) {
            String base = artifact.getKey() + "-" + version;
            Path dir = group.resolve(Path.of(artifact.getKey(), version));
            for (String suffix : List.of("-sources.jar", "-javadoc.jar")) {
                if (!Files.isRegularFile(dir.resolve(base + suffix))) {
                    problems.add("missing " + dir.resolve(base + suffix));
                }
            }
            Path jar = dir.resolve(base + ".jar");
            if (!Files.isRegularFile(jar)) {
                problems.add("missing " + jar);
                continue;
            }
            try (JarFile file = new JarFile(jar.toFile())) {
                String name = file.getManifest() == null
                        ? null : file.getManifest().getMainAttributes().getValue("Automatic-Module-Name");
                if (!artifact.getValue().equals(name)) {
                    problems.add(jar.getFileName() + ": Automatic-Module-Name is " + name + ", expected "
                            + artifact.getValue());
                }
            }
        }

        if (!problems.isEmpty()) {
            problems.forEach(problem -> System.err.println("smoke: " + problem));
            System.exit(1);
        }
        System.out.println("smoke: the BOM and " + MODULE_NAMES.size()
                + " artifacts are installed, each with sources, javadoc and its module name");
    }
}
