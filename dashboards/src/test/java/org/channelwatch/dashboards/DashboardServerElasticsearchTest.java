package org.channelwatch.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.channelwatch.connectors.elasticsearch.ElasticsearchConnection;
import org.channelwatch.connectors.elasticsearch.IndexTemplates;
import org.channelwatch.connectors.local.LocalElasticsearch;
import org.elasticsearch.client.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the dashboard against a real local Elasticsearch node with the production index template.
 *
 * <p>Ordered because the first test needs the indicator index not to exist yet; one node start is
 * shared, since it takes tens of seconds.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardServerElasticsearchTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String TODAY = "channelwatch-indicators-2026.11.25";
  private static final String YESTERDAY = "channelwatch-indicators-2026.11.24";

  @TempDir static Path instanceDir;

  private static LocalElasticsearch elasticsearch;
  private static ElasticsearchConnection.Clients clients;
  private static DashboardServer server;

  @BeforeAll
  static void start() throws IOException {
    elasticsearch = LocalElasticsearch.start(instanceDir, 0);
    ElasticsearchConnection connection = ElasticsearchConnection.of(elasticsearch.url());
    clients = connection.open();
    // The mapping the jobs write with: region a keyword, windowStart a date.
    IndexTemplates.install(clients, 0);
    server = DashboardServer.start(connection, TestRegions.all(), 0);
  }

  @AfterAll
  static void stop() throws IOException {
    if (server != null) {
      server.close();
    }
    if (clients != null) {
      clients.close();
    }
    if (elasticsearch != null) {
      elasticsearch.close();
    }
  }

  @Test
  @Order(1)
  void beforeAnyIndicatorIndexEveryRegionIsListedWithoutData() throws Exception {
    HttpResponse<String> response = get("/api/availability");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode regions = JSON.readTree(response.body()).path("regions");
    assertThat(regions).hasSize(32);
    for (JsonNode region : regions) {
      assertThat(region.path("windowStart").isNull()).as(region.path("code").asText()).isTrue();
      assertThat(region.path("access").path("web").path("okRatio").isNull()).isTrue();
    }
  }

  @Test
  @Order(2)
  void showsTheNewestWindowOfEachRegion() throws Exception {
    ElasticsearchClient client = clients.blocking();
    index(client, YESTERDAY, doc("330000", "浙江省", "2026-11-24T23:59:00Z", 5, 0));
    index(client, TODAY, doc("330000", "浙江省", "2026-11-25T00:00:00Z", 12, 11));
    index(client, TODAY, doc("330000", "浙江省", "2026-11-25T00:01:00Z", 10, 4));
    index(client, TODAY, doc("110000", "北京市", "2026-11-25T00:00:00Z", 20, 20));
    client.indices().refresh(r -> r.index("channelwatch-indicators-*"));

    HttpResponse<String> response = get("/api/availability");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    JsonNode body = JSON.readTree(response.body());
    assertThat(Instant.parse(body.path("generatedAt").asText())).isBeforeOrEqualTo(Instant.now());
    JsonNode regions = body.path("regions");
    assertThat(regions).hasSize(32);
    assertThat(regions.findValuesAsText("code"))
        .containsExactlyElementsOf(
            TestRegions.all().stream().sorted(RegionTile.TILE_ORDER).map(RegionTile::code).toList());
    Map<String, JsonNode> byCode = new HashMap<>();
    regions.forEach(region -> byCode.put(region.path("code").asText(), region));

    JsonNode zhejiang = byCode.get("330000");
    assertThat(zhejiang.path("nameZh").asText()).isEqualTo("浙江省");
    assertThat(zhejiang.path("nameEn").asText()).isEqualTo("Zhejiang");
    assertThat(zhejiang.path("tileCol").asInt()).isEqualTo(5);
    assertThat(zhejiang.path("windowStart").asText()).isEqualTo("2026-11-25T00:01:00Z");
    JsonNode web = zhejiang.path("access").path("web");
    assertThat(web.path("samples").asLong()).isEqualTo(10);
    assertThat(web.path("ok").asLong()).isEqualTo(4);
    assertThat(web.path("okRatio").asDouble()).isEqualTo(0.4);
    assertThat(web.path("p95LatencyMs").asLong()).isEqualTo(900);
    assertThat(zhejiang.path("access").path("wechat").path("okRatio").isNull()).isTrue();
    assertThat(zhejiang.path("access").path("wechat").path("p95LatencyMs").isNull()).isTrue();

    assertThat(byCode.get("110000").path("windowStart").asText()).isEqualTo("2026-11-25T00:00:00Z");
    assertThat(byCode.get("110000").path("access").path("hall").path("okRatio").asDouble())
        .isEqualTo(1.0);

    assertThat(byCode.get("660000").path("windowStart").isNull()).isTrue();
    assertThat(byCode.get("660000").path("access").path("hall").path("samples").asLong()).isZero();
  }

  @Test
  @Order(3)
  void servesThePageHealthAndRefusals() throws Exception {
    HttpResponse<String> page = get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<title>ChannelWatch</title>");

    assertThat(get("/healthz").body()).isEqualTo("ok");

    HttpResponse<String> post =
        HTTP.send(
            HttpRequest.newBuilder(server.uri().resolve("/api/availability"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);

    assertThat(get("/no/such/page").statusCode()).isEqualTo(404);
  }

  @Test
  @Order(4)
  void answersEveryViewFromRealIndices() throws Exception {
    ElasticsearchClient client = clients.blocking();
    Instant minute = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES).minusSeconds(120);
    Map<String, Object> recent = doc("330000", "浙江省", minute.toString(), 10, 9);
    Map<String, Object> indicator = new HashMap<>(recent);
    indicator.put("scores", Map.of("overall", 80.5, "reachable", 90.0, "visible", 100.0, "usable", 70.0, "doable", 62.0));
    indicator.put("cases", Map.of("submitted", 4, "submittedOnline", 3, "completedOnline", 2, "completedOnlineZeroVisit", 1));
    String index = "channelwatch-indicators-" + java.time.format.DateTimeFormatter.ofPattern("yyyy.MM.dd")
        .withZone(java.time.ZoneOffset.UTC).format(minute);
    index(client, index, indicator);
    Map<String, Object> region = new HashMap<>(indicator);
    region.put("rank", 1);
    region.put("openIncidentIds", java.util.List.of("service_unavailable:330000:web:1"));
    region.put("updatedAt", minute.plusSeconds(60).toString());
    client.index(i -> i.index("channelwatch-regions").id("330000").document(region));
    Map<String, Object> open = new HashMap<>();
    open.put("id", "service_unavailable:330000:web:1");
    open.put("kind", "service_unavailable");
    open.put("severity", "critical");
    open.put("region", "330000");
    open.put("regionName", "浙江省");
    open.put("channel", "web");
    open.put("status", "open");
    open.put("openedAt", minute.toString());
    open.put("resolvedAt", null);
    open.put("details", Map.of("samples", 7, "okRatio", 0.28));
    client.index(i -> i.index("channelwatch-incidents").id((String) open.get("id")).document(open));
    Map<String, Object> old = new HashMap<>(open);
    old.put("id", "service_unavailable:330000:web:0");
    old.put("status", "resolved");
    old.put("openedAt", "2026-01-01T00:00:00Z");
    old.put("resolvedAt", "2026-01-01T00:05:00Z");
    client.index(i -> i.index("channelwatch-incidents").id((String) old.get("id")).document(old));
    Map<String, Object> item =
        Map.of(
            "region", "330000",
            "itemCode", "ITEM-1",
            "itemName", "建设工程, \"消防\"验收",
            "consistent", false,
            "differingFields", java.util.List.of("fee"),
            "channels",
                Map.of(
                    "hall", Map.of("published", true, "depth", 1, "completeness", 1.0,
                        "keyFacts", Map.of("fee", "10")),
                    "web", Map.of("published", true, "depth", 4, "completeness", 0.5,
                        "keyFacts", Map.of("fee", "0")),
                    "app", Map.of("published", false),
                    "wechat", Map.of("published", false)));
    client.index(i -> i.index("channelwatch-items").id("330000:ITEM-1").document(item));
    client.indices().refresh(r -> r.index("channelwatch-*"));

    JsonNode overview = JSON.readTree(get("/api/overview").body());
    JsonNode zhejiang = null;
    for (JsonNode r : overview.path("regions")) {
      if (r.path("code").asText().equals("330000")) {
        zhejiang = r;
      }
    }
    assertThat(zhejiang.path("rank").asInt()).isEqualTo(1);
    assertThat(zhejiang.at("/scores/overall").asDouble()).isEqualTo(80.5);
    assertThat(zhejiang.path("openIncidents").asInt()).isEqualTo(1);
    assertThat(zhejiang.at("/lastHour/web/availability").asDouble()).isEqualTo(0.9);
    assertThat(zhejiang.at("/lastHour/wechat/availability").isNull()).isTrue();

    JsonNode incidents = JSON.readTree(get("/api/incidents?region=330000").body());
    // The one resolved long ago is no longer in the feed.
    assertThat(incidents.path("incidents").findValuesAsText("id"))
        .containsExactly("service_unavailable:330000:web:1");
    assertThat(incidents.path("openCount").asInt()).isEqualTo(1);

    // The last hour only: the documents of the earlier tests may be within a day of the clock.
    HttpResponse<String> regionView = get("/api/region?code=330000&range=1h");
    assertThat(regionView.statusCode()).isEqualTo(200);
    JsonNode trend = JSON.readTree(regionView.body());
    assertThat(trend.path("series")).hasSize(60);
    assertThat(trend.at("/totals/cases/submitted").asLong()).isEqualTo(4);
    assertThat(trend.at("/totals/cases/onlineShare").asDouble()).isEqualTo(0.75);
    assertThat(trend.at("/totals/access/web/availability").asDouble()).isEqualTo(0.9);
    assertThat(trend.at("/region/rank").asInt()).isEqualTo(1);
    boolean scored = false;
    for (JsonNode point : trend.path("series")) {
      scored |= point.at("/scores/overall").asDouble() == 80.5;
    }
    assertThat(scored).isTrue();

    JsonNode items = JSON.readTree(get("/api/items?region=330000&filter=inconsistent").body());
    assertThat(items.path("items").findValuesAsText("itemCode")).containsExactly("ITEM-1");

    HttpResponse<byte[]> csv =
        HTTP.send(
            java.net.http.HttpRequest.newBuilder(server.uri().resolve("/api/items.csv?region=330000"))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
    assertThat(csv.headers().firstValue("Content-Disposition"))
        .hasValue("attachment; filename=\"channelwatch-items-330000.csv\"");
    String text = new String(csv.body(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(text).startsWith("\uFEFF地区代码,").contains("\"建设工程, \"\"消防\"\"验收\"");
  }

  /** A per-minute document as contract 4.1 shapes it, web and hall carrying the given counts. */
  private static Map<String, Object> doc(
      String region, String name, String windowStart, int samples, int ok) {
    Instant start = Instant.parse(windowStart);
    Map<String, Object> channel = new HashMap<>();
    channel.put("samples", samples);
    channel.put("ok", ok);
    channel.put("okRatio", Math.round(10_000.0 * ok / samples) / 10_000.0);
    channel.put("p95LatencyMs", 900);
    Map<String, Object> silent = new HashMap<>();
    silent.put("samples", 0);
    silent.put("ok", 0);
    silent.put("okRatio", null);
    silent.put("p95LatencyMs", null);
    return Map.of(
        "region", region,
        "regionName", name,
        "windowStart", start.toString().replace("Z", ".000Z"),
        "windowEnd", start.plusSeconds(60).toString().replace("Z", ".000Z"),
        "access", Map.of("hall", channel, "web", channel, "app", channel, "wechat", silent),
        "cases", Map.of("submitted", 0));
  }

  @Test
  @Order(5)
  void aSearchWaitsForTheShardsOfAJustCreatedIndexInsteadOfFailing() throws Exception {
    // An index whose shard cannot start until allocation is allowed stands for one just created.
    String index = "channelwatch-starting";
    Request create = new Request("PUT", "/" + index);
    create.setJsonEntity(
        "{\"settings\":{\"number_of_replicas\":0,\"index.routing.allocation.require._name\":\"no-such-node\"}}");
    clients.lowLevel().performRequest(create);
    SearchClient search = SearchClient.over(clients.lowLevel(), Duration.ofSeconds(60));
    ObjectNode matchAll = JSON.createObjectNode();

    assertThatThrownBy(() -> SearchClient.over(clients.lowLevel(), Duration.ofMillis(500)).search(index, matchAll))
        .as("a shard that does not start within the wait is an outage")
        .isInstanceOf(ElasticsearchUnavailableException.class)
        .hasMessageContaining("503");
    CompletableFuture<JsonNode> answer =
        CompletableFuture.supplyAsync(() -> {
          try {
            return search.search(index, matchAll);
          } catch (ElasticsearchUnavailableException e) {
            throw new CompletionException(e);
          }
        });
    Thread.sleep(1_000);
    assertThat(answer).as("still waiting for the shard").isNotDone();
    Request allow = new Request("PUT", "/" + index + "/_settings");
    allow.setJsonEntity("{\"index.routing.allocation.require._name\":null}");
    clients.lowLevel().performRequest(allow);

    assertThat(answer.get(60, TimeUnit.SECONDS).at("/hits/total/value").asLong()).isZero();
  }

  private static void index(ElasticsearchClient client, String index, Map<String, Object> doc)
      throws IOException {
    String id =
        doc.get("region") + ":" + Instant.parse((String) doc.get("windowStart")).toEpochMilli();
    client.index(i -> i.index(index).id(id).document(doc));
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(server.uri().resolve(path)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
