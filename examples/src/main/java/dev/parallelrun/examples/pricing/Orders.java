package dev.parallelrun.examples.pricing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/** A reproducible stream of realistic orders: mostly EUR and USD, some JPY and KRW, a few empty carts. */
final class Orders {

    private static final String[] CURRENCIES = {"EUR", "EUR", "EUR", "USD", "USD", "GBP", "CHF", "JPY", "KRW"};
    private static final String[] SKUS = {"kettle", "mug", "tea-earl-grey", "tea-sencha", "teapot", "strainer"};
    private static final String[] NAMES = {
        "ana.silva", "li.wei", "john.smith", "fatima.khan", "kenji.sato", "marie.dubois", "olu.adeyemi", "sofia.rossi"
    };

    private final SplittableRandom random;
    private int next;

    Orders(long seed) {
        this.random = new SplittableRandom(seed);
    }

    Order next() {
        String id = "order-" + next++;
        int customerNumber = random.nextInt(5_000);
        String customer = "customer-" + customerNumber;
        String currency = CURRENCIES[random.nextInt(CURRENCIES.length)];
        boolean zeroDecimals = Currencies.decimals(currency) == 0;
        List<Order.Line> lines = new ArrayList<>();
        int count = random.nextInt(50) == 0 ? 0 : 1 + random.nextInt(4); // 2% of carts were just emptied
        for (int i = 0; i < count; i++) {
            BigDecimal unit = zeroDecimals
                    ? BigDecimal.valueOf(300 + random.nextInt(20_000))
                    : BigDecimal.valueOf(199 + random.nextInt(9_800), 2);
            lines.add(new Order.Line(SKUS[random.nextInt(SKUS.length)], 1 + random.nextInt(3), unit));
        }
        @Nullable
        BigDecimal coupon = random.nextInt(4) == 0
                ? BigDecimal.valueOf(5 + 5 * random.nextInt(4))
                        .add(BigDecimal.valueOf(random.nextInt(2) == 0 ? 0 : 5, 1))
                : null;
        return new Order(id, customer, email(customerNumber), currency, lines, coupon);
    }

    /** The customer's e-mail address, made from the number alone, so the orders are the same as without it. */
    static String email(int customerNumber) {
        return NAMES[customerNumber % NAMES.length] + customerNumber + "@mail.example";
    }
}
