package org.channelwatch.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.channelwatch.connectors.elasticsearch.ElasticsearchConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP surface that needs no data: routing, static files and Elasticsearch being away. */
class DashboardServerTest {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static DashboardServer server;

  @BeforeAll
  static void startAgainstAnElasticsearchThatIsNotThere() throws IOException {
    int deadPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      deadPort = socket.getLocalPort();
    }
    server =
        DashboardServer.start(
            ElasticsearchConnection.of("http://127.0.0.1:" + deadPort), TestRegions.all(), 0);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(server.uri().resolve(path)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void bindsToLoopbackByDefault() {
    assertThat(server.uri().getHost()).isEqualTo("127.0.0.1");
    assertThat(server.uri().getPort()).isPositive();
  }

  @Test
  void reportsAnUnreachableElasticsearchAs503() throws Exception {
    HttpResponse<String> response = get("/api/availability");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    JsonNode body = new ObjectMapper().readTree(response.body());
    assertThat(body.path("error").asText()).isEqualTo("elasticsearch_unavailable");
    assertThat(body.path("message").asText()).isEqualTo("Elasticsearch unreachable");
  }

  @Test
  void answersHealthChecksWithoutElasticsearch() throws Exception {
    HttpResponse<String> response = get("/healthz");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("ok");
  }

  @Test
  void servesThePageAndItsFilesFromTheClassPath() throws Exception {
    HttpResponse<String> page = get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(page.body()).contains("<title>ChannelWatch</title>", "app.js", "style.css");
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
        csp -> assertThat(csp).contains("default-src 'self'"));

    HttpResponse<String> script = get("/app.js");
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.headers().firstValue("Content-Type"))
        .hasValue("text/javascript; charset=utf-8");
    assertThat(script.body())
        .contains("api/overview", "api/incidents", "api/region", "api/items", "textContent")
        .contains("renderMode: 'richText'")
        .doesNotContain(".innerHTML", ".outerHTML", "insertAdjacentHTML", "document.write", "eval(");

    assertThat(get("/style.css").statusCode()).isEqualTo(200);
  }

  @Test
  void servesEChartsFromItsWebJarWithoutACdn() throws Exception {
    HttpResponse<String> page = get("/");
    assertThat(page.body())
        .contains("src=\"webjars/echarts/5.3.1/dist/echarts.min.js\"")
        .doesNotContain("//cdn", "https://");

    HttpResponse<String> echarts = get("/webjars/echarts/5.3.1/dist/echarts.min.js");
    assertThat(echarts.statusCode()).isEqualTo(200);
    assertThat(echarts.headers().firstValue("Content-Type"))
        .hasValue("text/javascript; charset=utf-8");
    assertThat(echarts.headers().firstValue("Cache-Control"))
        .hasValue("public, max-age=31536000, immutable");
    assertThat(echarts.body()).contains("echarts").hasSizeGreaterThan(500_000);

    assertThat(get("/webjars/echarts/5.3.1/dist/nope.js").statusCode()).isEqualTo(404);
    assertThat(get("/webjars/../org/channelwatch/dashboards/web/app.js").statusCode())
        .isEqualTo(404);
    assertThat(get("/webjars/echarts/5.3.1/package.json.class").statusCode()).isEqualTo(404);
  }

  @Test
  void listsRegionsWithoutElasticsearchAndRefusesBadParameters() throws Exception {
    HttpResponse<String> regions = get("/api/regions");
    assertThat(regions.statusCode()).isEqualTo(200);
    assertThat(new ObjectMapper().readTree(regions.body()).path("regions")).hasSize(32);

    for (String path :
        List.of(
            "/api/region?code=999999",
            "/api/region",
            "/api/region?code=330000&range=5y",
            "/api/items?region=%3Cscript%3E",
            "/api/items.csv?region=330000&sort=random",
            "/api/incidents?limit=-1")) {
      HttpResponse<String> response = get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(400);
      assertThat(new ObjectMapper().readTree(response.body()).path("error").asText())
          .isEqualTo("bad_request");
    }
  }

  @Test
  void everyDataResourceReports503WhileElasticsearchIsAway() throws Exception {
    for (String path :
        List.of(
            "/api/overview",
            "/api/incidents",
            "/api/region?code=330000&range=24h",
            "/api/items?region=330000",
            "/api/items.csv?region=330000")) {
      assertThat(get(path).statusCode()).as(path).isEqualTo(503);
    }
  }

  @Test
  void refusesEverythingButGet() throws Exception {
    for (String method : List.of("POST", "PUT", "DELETE", "HEAD")) {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(server.uri().resolve("/api/availability"))
                  .method(method, HttpRequest.BodyPublishers.ofString("{}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(method).isEqualTo(405);
      assertThat(response.headers().firstValue("Allow")).as(method).hasValue("GET");
    }
  }

  @Test
  void answersUnknownPathsWith404() throws Exception {
    for (String path :
        List.of(
            "/nope",
            "/api/nope",
            "/api/availability/extra",
            "/index.htm",
            "/../DashboardServer.class",
            "/%2e%2e/DashboardServer.class",
            "/org/channelwatch/dashboards/DashboardServer.class",
            "/.hidden.js")) {
      assertThat(get(path).statusCode()).as(path).isEqualTo(404);
    }
  }

  @Test
  void refusesARegionListedTwice() {
    RegionTile zj = new RegionTile("330000", "ZJ", "浙江省", "Zhejiang", 5, 5);
    assertThatThrownBy(
            () ->
                DashboardServer.start(
                    ElasticsearchConnection.of("http://127.0.0.1:9"), List.of(zj, zj), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("330000");
  }
}
