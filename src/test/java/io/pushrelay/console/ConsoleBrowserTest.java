package io.pushrelay.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.pushrelay.sandbox.Fault;
import io.pushrelay.support.GatewayTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (Debian's headless Chromium, driven by Selenium through Debian's chromedriver, so
 * nothing is downloaded): an operator logs in, sees the provider that fails on the overview, finds its dead letters by
 * reason, dry-runs and replays them, and sees their new outcomes by RequestId. Without the browser the test fails:
 * {@code .ci/run} installs it.
 */
class ConsoleBrowserTest extends GatewayTest {

    static final Path CHROMIUM = Path.of(System.getProperty("pushrelay.test.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("pushrelay.test.chromedriver", "/usr/bin/chromedriver"));
    static final String PASSWORD = "console-test-password";
    /** The overview's picture, for docs/console.png. */
    static final Path SCREENSHOT = Path.of(System.getProperty("basedir", "."), "target", "console", "overview.png");

    private WebDriver browser;

    @Override
    protected Map<String, String> overrides() {
        return Map.of("pushrelay.console.password", PASSWORD, "pushrelay.retry.initial-delay", "100ms",
                "pushrelay.retry.max-attempts", "2");
    }

    @BeforeEach
    void openBrowser() {
        assertThat(CHROMIUM).as("Debian's chromium (apt-get install chromium chromium-driver; .ci/run does)").isExecutable();
        assertThat(CHROMEDRIVER).as("Debian's chromedriver (apt-get install chromium-driver; .ci/run does)").isExecutable();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anOperatorSeesTheFailingProviderFindsItsDeadLettersReplaysThemAndSeesTheirNewOutcomes() throws Exception {
        String rid = unique();
        List<String> fcm = List.of("fcm1" + rid + ":APA91b", "fcm2" + rid + ":APA91b", "fcm3" + rid + ":APA91b");
        String adm = "amzn1.adm-registration.v3." + rid;
        sandbox.fault(Fault.status("fcm", 503, -1));
        jms.send("push.requests", "{\"RequestId\":\"" + rid + "\",\"Addresses\":{"
                + fcm.stream().map(a -> "\"" + a + "\":{\"ChannelType\":\"GCM\"},").reduce("", String::concat)
                + "\"" + adm + "\":{\"ChannelType\":\"ADM\"}},"
                + "\"MessageConfiguration\":{\"DefaultPushNotificationMessage\":{\"Body\":\"b\"}}}", Map.of());

        browser.get(gateway.httpUrl() + "/console");
        waitFor(d -> d.findElement(By.id("login-page")).isDisplayed());
        browser.findElement(By.id("login-user")).sendKeys("admin");
        browser.findElement(By.id("login-password")).sendKeys("not-the-password");
        browser.findElement(By.id("login-submit")).click();
        waitFor(d -> d.findElement(By.id("error")).getText().contains("Wrong user or password"));
        browser.findElement(By.id("login-password")).clear();
        browser.findElement(By.id("login-password")).sendKeys(PASSWORD);
        browser.findElement(By.id("login-submit")).click();

        // the overview: FCM failing (503s from the sandbox), with its last error and a warning; ADM delivered
        WebElement fcmRow = waitFor(d -> d.findElement(By.cssSelector("#providers tr[data-provider=fcm]")));
        waitFor(d -> d.findElement(By.cssSelector("#providers tr[data-provider=fcm]")).getText().contains("FAILING"));
        assertThat(browser.findElement(By.cssSelector("#providers tr[data-provider=fcm]")).getText()).contains("503");
        assertThat(browser.findElement(By.cssSelector("#providers tr[data-provider=fcm]")).getDomAttribute("class")).contains("failing");
        waitFor(d -> d.findElement(By.id("warnings")).getText().contains("fcm"));
        waitFor(d -> d.findElement(By.cssSelector("#providers tr[data-provider=adm]")).getText().contains("SUCCESSFUL"));
        assertThat(fcmRow.isDisplayed()).isTrue();
        Files.createDirectories(SCREENSHOT.getParent());
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOT,
                StandardCopyOption.REPLACE_EXISTING);
        sandbox.state().clearFaults();

        // dead letters by reason: FCM's UNAVAILABLE, once the retries are spent
        browser.findElement(By.linkText("Dead letters")).click();
        browser.findElement(By.id("dl-reason")).sendKeys("UNAVAILABLE");
        waitFor(d -> {
            d.findElement(By.id("dl-search")).click();
            waitFor(loaded("dl-table"));
            return rows(d, "dl-table").stream().filter(r -> r.contains(rid) && r.contains("UNAVAILABLE") && r.contains("GCM")).count() == 3;
        });
        browser.findElement(By.cssSelector("#dl-table tbody tr button")).click();
        waitFor(d -> d.findElement(By.id("dl-payload")).getText().contains("\"Payload\""));
        assertThat(browser.findElement(By.id("dl-csv")).getDomAttribute("href")).contains("reason=UNAVAILABLE");

        // a dry run first: it says what it would replay and takes nothing; then the replay, with its count
        assertThat(browser.findElement(By.id("dl-replay")).isEnabled()).as("replay before a dry run").isFalse();
        browser.findElement(By.id("dl-dry-run")).click();
        waitFor(d -> d.findElement(By.id("dl-replay-result")).getText().contains("Dry run: would replay 3 of 3 matched"));
        assertThat(rows(browser, "dl-table")).hasSize(3);
        browser.findElement(By.id("dl-replay")).click();
        waitFor(d -> d.findElement(By.id("dl-replay-result")).getText().startsWith("Replayed 3 of 3 matched"));
        waitFor(d -> loaded("dl-table").apply(d) && rows(d, "dl-table").isEmpty());

        // the request's outcomes: the first attempts' failures and the replays' successes, every target
        browser.findElement(By.linkText("Request")).click();
        browser.findElement(By.id("request-id")).sendKeys(rid);
        waitFor(d -> {
            d.findElement(By.id("request-show")).click();
            return fcm.stream().allMatch(a -> rows(d, "outcomes").stream().anyMatch(r -> r.contains(a) && r.contains("SUCCESSFUL")));
        });
        List<String> outcomes = rows(browser, "outcomes");
        assertThat(outcomes).anyMatch(r -> r.contains(adm) && r.contains("SUCCESSFUL"));
        assertThat(outcomes).filteredOn(r -> r.contains(fcm.get(0))).anyMatch(r -> r.contains("TEMPORARY_FAILURE"));
        assertThat(rows(browser, "request-dead-letters")).isEmpty();
    }

    private <T> T waitFor(Function<WebDriver, T> condition) {
        // a table the page redraws meanwhile is read again
        return new WebDriverWait(browser, Duration.ofSeconds(45)).ignoring(StaleElementReferenceException.class).until(condition);
    }

    /** The table shows what its last search found (none is in flight). */
    private static Function<WebDriver, Boolean> loaded(String table) {
        return d -> !d.findElement(By.id(table)).getDomAttribute("class").contains("loading");
    }

    private static List<String> rows(WebDriver d, String table) {
        return d.findElements(By.cssSelector("#" + table + " tbody tr")).stream().map(WebElement::getText).toList();
    }
}
