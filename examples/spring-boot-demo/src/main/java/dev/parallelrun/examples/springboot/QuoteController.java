package dev.parallelrun.examples.springboot;

import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.Experiment;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code GET /quotes/{sku}?quantity=54}: answered by the legacy pricing, with the new engine run beside it. */
@RestController
public class QuoteController {

    private final Catalogue catalogue;
    private final LegacyPricing legacy;
    private final PricingEngine engine;
    private final Experiment<Quote> experiment;

    QuoteController(Catalogue catalogue, LegacyPricing legacy, PricingEngine engine, Experiment<Quote> experiment) {
        this.catalogue = catalogue;
        this.legacy = legacy;
        this.engine = engine;
        this.experiment = experiment;
    }

    @GetMapping("/quotes/{sku}")
    Quote quote(@PathVariable String sku, @RequestParam(defaultValue = "1") int quantity) {
        if (catalogue.unitPrice(sku) == null || quantity < 1) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no item '" + sku + "' in quantity " + quantity);
        }
        // the caller gets the legacy quote; on a sampled call the engine's is compared with it off this thread
        return experiment.run(
                Call.keyed(sku).with("quantity", quantity),
                () -> legacy.quote(sku, quantity),
                () -> engine.quote(sku, quantity));
    }
}
