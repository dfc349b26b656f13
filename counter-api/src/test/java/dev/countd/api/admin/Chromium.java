package dev.countd.api.admin;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Debian's headless Chromium through the system chromedriver: Selenium is pointed at
 * {@code /usr/bin/chromedriver} and {@code /usr/bin/chromium}, so Selenium Manager never downloads
 * anything. Without the driver the test is skipped locally and fails under CI.
 */
final class Chromium {

    static final File DRIVER = new File("/usr/bin/chromedriver");
    static final String BINARY = "/usr/bin/chromium";
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private Chromium() {
    }

    static void requireInstalled() {
        String hint = "install chromium and chromium-driver (apt-get install -y chromium chromium-driver)";
        if (!DRIVER.canExecute()) {
            if (System.getenv("CI") != null) {
                throw new AssertionError(DRIVER + " is missing: " + hint);
            }
            Assumptions.assumeTrue(false, hint);
        }
    }

    static ChromeDriver start() {
        System.setProperty("webdriver.chrome.driver", DRIVER.getAbsolutePath());
        Path profile;
        try {
            profile = Files.createTempDirectory("countd-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1280,900", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }

    /** Saves the whole page as {@code target/screenshots/<name>-<width>.png} at 1280 and 375 px wide. */
    static void screenshots(ChromeDriver driver, String name) {
        for (int width : new int[] {1280, 375}) {
            driver.manage().window().setSize(new Dimension(width, 900));
            long height = (Long) ((JavascriptExecutor) driver).executeScript(
                    "return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight);");
            driver.manage().window().setSize(new Dimension(width, (int) Math.min(6000, Math.max(600, height + 160))));
            byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            try {
                Files.createDirectories(SCREENSHOTS);
                Files.write(SCREENSHOTS.resolve(name + "-" + width + ".png"), png);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        driver.manage().window().setSize(new Dimension(1280, 900));
    }
}
