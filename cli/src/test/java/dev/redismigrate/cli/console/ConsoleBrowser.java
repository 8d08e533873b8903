package dev.redismigrate.cli.console;

import dev.redismigrate.testkit.Chromium;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium on the console's pages: the distribution's browser and chromedriver ({@link Chromium}, never
 * a Selenium Manager download), explicit waits with a reason, and screenshots kept in {@code target/screenshots}.
 * The browser's console log goes beside them, so a failing page says what its JavaScript saw.
 */
final class ConsoleBrowser implements AutoCloseable {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 1000;
    private static final int MAX_PAGE_HEIGHT = 5000;

    private final ChromeDriver driver;
    private final String baseUrl;
    private final String testName;

    ConsoleBrowser(Chromium chromium, String baseUrl, String testName) {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromium.driver().toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.browser().toFile());
        // --no-sandbox: CI runs as root, where Chromium refuses its sandbox; the pages are our own, on 127.0.0.1.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + WIDTH + "," + HEIGHT, "--lang=en-US");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        this.driver = new ChromeDriver(service, options);
        this.baseUrl = baseUrl;
        this.testName = testName;
    }

    void open(String fragment) {
        driver.get(baseUrl + "/#" + fragment);
    }

    WebElement find(By by) {
        return driver.findElement(by);
    }

    List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    /** Waits until {@code condition} gives a non-null, non-false value; on timeout the failure names {@code what}. */
    <T> T await(String what, Duration timeout, Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, timeout, Duration.ofMillis(200))
                    .ignoring(StaleElementReferenceException.class)
                    .ignoring(NoSuchElementException.class)
                    .withMessage(what)
                    .until(condition);
        } catch (TimeoutException e) {
            screenshot("timeout-" + what.replaceAll("[^A-Za-z0-9]+", "-"));
            throw new AssertionError("waited " + timeout.toSeconds() + " s for: " + what + "; page text:\n"
                    + driver.findElement(By.tagName("body")).getText(), e);
        }
    }

    <T> T await(String what, Function<WebDriver, T> condition) {
        return await(what, Duration.ofSeconds(30), condition);
    }

    WebElement visible(By by) {
        return await(by + " visible", d -> {
            WebElement element = d.findElement(by);
            return element.isDisplayed() ? element : null;
        });
    }

    /** Clicks once the element is shown and enabled; a live update that replaced it meanwhile means a retry. */
    void click(By by) {
        await(by + " clickable", d -> {
            WebElement element = d.findElement(by);
            if (!element.isDisplayed() || !element.isEnabled()) {
                return null;
            }
            element.click();
            return true;
        });
    }

    void type(String name, String text) {
        WebElement input = driver.findElement(By.name(name));
        input.clear();
        input.sendKeys(text);
    }

    /** Sets an input's value as the page's own code would, and tells the page it changed. */
    void setValue(By by, String value) {
        driver.executeScript("arguments[0].value = arguments[1];"
                + " arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", driver.findElement(by), value);
    }

    /** The task page's status (the page sets it on {@code main} whenever the task changes). */
    String status() {
        return driver.findElement(By.id("app")).getAttribute("data-status");
    }

    void awaitStatus(String status, Duration timeout) {
        await("task status " + status, timeout, d -> status.equals(status()));
    }

    /** The whole page (the window is stretched to the page's height for the shot) as {@code target/screenshots/NAME.png}. */
    Path screenshot(String name) {
        Object height = driver.executeScript("return document.documentElement.scrollHeight");
        return screenshot(name, Math.min(MAX_PAGE_HEIGHT, ((Number) height).intValue()));
    }

    /** The top {@code height} pixels of the page, as a window of that height shows it. */
    Path screenshot(String name, int height) {
        driver.manage().window().setSize(new Dimension(WIDTH, Math.max(HEIGHT, height)));
        try {
            return write(name, driver.getScreenshotAs(OutputType.BYTES));
        } finally {
            driver.manage().window().setSize(new Dimension(WIDTH, HEIGHT));
        }
    }

    private Path write(String name, byte[] png) {
        try {
            Files.createDirectories(SCREENSHOTS);
            return Files.write(SCREENSHOTS.resolve(testName + "-" + name + ".png"), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            String log = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .map(entry -> entry.getLevel() + " " + entry.getMessage()).collect(Collectors.joining("\n"));
            Files.createDirectories(SCREENSHOTS);
            Files.writeString(SCREENSHOTS.resolve(testName + "-browser.log"), log);
        } catch (IOException | RuntimeException e) {
            // the log is a help for reading a failure, never a reason for one
        } finally {
            driver.quit();
        }
    }
}
