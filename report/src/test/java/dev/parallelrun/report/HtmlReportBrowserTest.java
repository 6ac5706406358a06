package dev.parallelrun.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Opens the HTML report in headless Chromium (Debian's {@code chromium} and {@code chromium-driver}). Skipped
 * with the reason when they are missing, unless {@code PARALLELRUN_REQUIRE_BROWSER=true}, where it fails.
 */
class HtmlReportBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path dir;

    private @Nullable WebDriver driver;

    @BeforeEach
    void startBrowser() {
        String missing = missingBrowser();
        if (missing != null) {
            if ("true".equals(System.getenv("PARALLELRUN_REQUIRE_BROWSER"))) {
                fail(missing + ", and PARALLELRUN_REQUIRE_BROWSER=true requires the browser test to run "
                        + "(apt-get install -y chromium chromium-driver)");
            }
            assumeTrue(
                    false, missing + ": browser test skipped (apt-get install -y chromium chromium-driver to run it)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + dir.resolve("profile"),
                "--window-size=1280,1600");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
    }

    @AfterEach
    void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    private static @Nullable String missingBrowser() {
        if (!Files.isExecutable(CHROMIUM)) {
            return CHROMIUM + " is missing";
        }
        if (!Files.isExecutable(CHROMEDRIVER)) {
            return CHROMEDRIVER + " is missing";
        }
        return null;
    }

    private Path page() throws IOException {
        Summary summary = SampleReport.read(dir.resolve("files"));
        Path page = dir.resolve("report.html");
        HtmlReport.write(summary, page);
        return page;
    }

    @Test
    void thePageShowsBadgesChartsAndGroups() throws IOException {
        driver.get(page().toUri().toString());

        List<String> badges = driver.findElements(By.cssSelector(".cards [data-badge]")).stream()
                .map(WebElement::getText)
                .toList();
        assertThat(badges)
                .containsExactly("READY", "UNKNOWN", "NOT READY", "NOT READY", "NOT READY", "INCONCLUSIVE", "READY");
        assertThat(driver.findElements(By.cssSelector(".cards .badge-expired"))).hasSize(1);
        assertThat(driver.findElements(By.cssSelector(".cards .fails")).stream().map(WebElement::getText))
                .contains("failing: mismatch rate", "inconclusive; failing: skipped share", "every check passes");
        assertThat(driver.findElements(By.cssSelector("svg.trend-chart")))
                .hasSize(7)
                .allSatisfy(chart -> assertThat(chart.isDisplayed()).isTrue());
        WebElement pricing = section("pricing-v2");
        assertThat(pricing.findElements(By.cssSelector("svg.trend-chart rect.bar")))
                .hasSize(10);
        assertThat(pricing.findElements(By.cssSelector("svg.trend-chart line.limit")))
                .hasSize(1);
        assertThat(pricing.findElements(By.cssSelector(".group")).stream().map(g -> g.getDomAttribute("data-count")))
                .containsExactly("29", "15", "11", "2");
        assertThat(driver.findElements(By.cssSelector(".group .group, .experiment .experiment")))
                .isEmpty();
        assertThat(section("quotes").findElement(By.cssSelector("table.noisy")).getText())
                .contains(".ignorePaths(\"/quotedAt\")")
                .contains(".ignorePaths(\"/legs/*/at\")");
        screenshot("report-top.png");
    }

    @Test
    void theLegendSaysWhatEachOutcomeMeans() throws IOException {
        driver.get(page().toUri().toString());

        WebElement legend = driver.findElement(By.cssSelector("section.legend"));
        assertThat(legend.isDisplayed()).isTrue();
        assertThat(legend.findElements(By.tagName("dt")).stream().map(WebElement::getText))
                .containsExactly("MATCH", "MISMATCH", "IGNORED", "TIMED_OUT", "SKIPPED", "COMPARISON_FAILED");
        assertThat(legend.findElements(By.tagName("dd")))
                .hasSize(6)
                .allSatisfy(dd -> assertThat(dd.getText()).hasSizeGreaterThan(20));
        assertThat(legend.getText())
                .contains("neither a match nor a mismatch")
                .contains("The mismatch rate and the shares of MATCH, MISMATCH, IGNORED and COMPARISON_FAILED are of "
                        + "compared calls");
        screenshot("report-legend.png");
    }

    @Test
    void nextStepsSayWhatToDoAndLeadToTheGroupToLookAt() throws IOException {
        driver.get(page().toUri().toString());

        WebElement pricing = section("pricing-v2");
        WebElement step = pricing.findElement(By.cssSelector("ol.next-steps li[data-topic='MISMATCHES']"));
        assertThat(step.getText())
                .contains("Look at the top group, #1 \"Different at replace /total\"")
                .contains("key customer-93");
        WebElement link = step.findElement(By.tagName("a"));
        new Actions(driver).scrollToElement(link).perform();
        link.click();
        WebElement group = pricing.findElement(By.cssSelector(".group"));
        new WebDriverWait(driver, Duration.ofSeconds(5)).until(d -> inView(group));
        assertThat(driver.getCurrentUrl()).endsWith("#" + group.getDomAttribute("id"));

        assertThat(section("quotes").findElements(By.cssSelector("li[data-topic='NOISY_PATH'] code.paste")).stream()
                        .map(WebElement::getText))
                .containsExactly(".ignorePaths(\"/legs/*/at\")", ".ignorePaths(\"/quotedAt\")");
        WebElement skipped = section(SampleReport.SKIPPING_EXPERIMENT);
        assertThat(skipped.findElement(By.cssSelector("h2 [data-badge]")).getText())
                .isEqualTo("INCONCLUSIVE");
        assertThat(skipped.findElement(By.cssSelector("li[data-topic='SKIPPED']"))
                        .getText())
                .contains("Why: CAP 3,600, RUNAWAYS 1,201")
                .contains("raise the cap (maxConcurrentCandidates)")
                .contains("find the runaway candidate");
        assertThat(skipped.findElement(By.cssSelector("ul.checks")).getText()).contains("within the 1.00 ms floor");
        assertThat(section(SampleReport.HOSTILE_EXPERIMENT)
                        .findElement(By.cssSelector("li[data-topic='EXPIRED']"))
                        .getText())
                .contains("remove its scaffolding");
        new Actions(driver)
                .scrollToElement(skipped.findElement(By.cssSelector("ol.next-steps")))
                .perform();
        screenshot("report-next-steps.png");
    }

    @Test
    void eachGroupShowsTheLineThatReplaysItInATest() throws IOException {
        driver.get(page().toUri().toString());
        String files = dir.resolve("files").toString();

        WebElement pricing = section("pricing-v2");
        List<WebElement> lines = pricing.findElements(By.cssSelector(".group .replay code.paste"));
        assertThat(lines).hasSize(4);
        assertThat(lines.stream().map(WebElement::getText))
                .containsExactly(
                        "@MismatchSource(files = \"" + files
                                + "\", experiment = \"pricing-v2\", signatures = \"5c7d4a9afa1c5b0f\")",
                        "@MismatchSource(files = \"" + files
                                + "\", experiment = \"pricing-v2\", signatures = \"0a1b2c3d4e5f6071\")",
                        "@MismatchSource(files = \"" + files
                                + "\", experiment = \"pricing-v2\", signatures = \"fedcba9876543210\")",
                        "@MismatchSource(files = \"" + files
                                + "\", experiment = \"pricing-v2\", outcomes = Outcome.TIMED_OUT)");
        assertThat(pricing.findElement(By.cssSelector("li[data-topic='MISMATCHES'] code.paste"))
                        .getText())
                .isEqualTo(lines.get(0).getText());
        new Actions(driver).scrollToElement(lines.get(0)).perform();
        assertThat(lines.get(0).isDisplayed()).isTrue();
        assertThat(lines.get(0).getCssValue("user-select")).isEqualTo("all"); // one click selects the whole line

        WebElement hostile =
                section(SampleReport.HOSTILE_EXPERIMENT).findElement(By.cssSelector(".group .replay code.paste"));
        assertThat(hostile.getText())
                .isEqualTo("@MismatchSource(files = \"" + files + "\", experiment = \""
                        + SampleReport.HOSTILE_EXPERIMENT + "\", signatures = \"\\\"><svg onload=alert(1)>\")");
        assertThat(hostile.findElements(By.xpath("./*")))
                .as("no element inside the line")
                .isEmpty();
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView()", lines.get(0));
        screenshot("report-replay.png");
    }

    private boolean inView(WebElement element) {
        return Boolean.TRUE.equals(((JavascriptExecutor) driver)
                .executeScript(
                        "const r = "
                                + "arguments[0].getBoundingClientRect(); return r.top > -1 && r.top < window.innerHeight;",
                        element));
    }

    @Test
    void clickingAnExampleShowsBothSidesWithTheDifferencesHighlighted() throws IOException {
        driver.get(page().toUri().toString());
        WebElement details = section("pricing-v2").findElement(By.cssSelector(".group details.example"));
        WebElement body = details.findElement(By.cssSelector(".example-body"));
        assertThat(body.isDisplayed()).isFalse();

        WebElement summary = details.findElement(By.tagName("summary"));
        new Actions(driver).scrollToElement(summary).perform();
        summary.click();

        new WebDriverWait(driver, Duration.ofSeconds(5)).until(d -> body.isDisplayed());
        assertThat(details.getDomProperty("open")).isEqualTo("true");
        assertThat(body.findElement(By.cssSelector(".side.control mark.del")).getText())
                .isEqualTo("10.00");
        assertThat(body.findElement(By.cssSelector(".side.candidate mark.add")).getText())
                .isEqualTo("10.05");
        assertThat(body.findElement(By.cssSelector("table.diffs")).getText()).contains("/total");
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView()", details);
        screenshot("report-example.png");
    }

    @Test
    void eachMigrationShowsItsStageTimelineRollbacksReadinessAndFailedWrites() throws IOException {
        driver.get(page().toUri().toString());

        List<WebElement> cards = driver.findElements(By.cssSelector(".cards .card-migration"));
        assertThat(cards)
                .extracting(card -> card.findElement(By.cssSelector(".name")).getText())
                .containsExactly(SampleReport.MIGRATION, SampleReport.ROLLED_BACK_MIGRATION);
        assertThat(cards)
                .extracting(
                        card -> card.findElement(By.cssSelector("[data-stage]")).getText())
                .containsExactly("COMPLETE", "SHADOW");
        assertThat(cards.get(1)
                        .findElement(By.cssSelector("[data-rolled-back]"))
                        .getText())
                .isEqualTo("ROLLED BACK");
        assertThat(cards.get(1).getText()).contains("rolled back: awaiting acknowledgement");

        WebElement customers = migration(SampleReport.MIGRATION);
        assertThat(customers.findElement(By.cssSelector("p.plain")).getText())
                .startsWith("Complete: only the new side is read and written");
        List<WebElement> rows = customers.findElements(By.cssSelector("table.timeline tbody tr"));
        assertThat(rows)
                .extracting(row -> row.getDomAttribute("data-to"))
                .containsExactly(
                        "OFF", "DUAL_WRITE", "SHADOW", "LIVE", "SHADOW", "SHADOW", "LIVE", "RAMP_DOWN", "COMPLETE");
        assertThat(rows.get(4).getDomAttribute("data-cause")).isEqualTo("ROLLBACK");
        assertThat(rows.get(4).getText())
                .contains("LIVE -> SHADOW")
                .contains("rolled back: " + SampleReport.TRIP_DETAIL);
        WebElement rollback = customers.findElement(By.cssSelector("li.rollback"));
        assertThat(rollback.getDomAttribute("data-acknowledged")).isEqualTo("true");
        assertThat(rollback.getText())
                .contains("read error rate 1.100%, above the limit of 1.000%, over a window of " + "1,000 calls")
                .contains("Acknowledged at 2026-11-25 12:00:00 UTC")
                .contains(SampleReport.TRIP_DETAIL);
        assertThat(customers.findElement(By.cssSelector("p.readiness")).getDomAttribute("data-status"))
                .isEqualTo("NOT_READY");
        assertThat(customers.findElement(By.cssSelector("ul.checks li.fail")).getText())
                .isEqualTo("stage COMPLETE (needs SHADOW)");
        List<WebElement> failures = customers.findElements(By.cssSelector("table.failed-writes tbody tr"));
        assertThat(failures).hasSize(10);
        assertThat(failures.get(0).getText())
                .contains("customer-2112")
                .contains("NEW")
                .contains("SHADOW")
                .contains("org.h2.jdbc.JdbcSQLSyntaxErrorException: Column \"POSTCODE\" not found");
        assertThat(customers.findElements(By.cssSelector("table.failed-writes code.key")).stream()
                        .map(WebElement::getText))
                .contains(SampleReport.SCRIPT);
        assertThat(customers
                        .findElement(By.cssSelector("table.failures-by-side"))
                        .getText())
                .contains("NEW side 12");
        WebElement backfill = customers.findElement(By.cssSelector("li[data-topic='BACKFILL']"));
        assertThat(backfill.getText())
                .contains("12 writes of the new side failed")
                .contains("latest keys: customer-2112, customer-2111");
        assertThat(backfill.findElement(By.cssSelector("code.paste")).getText())
                .startsWith("find ")
                .contains("-exec jq -r 'select(.type == \"writeFailure\" and .migration == \"customer-store\"");

        WebElement orders = migration(SampleReport.ROLLED_BACK_MIGRATION);
        assertThat(orders.findElement(By.cssSelector("p.plain")).getText()).startsWith("Rolled back by itself");
        assertThat(orders.findElement(By.cssSelector("li[data-topic='ROLLBACK']"))
                        .getText())
                .contains("awaits acknowledgement")
                .contains("write failure rate 1.300%, above the limit of 1.000%")
                .contains("call acknowledgeRollback()");
        assertThat(orders.findElement(By.cssSelector("li.rollback")).getText()).contains("Awaiting acknowledgement.");
        new Actions(driver).scrollToElement(customers).perform();
        screenshot("report-migration.png");

        WebElement link = customers.findElement(By.cssSelector("ul.read-experiments a[data-experiment]"));
        assertThat(link.getText()).isEqualTo("customer-store:shadow");
        assertThat(link.findElement(By.xpath("..")).getText()).contains("READY, 1 mismatch group");
        new Actions(driver).scrollToElement(link).perform();
        link.click();
        WebElement shadow = section("customer-store:shadow");
        new WebDriverWait(driver, Duration.ofSeconds(5)).until(d -> inView(shadow));
        assertThat(driver.getCurrentUrl()).endsWith("#" + shadow.getDomAttribute("id"));
        assertThat(shadow.findElements(By.cssSelector(".group"))).hasSize(1);

        cards.get(1).click();
        new WebDriverWait(driver, Duration.ofSeconds(5)).until(d -> inView(orders));
    }

    @Test
    void hostileValuesShowAsTextAndRunNothing() throws IOException {
        driver.get(page().toUri().toString());
        WebElement hostile = section(SampleReport.HOSTILE_EXPERIMENT);
        for (WebElement summary : hostile.findElements(By.cssSelector("details.example summary"))) {
            new Actions(driver).scrollToElement(summary).perform();
            summary.click();
        }
        for (WebElement element : hostile.findElements(By.xpath(".//*[contains(text(), 'onmouseover')]"))) {
            if (element.isDisplayed()) {
                new Actions(driver).moveToElement(element).perform(); // would fire an injected onmouseover
            }
        }

        assertThat(driver.findElements(By.cssSelector("script, img, iframe, object, embed, svg[onload], "
                        + "[onmouseover], [onerror], [onload], [onclick]")))
                .isEmpty();
        assertThat(hostile.findElement(By.tagName("h2")).getText()).contains(SampleReport.SCRIPT);
        assertThat(hostile.getText()).contains(SampleReport.IMAGE).contains(SampleReport.ATTRIBUTE.strip());
        assertThat(((JavascriptExecutor) driver).executeScript("return typeof window.__pwned"))
                .isEqualTo("undefined");
        try {
            driver.switchTo().alert();
            fail("an alert is open: a hostile value ran");
        } catch (NoAlertPresentException expected) {
            // nothing ran
        }
        screenshot("report-hostile.png");
    }

    private WebElement migration(String name) {
        return driver.findElements(By.cssSelector("section.migration")).stream()
                .filter(s -> s.findElement(By.tagName("h2")).getText().startsWith(name + " migration"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no section for migration " + name));
    }

    private WebElement section(String experiment) {
        return driver.findElements(By.cssSelector("section.experiment")).stream()
                .filter(s -> s.findElement(By.tagName("h2")).getText().startsWith(experiment))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no section for " + experiment));
    }

    /** Kept in target/ for a person to look at. */
    private void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", "screenshots");
        Files.createDirectories(target);
        Files.copy(shot.toPath(), target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
