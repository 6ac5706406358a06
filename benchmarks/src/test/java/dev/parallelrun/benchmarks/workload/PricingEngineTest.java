package dev.parallelrun.benchmarks.workload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PricingEngineTest {

    private final Order[] orders = Orders.sample(256, 20_260_301L);

    @Test
    void rewrittenAndSlowEnginesPriceEveryOrderAsTheControlDoes() {
        for (Order order : orders) {
            Price control = PricingEngine.legacy().price(order);
            assertThat(PricingEngine.rewritten().price(order)).as(order.id()).isEqualTo(control);
            assertThat(PricingEngine.slow().price(order)).as(order.id()).isEqualTo(control);
        }
    }

    @Test
    void perCurrencyRoundingIsACentOrSoOffOnSomeOrdersButNotMost() {
        int differing = 0;
        for (Order order : orders) {
            Price control = PricingEngine.legacy().price(order);
            Price candidate = PricingEngine.perCurrencyRounding().price(order);
            if (!candidate.equals(control)) {
                differing++;
                assertThat(Math.abs(candidate.totalCents() - control.totalCents()))
                        .as(order.id())
                        .isLessThanOrEqualTo(5);
            }
        }
        assertThat(differing).isBetween(orders.length / 20, orders.length / 2);
    }

    @Test
    void totalsAddUp() {
        for (Order order : orders) {
            Price price = PricingEngine.legacy().price(order);
            assertThat(price.totalCents()).isEqualTo(price.subtotalCents() - price.discountCents() + price.taxCents());
            assertThat(price.discountCents()).isBetween(0L, price.subtotalCents());
        }
    }

    @Test
    void sameSeedGivesSameOrders() {
        assertThat(Orders.sample(16, 1)).containsExactly(Orders.sample(16, 1));
    }
}
