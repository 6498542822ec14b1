package org.channelwatch.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.core.execution.JobClient;
import org.channelwatch.dashboards.DashboardServer;
import org.channelwatch.dashboards.RegionTile;
import org.channelwatch.domain.Channel;
import org.channelwatch.domain.Region;
import org.channelwatch.domain.Regions;
import org.channelwatch.e2e.Stack;
import org.channelwatch.job.JobLauncher;
import org.channelwatch.simulator.SimulatorProfile;
import org.channelwatch.simulator.SimulatorRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser, against a real Elasticsearch filled by the real job from
 * simulated events published to a real Kafka broker.
 *
 * <p>Ordered: the views are visited as a person would, overview first. Screenshots go to {@code
 * tests/target/screenshots/}; with {@code -Dchannelwatch.update.docs.screenshot=true} the last test
 * also refreshes {@code docs/images/dashboard-overview.png}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {

  private static final String TOPIC = "browser.events";
  private static final String MARKUP = "<img src=x onerror=alert(1)>";
  private static final String DIFF_ITEM = "BROWSER-DIFF";
  private static final String DIFF_NAME = "浏览器测试, \"对比\"事项";
  private static final String MARKUP_ITEM = "BROWSER-XSS";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static ChromeDriver driver;
  private static Stack stack;
  private static JobClient job;
  private static SimulatorRunner simulator;
  private static DashboardServer dashboard;
  /** A region the simulator runs with every online channel, so every view has data. */
  private static Region region;
  private static String incidentId;

  @BeforeAll
  static void start() throws Exception {
    // First, so that a machine without Chromium skips before starting anything.
    driver = Browser.start(Path.of("target", "browser-profile-" + System.currentTimeMillis()), 1600, 1250);
    stack = Stack.start("browser");
    stack.services.kafka().createTopics(2, TOPIC);
    job = JobLauncher.start(stack.jobOptions(TOPIC, 2, 1));
    simulator =
        SimulatorRunner.startLive(
            stack.kafka(), TOPIC, SimulatorProfile.defaults().withEventsPerSecond(80), 20261125L);
    List<String> online = simulator.withSimulator(s -> s.regionsHandlingOnline());
    region = Regions.byCode(online.get(0)).orElseThrow();
    // Two short outages elsewhere, so that the feed (and the docs' screenshot) has open and
    // resolved incidents besides the one the second test waits for.
    Instant now = Instant.now();
    simulator.withSimulator(s -> s.injectOutage(online.get(1), Channel.WEB, now.plusSeconds(30), Duration.ofMinutes(2)));
    simulator.withSimulator(s -> s.injectOutage(online.get(2), Channel.WEB, now.plusSeconds(90), Duration.ofMinutes(4)));
    dashboard =
        DashboardServer.start(
            stack.elasticsearch,
            Regions.all().stream()
                .map(r -> new RegionTile(r.code(), r.abbr(), r.nameZh(), r.nameEn(), r.tileCol(), r.tileRow()))
                .toList(),
            0);
    // The job writes a region's current state once its first minute is over.
    stack.awaitDocuments("channelwatch-regions", docs -> docs.size() == 32, Duration.ofMinutes(5));
  }

  @AfterAll
  static void stop() throws Exception {
    if (driver != null) {
      driver.quit();
    }
    if (dashboard != null) {
      dashboard.close();
    }
    if (simulator != null) {
      simulator.close();
    }
    if (job != null) {
      job.cancel().get();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void overviewShowsEveryRegionWithRankScoresAndHeatMapInBothLanguages() throws Exception {
    driver.get(dashboard.uri().toString());
    WebDriverWait wait = waitUpTo(30);

    wait.until(d -> d.findElements(By.cssSelector("#tilemap .tile")).size() == 32);
    wait.until(d -> ranked(d.findElements(By.cssSelector("#tilemap .tile .tile-rank"))) == 32);
    assertThat(driver.findElements(By.cssSelector("#tilemap .tile.none"))).isEmpty();
    wait.until(d -> d.findElements(By.cssSelector("#ranking tbody tr")).size() == 32);
    assertThat(driver.findElement(By.cssSelector("#ranking tbody tr td.rank")).getText()).isEqualTo("1");
    // Every region's row names its four dimension scores.
    assertThat(driver.findElements(By.cssSelector("#ranking tbody tr td.score-cell"))).hasSize(32 * 5);
    assertThat(driver.findElements(By.cssSelector("#heatmap canvas"))).isNotEmpty();

    useLanguage("en");
    assertThat(driver.findElement(By.id("nav-overview")).getText()).isEqualTo("National overview");
    // Labels switch at once; the tiles only when the data fetched for the new language is drawn.
    waitUpTo(10).until(d -> tile("110000").getText().contains("Beijing"));
    useLanguage("zh");
    assertThat(driver.findElement(By.id("nav-overview")).getText()).isEqualTo("全国概览");
    waitUpTo(10).until(d -> tile("110000").getText().contains("北京"));
    assertThat(tile(region.code()).getAttribute("title")).contains(region.nameZh(), "可达", "可办");

    Browser.screenshot(driver, "01-overview");
    assertThat(Browser.consoleErrors(driver)).isEmpty();
  }

  @Test
  @Order(2)
  void aNewIncidentShowsInTheFeedWithinTenSeconds() throws Exception {
    driver.get(dashboard.uri().toString());
    waitUpTo(30).until(d -> d.findElements(By.cssSelector("#tilemap .tile")).size() == 32);
    // An outage of the region's web channel: the job's detection opens service_unavailable once
    // the first bad minute is over and the watermark has passed it.
    Instant injected = Instant.now();
    simulator.withSimulator(
        s -> s.injectOutage(region.code(), Channel.WEB, injected, Duration.ofMinutes(3)));
    List<Stack.Document> incidents =
        stack.awaitDocuments(
            "channelwatch-incidents",
            docs -> docs.stream().anyMatch(DashboardBrowserTest::isTheOutage),
            Duration.ofMinutes(4));
    // Measured from the moment the document is searchable in Elasticsearch.
    long written = System.nanoTime();
    incidentId = incidents.stream().filter(DashboardBrowserTest::isTheOutage).findFirst().orElseThrow().id();

    By shown = By.cssSelector("#incident-feed li.incident[data-id='" + incidentId + "']");
    waitUpTo(10).until(d -> !d.findElements(shown).isEmpty());
    Duration took = Duration.ofNanos(System.nanoTime() - written);
    assertThat(took).isLessThan(Duration.ofSeconds(10));

    WebElement item = driver.findElement(shown);
    assertThat(item.getText()).contains("未结", "严重", "服务不可用", region.nameZh(), "网上大厅", "已持续");
    // Open incidents come first: nothing resolved is listed above this one.
    for (WebElement above : driver.findElements(By.cssSelector("#incident-feed li.incident"))) {
      if (above.getAttribute("data-id").equals(incidentId)) {
        break;
      }
      assertThat(above.getAttribute("class")).contains("open");
    }
    assertThat(driver.findElement(By.id("incident-counts")).getText()).startsWith("未结");
    Browser.screenshot(driver, "02-incident-feed");
  }

  @Test
  @Order(3)
  void regionViewShowsScoreAndChannelTrendsCaseFiguresAndIncidents() throws Exception {
    tile(region.code()).click();
    WebDriverWait wait = waitUpTo(30);
    wait.until(d -> d.getCurrentUrl().endsWith("#/region/" + region.code() + "/1h"));
    wait.until(d -> d.findElement(By.id("region-title")).getText().equals(region.nameZh()));
    wait.until(d -> !text(d.findElement(By.cssSelector("#region-cards [data-score=overall] .card-value"))).equals("–"));
    assertThat(driver.findElements(By.cssSelector("#region-cards .card"))).hasSize(5);
    assertThat(driver.findElement(By.id("region-rank")).getText()).matches("第 \\d+ 名");
    assertThat(driver.findElements(By.cssSelector("#chart-scores canvas"))).isNotEmpty();
    assertThat(driver.findElements(By.cssSelector("#chart-availability canvas"))).isNotEmpty();
    assertThat(driver.findElements(By.cssSelector("#chart-cases canvas"))).isNotEmpty();
    wait.until(
        d -> d.findElement(By.cssSelector("#case-figures [data-figure='cases.onlineShare'] dd"))
            .getText().matches("\\d+\\.\\d%"));
    assertThat(driver.findElement(By.cssSelector("#case-figures [data-figure='cases.zeroVisitRate'] dt")).getText())
        .isEqualTo("零跑动率");
    wait.until(d -> !d.findElements(By.cssSelector("#region-incidents li.incident[data-id='" + incidentId + "']")).isEmpty());
    Browser.screenshot(driver, "03-region-1h");

    for (String range : List.of("24h", "7d")) {
      driver.findElement(By.cssSelector("#range-buttons button[data-range='" + range + "']")).click();
      wait.until(d -> d.getCurrentUrl().endsWith("/" + range));
      wait.until(d -> d.findElement(By.cssSelector("#range-buttons button.active")).getAttribute("data-range").equals(range));
      wait.until(d -> !text(d.findElement(By.cssSelector("#region-cards [data-score=overall] .card-value"))).equals("–"));
    }
    Browser.screenshot(driver, "03-region-7d");
    driver.findElement(By.cssSelector("#range-buttons button[data-range='1h']")).click();
    wait.until(d -> d.getCurrentUrl().endsWith("/1h"));
    assertThat(Browser.consoleErrors(driver)).isEmpty();
  }

  @Test
  @Order(4)
  void itemViewComparesChannelsFiltersSortsAndExportsCsv() throws Exception {
    Instant past = Instant.now().minusSeconds(120);
    stack.publish(
        TOPIC,
        List.of(
            catalog("browser-diff-hall", "hall", past, DIFF_ITEM, DIFF_NAME, "10"),
            catalog("browser-diff-web", "web", past, DIFF_ITEM, DIFF_NAME, "0")));

    driver.findElement(By.id("region-items-link")).click();
    WebDriverWait wait = waitUpTo(30);
    wait.until(d -> d.getCurrentUrl().contains("#/items/" + region.code()));
    wait.until(d -> d.findElements(By.cssSelector("#items-table tr.item-row")).size() > 5);
    for (WebElement row : driver.findElements(By.cssSelector("#items-table tr.item-row"))) {
      assertThat(row.findElements(By.cssSelector("td.listing"))).hasSize(4);
    }
    Browser.screenshot(driver, "04-items-all");

    driver.findElement(By.id("items-q")).sendKeys(DIFF_ITEM);
    waitUpTo(90).until(d -> d.findElements(By.cssSelector("#items-table tr.item-row[data-item='" + DIFF_ITEM + "']")).size() == 1);
    wait.until(d -> d.findElements(By.cssSelector("#items-table tr.item-row")).size() == 1);
    WebElement row = driver.findElement(By.cssSelector("#items-table tr.item-row"));
    assertThat(row.findElement(By.cssSelector("td.item-name")).getText()).isEqualTo(DIFF_NAME);
    assertThat(row.findElement(By.cssSelector(".badge")).getText()).isEqualTo("不一致");
    WebElement facts = driver.findElement(By.cssSelector("#items-table tr.facts-row[data-item='" + DIFF_ITEM + "']"));
    assertThat(facts.isDisplayed()).isTrue();
    WebElement fee = facts.findElement(By.cssSelector("tr.differs[data-fact='fee']"));
    List<String> fees = fee.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
    assertThat(fees).containsExactly("10", "0", "未发布", "未发布");
    assertThat(facts.findElements(By.cssSelector("tr.differs"))).hasSize(1);

    // Select and delete, as a person would: clear() alone fires no input event.
    driver.findElement(By.id("items-q")).sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    wait.until(d -> d.findElements(By.cssSelector("#items-table tr.item-row")).size() > 5);
    new Select(driver.findElement(By.id("items-filter"))).selectByValue("inconsistent");
    new Select(driver.findElement(By.id("items-sort"))).selectByValue("name");
    wait.until(d -> d.getCurrentUrl().contains("filter=inconsistent") && d.getCurrentUrl().contains("sort=name"));
    wait.until(d -> !d.findElements(By.cssSelector("#items-table tr.item-row[data-item='" + DIFF_ITEM + "']")).isEmpty()
        && d.findElements(By.cssSelector("#items-table tr.item-row:not(.inconsistent)")).isEmpty());
    Browser.screenshot(driver, "04-items-inconsistent");

    String href = driver.findElement(By.id("items-csv")).getAttribute("href");
    assertThat(href).contains("api/items.csv?", "region=" + region.code(), "filter=inconsistent", "sort=name", "lang=zh");
    HttpResponse<byte[]> csv =
        HTTP.send(HttpRequest.newBuilder(URI.create(href)).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
    assertThat(csv.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).startsWith("attachment;"));
    byte[] body = csv.body();
    assertThat(Arrays.copyOf(body, 3)).containsExactly(0xEF, 0xBB, 0xBF);
    String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
    List<String> lines = text.lines().toList();
    assertThat(lines.get(0)).startsWith("地区代码,地区,事项编码,事项名称,要素一致,不一致要素,");
    assertThat(lines).anySatisfy(line -> assertThat(line).startsWith(
        region.code() + "," + region.nameZh() + "," + DIFF_ITEM + ",\"浏览器测试, \"\"对比\"\"事项\",否,收费标准,是,4,"));
    assertThat(lines.subList(1, lines.size())).allSatisfy(line -> assertThat(line).contains(",否,"));
    Files.write(Browser.SCREENSHOTS.resolve("items-" + region.code() + ".csv"), body);
    assertThat(Browser.consoleErrors(driver)).isEmpty();
  }

  @Test
  @Order(5)
  void anItemNameWithMarkupShowsAsTextAndRunsNothing() throws Exception {
    stack.publish(
        TOPIC, List.of(catalog("browser-markup", "web", Instant.now().minusSeconds(120), MARKUP_ITEM, MARKUP, "0")));

    driver.get(dashboard.uri() + "#/items/" + region.code() + "?q=" + MARKUP_ITEM);
    By row = By.cssSelector("#items-table tr.item-row[data-item='" + MARKUP_ITEM + "']");
    waitUpTo(90).until(d -> !d.findElements(row).isEmpty());

    assertThat(driver.findElement(row).findElement(By.cssSelector("td.item-name")).getText()).isEqualTo(MARKUP);
    assertThat(driver.findElements(By.tagName("img"))).isEmpty();
    assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    Object escaped =
        driver.executeScript("return document.getElementById('items-table').innerHTML.includes('&lt;img src=x');");
    assertThat(escaped).isEqualTo(true);
    // Still nothing after a few more refreshes of the table.
    Thread.sleep(6_000);
    assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    assertThat(driver.findElements(By.tagName("img"))).isEmpty();
    Browser.screenshot(driver, "05-markup-as-text");
  }

  @Test
  @Order(6)
  void overviewScreenshotForTheDocs() throws Exception {
    driver.get(dashboard.uri().toString());
    waitUpTo(30).until(d -> ranked(d.findElements(By.cssSelector("#tilemap .tile .tile-rank"))) == 32);
    waitUpTo(30).until(d -> !d.findElements(By.cssSelector("#incident-feed li.incident")).isEmpty());
    Browser.resize(driver, 1600, 1180);
    Thread.sleep(1_500);
    Path shot = Browser.screenshot(driver, "06-overview-docs");
    // Tests do not write into the source tree unless asked: -Dchannelwatch.update.docs.screenshot=true
    Path docs = Path.of("..", "docs", "images");
    if (Boolean.getBoolean("channelwatch.update.docs.screenshot") && Files.isDirectory(docs.getParent())) {
      Files.createDirectories(docs);
      Files.copy(shot, docs.resolve("dashboard-overview.png"), StandardCopyOption.REPLACE_EXISTING);
    }
    Browser.resize(driver, 1600, 1250);
  }

  // ------------------------------------------------------------------ helpers

  private static boolean isTheOutage(Stack.Document doc) {
    return doc.source().path("kind").asText().equals("service_unavailable")
        && doc.source().path("region").asText().equals(region.code())
        && doc.source().path("channel").asText().equals("web")
        && doc.source().path("status").asText().equals("open");
  }

  private static WebDriverWait waitUpTo(int seconds) {
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(seconds));
    wait.pollingEvery(Duration.ofMillis(200));
    // Views redraw every few seconds, so an element found a moment ago may have been replaced.
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  private static WebElement tile(String code) {
    return driver.findElement(By.cssSelector("#tilemap .tile[data-region='" + code + "']"));
  }

  private static long ranked(List<WebElement> ranks) {
    return ranks.stream().filter(e -> e.getText().startsWith("#")).count();
  }

  private static String text(WebElement element) {
    return element.getText().trim();
  }

  /** Switches the page to {@code zh} or {@code en} with its own button. */
  private static void useLanguage(String lang) {
    String overview = lang.equals("zh") ? "全国概览" : "National overview";
    WebElement nav = driver.findElement(By.id("nav-overview"));
    if (!nav.getText().equals(overview)) {
      driver.findElement(By.id("lang")).click();
    }
    waitUpTo(10).until(d -> d.findElement(By.id("nav-overview")).getText().equals(overview));
    waitUpTo(10).until(d -> d.findElements(By.cssSelector("#tilemap .tile")).size() == 32);
  }

  /** A catalog publication with a full guide, in {@link #region}. */
  private static String catalog(String id, String channel, Instant time, String itemCode, String itemName, String fee) {
    ObjectNode event = Stack.JSON.createObjectNode();
    event.put("specversion", "1.0");
    event.put("id", id);
    event.put("source", "/" + region.code() + "/" + channel + "/browser-test");
    event.put("type", "gov.catalog.item.published");
    event.put("time", time.toString());
    event.put("region", region.code());
    event.put("channel", channel);
    ObjectNode data = event.putObject("data");
    data.put("itemCode", itemCode);
    data.put("itemName", itemName);
    data.put("depth", 4);
    ObjectNode guide = data.putObject("guide");
    guide.put("department", "测试局");
    guide.put("conditions", "本人申请");
    guide.putArray("materials").add("居民身份证");
    guide.put("timeLimitDays", 5);
    guide.put("fee", fee);
    return event.toString();
  }
}
