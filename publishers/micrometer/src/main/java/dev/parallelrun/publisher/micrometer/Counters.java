package dev.parallelrun.publisher.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/** Sets of counters made all at once, so each exists at zero before its first increment. */
final class Counters {

    private Counters() {}

    /**
     * One counter {@code name} per value of an enum, tagged with {@code tags} and {@code tag} = the value's name,
     * indexed by ordinal. A rate over a series that does not exist yet is "no data", not 0: hence all of them now.
     */
    static <E extends Enum<E>> Counter[] perValue(
            MeterRegistry registry, String name, String description, Tags tags, String tag, E[] values) {
        Counter[] counters = new Counter[values.length];
        for (E value : values) {
            counters[value.ordinal()] = Counter.builder(name)
                    .description(description)
                    .tags(tags)
                    .tag(tag, value.name())
                    .register(registry);
        }
        return counters;
    }
}
