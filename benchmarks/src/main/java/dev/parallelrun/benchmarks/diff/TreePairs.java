package dev.parallelrun.benchmarks.diff;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.SplittableRandom;

/** The pairs of trees the differ benchmarks compare; deterministic, so every run compares the same trees. */
public final class TreePairs {

    /** Ten fields, two of them changed. */
    public static final String SMALL = "small";
    /** An order of about 1 KB: one value changed deep inside, one field added, one removed. */
    public static final String ONE_KB = "1kb";
    /** 110 such orders, about 100 KB: five changes scattered through them. */
    public static final String HUNDRED_KB = "100kb";
    /** An array of 1,000 small objects and the same array with one more in the middle. */
    public static final String ARRAY_1000 = "array1000";

    /** Every shape, in the order of the benchmark's parameter. */
    public static final List<String> SHAPES = List.of(SMALL, ONE_KB, HUNDRED_KB, ARRAY_1000);

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] CURRENCIES = {"EUR", "USD", "GBP", "CHF"};

    private TreePairs() {}

    /** The pair named {@code shape}, one of {@link #SHAPES}. */
    public static TreePair of(String shape) {
        return switch (shape) {
            case SMALL -> small();
            case ONE_KB -> oneKb();
            case HUNDRED_KB -> hundredKb();
            case ARRAY_1000 -> array1000();
            default -> throw new IllegalArgumentException("unknown shape '" + shape + "', expected one of " + SHAPES);
        };
    }

    private static TreePair small() {
        ObjectNode control = NODES.objectNode();
        control.put("id", "o-1001");
        control.put("customer", "c-42");
        control.put("currency", "EUR");
        control.put("subtotal", 12_345);
        control.put("discount", 500);
        control.put("tax", 2_250);
        control.put("total", 14_095);
        control.put("paid", true);
        control.putNull("note");
        control.put("quotedAt", "2026-03-01T10:15:30Z");
        ObjectNode candidate = control.deepCopy();
        candidate.put("total", 14_096);
        candidate.put("quotedAt", "2026-03-01T10:15:31Z");
        return new TreePair(SMALL, control, candidate, "replace /total, replace /quotedAt");
    }

    private static TreePair oneKb() {
        ObjectNode control = order(new SplittableRandom(7), 1);
        ObjectNode candidate = control.deepCopy();
        ((ObjectNode) candidate.withArray("/items").get(2)).put("unitCents", 1_999);
        candidate.put("channel", "web");
        candidate.remove("note");
        return new TreePair(ONE_KB, control, candidate, "replace /items/2/unitCents, add /channel, remove /note");
    }

    private static TreePair hundredKb() {
        SplittableRandom random = new SplittableRandom(11);
        ObjectNode control = NODES.objectNode();
        ArrayNode orders = control.putArray("orders");
        for (int i = 0; i < 110; i++) {
            orders.add(order(random, i));
        }
        ObjectNode candidate = control.deepCopy();
        ArrayNode changed = candidate.withArray("/orders");
        ((ObjectNode) changed.get(3)).put("totalCents", 1);
        ((ObjectNode) changed.get(40).get("items").get(1)).put("quantity", 9);
        ((ObjectNode) changed.get(77)).put("channel", "web");
        ((ObjectNode) changed.get(90).get("customer")).remove("email");
        ((ObjectNode) changed.get(99)).put("currency", "CHF");
        return new TreePair(
                HUNDRED_KB,
                control,
                candidate,
                "replace /orders/3/totalCents,"
                        + " replace /orders/40/items/1/quantity, add /orders/77/channel, remove /orders/90/customer/email,"
                        + " replace /orders/99/currency");
    }

    private static TreePair array1000() {
        ArrayNode control = NODES.arrayNode();
        for (int i = 0; i < 1_000; i++) {
            control.add(NODES.objectNode()
                    .put("id", i)
                    .put("sku", "sku-" + (7_919 * i % 10_000))
                    .put("quantity", 1 + i % 5));
        }
        ArrayNode candidate = control.deepCopy();
        candidate.insert(
                500, NODES.objectNode().put("id", 5_000).put("sku", "sku-new").put("quantity", 1));
        return new TreePair(ARRAY_1000, control, candidate, "add /500");
    }

    /** An order of about 1 KB as JSON text. */
    private static ObjectNode order(SplittableRandom random, int index) {
        ObjectNode order = NODES.objectNode();
        order.put("id", "o-" + (10_000 + index));
        order.put("currency", CURRENCIES[random.nextInt(3)]);
        ObjectNode customer = order.putObject("customer");
        customer.put("id", "c-" + random.nextInt(5_000));
        customer.put("name", "Customer " + random.nextInt(5_000));
        customer.put("email", "customer" + random.nextInt(5_000) + "@example.com");
        customer.put("phone", "+31 10 " + (1_000_000 + random.nextInt(9_000_000)));
        customer.put("tier", random.nextBoolean() ? "gold" : "standard");
        ObjectNode shipTo = order.putObject("shipTo");
        shipTo.put("street", random.nextInt(200) + " Harbour Street");
        shipTo.put("city", "Rotterdam");
        shipTo.put("postcode", String.valueOf(1_000 + random.nextInt(9_000)));
        shipTo.put("country", "NL");
        ArrayNode items = order.putArray("items");
        for (int i = 0; i < 5; i++) {
            ObjectNode item = items.addObject();
            item.put("sku", "sku-" + random.nextInt(10_000));
            item.put("name", "Article number " + random.nextInt(10_000));
            item.put("quantity", 1 + random.nextInt(5));
            item.put("unitCents", 199 + random.nextInt(19_800));
            item.put("currency", CURRENCIES[random.nextInt(CURRENCIES.length)]);
        }
        ArrayNode discounts = order.putArray("discounts");
        discounts.addObject().put("kind", "percent").put("basisPoints", 500);
        order.put("subtotalCents", random.nextInt(100_000));
        order.put("discountCents", random.nextInt(5_000));
        order.put("taxCents", random.nextInt(20_000));
        order.put("totalCents", random.nextInt(120_000));
        order.put("paid", random.nextBoolean());
        order.put("note", "leave at the door");
        order.put("quotedAt", "2026-03-01T10:15:30Z");
        return order;
    }
}
