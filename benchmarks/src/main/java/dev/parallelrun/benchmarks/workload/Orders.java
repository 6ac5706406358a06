package dev.parallelrun.benchmarks.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Deterministic sample orders: the same seed gives the same orders on every run and machine. */
public final class Orders {

    private static final Currency[] CURRENCIES = Currency.values();
    private static final int[] TAX_BASIS_POINTS = {0, 810, 1900, 2000, 2100};

    private Orders() {}

    /**
     * {@code count} orders of 2 to 5 lines, about half of them with lines in a currency other than the
     * order's, and 0 to 2 discounts each.
     */
    public static Order[] sample(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Order[] orders = new Order[count];
        for (int i = 0; i < count; i++) {
            Currency currency = CURRENCIES[random.nextInt(3)];
            int lines = 2 + random.nextInt(4);
            Currency foreign = CURRENCIES[random.nextInt(CURRENCIES.length)];
            List<LineItem> items = new ArrayList<>(lines);
            for (int line = 0; line < lines; line++) {
                Currency listed = random.nextInt(2) == 0 ? currency : foreign;
                items.add(new LineItem(
                        "sku-" + random.nextInt(10_000), 1 + random.nextInt(5), 199 + random.nextInt(19_800), listed));
            }
            List<Discount> discounts = new ArrayList<>(2);
            int discountCount = random.nextInt(3);
            for (int d = 0; d < discountCount; d++) {
                discounts.add(
                        random.nextBoolean()
                                ? Discount.percent(500 + 250 * random.nextInt(7))
                                : Discount.fixed(
                                        500 + 100 * random.nextInt(20), CURRENCIES[random.nextInt(CURRENCIES.length)]));
            }
            orders[i] = new Order(
                    "o-" + (1000 + i),
                    "c-" + random.nextInt(500),
                    currency,
                    TAX_BASIS_POINTS[random.nextInt(TAX_BASIS_POINTS.length)],
                    items,
                    discounts);
        }
        return orders;
    }
}
