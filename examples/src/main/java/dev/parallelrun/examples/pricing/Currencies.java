package dev.parallelrun.examples.pricing;

import java.util.Currency;

/** How many decimals a currency's amounts have (0 for JPY, 2 for EUR...). */
final class Currencies {

    private Currencies() {}

    static int decimals(String code) {
        return Math.max(0, Currency.getInstance(code).getDefaultFractionDigits());
    }
}
