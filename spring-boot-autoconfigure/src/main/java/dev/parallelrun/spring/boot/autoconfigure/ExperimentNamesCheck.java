package dev.parallelrun.spring.boot.autoconfigure;

import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.Laboratory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Once the application is ready, warns about each {@code parallelrun.experiments.<name>} that no experiment of the
 * laboratory is called: most often a typo, or a name Boot changed because it was not written in brackets.
 */
final class ExperimentNamesCheck implements ApplicationListener<ApplicationReadyEvent> {

    private static final Log LOG = LogFactory.getLog(ExperimentNamesCheck.class);

    private final ObjectProvider<ParallelRunProperties> properties;
    private final ObjectProvider<Laboratory> laboratories;

    ExperimentNamesCheck(ObjectProvider<ParallelRunProperties> properties, ObjectProvider<Laboratory> laboratories) {
        this.properties = properties;
        this.laboratories = laboratories;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        ParallelRunProperties configured = properties.getIfUnique();
        Laboratory laboratory = laboratories.getIfUnique();
        if (configured == null || laboratory == null) {
            return;
        }
        Set<String> built = built(laboratory);
        String names = built.isEmpty() ? "none" : String.join(", ", built);
        for (String name : unmatched(configured, laboratory)) {
            LOG.warn(ParallelRunProperties.PREFIX + ".experiments." + name + " is set, but the application has built"
                    + " no experiment of that name yet (experiments: " + names + "). Check the name; write a name"
                    + " with '.', '_', ':' or capitals in brackets: " + ParallelRunProperties.PREFIX + ".experiments["
                    + name + "]");
        }
    }

    /** The names in properties that no experiment of {@code laboratory} has, sorted. */
    static List<String> unmatched(ParallelRunProperties configured, Laboratory laboratory) {
        Set<String> names = new TreeSet<>(configured.getExperiments().keySet());
        names.removeAll(built(laboratory));
        return new ArrayList<>(names);
    }

    private static Set<String> built(Laboratory laboratory) {
        Set<String> names = new TreeSet<>();
        for (Experiment<?> experiment : laboratory.experiments()) {
            names.add(experiment.name());
        }
        return names;
    }
}
