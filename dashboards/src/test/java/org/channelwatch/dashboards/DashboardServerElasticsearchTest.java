package org.channelwatch.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.channelwatch.connectors.elasticsearch.ElasticsearchConnection;
import org.channelwatch.connectors.elasticsearch.IndexTemplates;
import org.channelwatch.connectors.local.LocalElasticsearch;
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
