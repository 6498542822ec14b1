package org.channelwatch.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Headless Chromium for the browser tests: the Debian {@code chromium} and its {@code chromedriver}
 * (paths overridable with {@code -Dchannelwatch.chromium} and {@code -Dchannelwatch.chromedriver}),
 * never a browser or driver that Selenium Manager would download.
 */
final class Browser {

  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private Browser() {}

  /** Starts the browser with a fresh profile under {@code profileDir}, or skips when none is installed. */
  static ChromeDriver start(Path profileDir, int width, int height) throws IOException {
    File chromium = new File(System.getProperty("channelwatch.chromium", "/usr/bin/chromium"));
    File chromedriver = new File(System.getProperty("channelwatch.chromedriver", "/usr/bin/chromedriver"));
    Assumptions.assumeTrue(
        chromium.canExecute() && chromedriver.canExecute(),
        "Chromium and chromedriver are needed (Debian packages chromium and chromium-driver; "
            + ".ci/install-test-tools installs them)");
    Files.createDirectories(profileDir);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(chromedriver)
            .usingAnyFreePort()
            .withLogFile(profileDir.resolveSibling(profileDir.getFileName() + "-chromedriver.log").toFile())
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--no-first-run",
        "--hide-scrollbars",
        "--user-data-dir=" + profileDir.toAbsolutePath(),
        "--window-size=" + width + "," + height);
    // An alert must stay open so that a test can see it, rather than be dismissed by the driver.
    options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    return driver;
  }

  /** Saves a screenshot of the window under {@link #SCREENSHOTS}, and returns where. */
  static Path screenshot(ChromeDriver driver, String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    Path target = SCREENSHOTS.resolve(name + ".png");
    Path file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
    return target;
  }

  /** The console's errors since the last call (the driver hands each entry out once). */
  static List<String> consoleErrors(ChromeDriver driver) {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }

  /** Window size for a screenshot: Chrome's headless screenshots show the viewport only. */
  static void resize(ChromeDriver driver, int width, int height) {
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
  }
}
