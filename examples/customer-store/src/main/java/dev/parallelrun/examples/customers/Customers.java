package dev.parallelrun.examples.customers;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** Reproducible customers: two-part names, emails, tiers, and addresses in the countries both stores know. */
final class Customers {

    private static final List<String> FIRST = List.of(
            "Ada",
            "Grace",
            "Alan",
            "Barbara",
            "Edsger",
            "Frances",
            "Ken",
            "Margaret",
            "Linus",
            "Radia",
            "Tim",
            "Hedy",
            "Niklaus",
            "Sophie",
            "John",
            "Katherine");
    private static final List<String> LAST = List.of(
            "Lovelace",
            "Hopper",
            "Turing",
            "Liskov",
            "Dijkstra",
            "Allen",
            "Thompson",
            "Hamilton",
            "Torvalds",
            "Perlman",
            "Berners-Lee",
            "Lamarr",
            "Wirth",
            "Wilson",
            "Backus",
            "Johnson");
    private static final List<String[]> PLACES = List.of(
            new String[] {"Berlin", "Germany"},
            new String[] {"Lyon", "France"},
            new String[] {"Utrecht", "Netherlands"},
            new String[] {"Sevilla", "Spain"},
            new String[] {"Bologna", "Italy"},
            new String[] {"Porto", "Portugal"},
            new String[] {"Reykjavik", "Iceland"},
            new String[] {"Cork", "Ireland"});
    private static final List<String> TIERS = List.of("bronze", "silver", "gold");

    private Customers() {}

    static Customer make(long id, SplittableRandom random) {
        String first = FIRST.get(random.nextInt(FIRST.size()));
        String last = LAST.get(random.nextInt(LAST.size()));
        String[] place = PLACES.get(random.nextInt(PLACES.size()));
        return new Customer(
                id,
                first + " " + last,
                email(first, last, id),
                TIERS.get(random.nextInt(TIERS.size())),
                new Customer.Address(
                        (1 + random.nextInt(200)) + " Main Street",
                        place[0],
                        String.format(Locale.ROOT, "%05d", random.nextInt(100_000)),
                        place[1]));
    }

    static String email(String first, String last, long id) {
        return (first + "." + last).toLowerCase(Locale.ROOT) + id + "@example.com";
    }

    static String tier(SplittableRandom random) {
        return TIERS.get(random.nextInt(TIERS.size()));
    }
}
