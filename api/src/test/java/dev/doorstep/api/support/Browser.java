package dev.doorstep.api.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, installed by
 * {@code scripts/install-test-tools}) driven through Selenium with the system's chromedriver, so nothing is
 * downloaded. Screenshots land in {@code target/screenshots} as test artefacts.
 */
public final class Browser implements AutoCloseable {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** A phone-sized window (the tracking page is mobile-first). */
    public static Browser phone() {
        return start(412, 915);
    }

    /** A window of this many CSS pixels (an iPhone 12 to 15 is 390 x 844). */
    public static Browser sized(int width, int height) {
        Browser browser = start(width, height);
        // Headless Chromium keeps its window at least 500 px wide: a narrower phone's viewport is emulated.
        browser.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of("width", width,
                "height", height, "deviceScaleFactor", 1, "mobile", true));
        return browser;
    }

    /** A desktop-sized window (the dispatcher portal). */
    public static Browser desktop() {
        return start(1400, 900);
    }

    private static Browser start(int width, int height) {
        String chromium = executable("DOORSTEP_CHROMIUM", "chromium");
        String chromedriver = executable("DOORSTEP_CHROMEDRIVER", "chromedriver");
        try {
            Path profile = Files.createTempDirectory("doorstep-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(chromium);
            // The flags keep Chromium off the network it cannot reach here (Google services, updates).
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-default-apps",
                    "--window-size=" + width + "," + height, "--user-data-dir=" + profile.toAbsolutePath());
            options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(chromedriver)).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            // Runs before any page script in every document, outside the page's Content-Security-Policy.
            driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", java.util.Map.of("source",
                    "window.__cspViolations = []; document.addEventListener('securitypolicyviolation', e => "
                            + "window.__cspViolations.push(e.violatedDirective + ' blocked ' + e.blockedURI));"));
            return new Browser(driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String executable(String override, String name) {
        String configured = System.getenv(override);
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        for (String dir : List.of("/usr/bin", "/usr/local/bin", "/snap/bin")) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException(name + " is not installed: run scripts/install-test-tools (the test command does)");
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    /** Waits until {@code condition} returns something other than null or false, failing after {@code timeout}. */
    public <T> T await(Duration timeout, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(100)).until(condition::apply);
    }

    /** The element's visible text once it matches, failing after ten seconds with what it showed. */
    public String awaitText(By locator, java.util.function.Predicate<String> expected) {
        return awaitText(locator, expected, Duration.ofSeconds(10));
    }

    /**
     * The element's visible text once it matches, failing after {@code timeout} with what it showed. Pages redraw
     * their lists on every change, so an element found may be gone when read: it is looked up again.
     */
    public String awaitText(By locator, java.util.function.Predicate<String> expected, Duration timeout) {
        String[] last = {null};
        try {
            return await(timeout, d -> {
                try {
                    List<WebElement> found = d.findElements(locator);
                    last[0] = found.isEmpty() ? null : found.get(0).getText();
                    return last[0] != null && expected.test(last[0]) ? last[0] : null;
                } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
                    return null;
                }
            });
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError(locator + " showed " + (last[0] == null ? "nothing" : "'" + last[0] + "'"), e);
        }
    }

    /**
     * Clicks the element once it is shown and enabled, failing after {@code timeout}. Pages redraw their lists on
     * every change (an offer list on each poll), so an element found may be gone when clicked: it is looked up again.
     */
    public void click(By locator, Duration timeout) {
        await(timeout, d -> {
            try {
                WebElement found = d.findElement(locator);
                if (!found.isDisplayed() || !found.isEnabled()) {
                    return false;
                }
                found.click();
                return true;
            } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException
                    redrawn) {
                return false;
            }
        });
    }

    public Object script(String javascript, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(javascript, args);
    }

    /** Saves a PNG of the window to {@code target/screenshots/<name>.png} and returns its path. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.move(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The browser console's errors so far (a page script failing shows here). */
    public List<String> consoleErrors() {
        return driver.manage().logs().get("browser").getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(entry -> entry.getMessage()).toList();
    }

    /** What the page's Content-Security-Policy refused so far in the current document: directive and URL. */
    @SuppressWarnings("unchecked")
    public List<String> cspViolations() {
        Object seen = script("return window.__cspViolations;");
        if (seen == null) {
            throw new AssertionError("the Content-Security-Policy listener is not installed in this page");
        }
        return List.copyOf((List<String>) seen);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a leftover temp profile is harmless
            }
        }
    }
}
