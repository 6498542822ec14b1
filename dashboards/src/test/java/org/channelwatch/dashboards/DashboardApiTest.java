package org.channelwatch.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The API without HTTP or Elasticsearch: a fake search client records what is asked. */
class DashboardApiTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-11-25T08:30:00Z");

  private final List<String> searched = new ArrayList<>();
  private final List<ObjectNode> bodies = new ArrayList<>();

  private DashboardApi api(JsonNode answer) {
    SearchClient fake =
        (indices, body) -> {
          searched.add(indices);
          bodies.add(body);
          return answer;
        };
    return new DashboardApi(TestRegions.all(), fake, null, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void overviewReadsRegionsAndTheLastHourOfIndicators() throws Exception {
    JsonNode view = api(MAPPER.createObjectNode()).overview();

    assertThat(searched).containsExactly("channelwatch-regions", "channelwatch-indicators-*");
    assertThat(bodies.get(1).at("/query/bool/filter/0/range/windowStart/gte").asText())
        .isEqualTo("2026-11-25T07:30:00Z");
    assertThat(view.path("regions")).hasSize(32);
    assertThat(view.path("generatedAt").asText()).isEqualTo("2026-11-25T08:30:00Z");
  }

  @Test
  void regionsListNeedsNoElasticsearch() {
    JsonNode view = api(null).regions();
    assertThat(view.path("regions")).hasSize(32);
    assertThat(searched).isEmpty();
  }

  @Test
  void checksRegionRangeAndLimitBeforeSearching() {
    DashboardApi api = api(MAPPER.createObjectNode());
    assertThatThrownBy(() -> api.region(Map.of("code", "999999")))
        .isInstanceOf(BadRequestException.class);
    assertThatThrownBy(() -> api.region(Map.of()))
        .isInstanceOf(BadRequestException.class);
    assertThatThrownBy(() -> api.region(Map.of("code", "330000", "range", "3h")))
        .isInstanceOf(BadRequestException.class);
    assertThatThrownBy(() -> api.items(Map.of("region", "<script>")))
        .isInstanceOf(BadRequestException.class);
    assertThatThrownBy(() -> api.incidents(Map.of("limit", "0")))
        .isInstanceOf(BadRequestException.class);
    assertThatThrownBy(() -> api.incidents(Map.of("limit", "many")))
        .isInstanceOf(BadRequestException.class);
    assertThatThrownBy(() -> api.itemsCsv(Map.of("region", "330000", "lang", "fr")))
        .isInstanceOf(BadRequestException.class);
    assertThat(searched).hasSizeLessThanOrEqualTo(1);
  }

  @Test
  void regionViewAsksForTheChosenRange() throws Exception {
    JsonNode view = api(MAPPER.createObjectNode()).region(Map.of("code", "330000", "range", "7d"));

    assertThat(searched).containsExactly("channelwatch-regions", "channelwatch-indicators-*");
    assertThat(bodies.get(1).at("/aggs/over_time/date_histogram/fixed_interval").asText())
        .isEqualTo("1h");
    assertThat(view.path("range").asText()).isEqualTo("7d");
    assertThat(view.at("/region/nameZh").asText()).isEqualTo("浙江省");
  }

  @Test
  void incidentsOfOneRegionOrAll() throws Exception {
    DashboardApi api = api(MAPPER.createObjectNode());
    api.incidents(Map.of("region", "330000", "limit", "5"));
    api.incidents(Map.of());

    assertThat(searched).containsOnly("channelwatch-incidents");
    assertThat(bodies.get(0).path("size").asInt()).isEqualTo(5);
    assertThat(bodies.get(0).at("/query/bool/filter/0/term/region").asText()).isEqualTo("330000");
    assertThat(bodies.get(1).path("size").asInt()).isEqualTo(IncidentFeedView.DEFAULT_LIMIT);
  }

  @Test
  void csvExportIsAnAttachmentWithTheScreensFilter() throws Exception {
    DashboardApi api = api(ItemsViewTest.response());

    DashboardApi.Reply reply =
        api.itemsCsv(Map.of("region", "330000", "filter", "inconsistent", "lang", "en"));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).isEqualTo("text/csv; charset=utf-8");
    assertThat(reply.headers().get("Content-Disposition"))
        .isEqualTo("attachment; filename=\"channelwatch-items-330000.csv\"");
    String text = new String(reply.body(), StandardCharsets.UTF_8);
    assertThat(text.lines()).hasSize(2);
    assertThat(text).contains("A-1").doesNotContain("B-2");
  }

  @Test
  void queryStringsAreDecodedAsUtf8() throws Exception {
    assertThat(QueryParams.parse("q=%E8%BA%AB%E4%BB%BD&region=330000&q=second&flag"))
        .containsEntry("q", "身份")
        .containsEntry("region", "330000")
        .containsEntry("flag", "");
    assertThat(QueryParams.parse(null)).isEmpty();
    assertThatThrownBy(() -> QueryParams.parse("q=%zz")).isInstanceOf(BadRequestException.class);
  }
}
