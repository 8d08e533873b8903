package dev.redismigrate.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The browser tier: the distribution's headless Chromium and its chromedriver (Debian's {@code chromium} and
 * {@code chromium-driver}, installed by {@code .ci/run}). Browser tests call {@link #require} and are skipped, with
 * the reason, on a machine without them (and fail where {@link TestTiers} says every tier must run). Never Selenium
 * Manager: tests use these two files and download nothing. {@code $CHROMIUM} and {@code $CHROMEDRIVER} override them.
 */
public record Chromium(Path browser, Path driver) {
    private static final Path BROWSER = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    public static Chromium require() {
        Path browser = fromEnv("CHROMIUM", BROWSER);
        Path driver = fromEnv("CHROMEDRIVER", DRIVER);
        TestTiers.require(Files.isExecutable(browser), "Chromium not found at " + browser
                + "; install Debian's `chromium` package (or set $CHROMIUM) to run the browser tests");
        TestTiers.require(Files.isExecutable(driver), "chromedriver not found at " + driver
                + "; install Debian's `chromium-driver` package (or set $CHROMEDRIVER) to run the browser tests");
        return new Chromium(browser, driver);
    }

    private static Path fromEnv(String name, Path fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Path.of(value);
    }
}
