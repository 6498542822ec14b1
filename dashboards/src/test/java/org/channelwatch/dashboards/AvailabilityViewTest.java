package org.channelwatch.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AvailabilityViewTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-11-25T00:02:03Z");
  private static final RegionTile ZJ = new RegionTile("330000", "ZJ", "浙江省", "Zhejiang", 5, 5);
  private static final RegionTile BJ = new RegionTile("110000", "BJ", "北京市", "Beijing", 5, 1);

  private static final String NO_DATA =
      "{\"samples\":0,\"ok\":0,\"okRatio\":null,\"p95LatencyMs\":null}";

  private static JsonNode json(String text) throws Exception {
    return MAPPER.readTree(text);
  }

  /** Compares as serialised, since an int node and a long node of equal value are not equal. */
  private static void assertSameJson(JsonNode actual, String expected) throws Exception {
    assertThat(MAPPER.writeValueAsString(actual))
        .isEqualTo(MAPPER.writeValueAsString(json(expected)));
  }

  @Test
  void copiesTheLatestWindowOfEachChannel() throws Exception {
    JsonNode doc =
        json(
            """
            {"region":"330000","regionName":"浙江省",
             "windowStart":"2026-11-25T00:01:00.000Z","windowEnd":"2026-11-25T00:02:00.000Z",
             "access":{
               "hall":{"samples":12,"ok":11,"okRatio":0.9167,"p95LatencyMs":840},
               "web":{"samples":10,"ok":6,"okRatio":0.6,"p95LatencyMs":1200},
               "app":{"samples":4,"ok":1,"okRatio":0.25,"p95LatencyMs":null},
               "wechat":{"samples":0,"ok":0,"okRatio":null,"p95LatencyMs":null}},
             "scores":{"overall":71.5}}
            """);

    ObjectNode view = AvailabilityView.render(List.of(ZJ), Map.of("330000", doc), NOW);

    assertSameJson(
        view,
        
                """
                {"regions":[{"code":"330000","abbr":"ZJ","nameZh":"浙江省","nameEn":"Zhejiang",
                  "tileCol":5,"tileRow":5,"windowStart":"2026-11-25T00:01:00Z",
                  "access":{
                    "hall":{"samples":12,"ok":11,"okRatio":0.9167,"p95LatencyMs":840},
                    "web":{"samples":10,"ok":6,"okRatio":0.6,"p95LatencyMs":1200},
                    "app":{"samples":4,"ok":1,"okRatio":0.25,"p95LatencyMs":null},
                    "wechat":{"samples":0,"ok":0,"okRatio":null,"p95LatencyMs":null}}}],
                 "generatedAt":"2026-11-25T00:02:03Z"}
                """);
  }

  @Test
  void listsRegionsWithoutDataWithEveryChannelEmpty() throws Exception {
    ObjectNode view = AvailabilityView.render(List.of(BJ, ZJ), Map.of(), NOW);

    JsonNode beijing = view.path("regions").get(0);
    assertThat(view.path("regions")).hasSize(2);
    assertThat(beijing.path("code").asText()).isEqualTo("110000");
    assertThat(beijing.path("nameEn").asText()).isEqualTo("Beijing");
    assertThat(beijing.path("windowStart").isNull()).isTrue();
    assertThat(beijing.path("access").size()).isEqualTo(4);
    for (String channel : AvailabilityView.CHANNELS) {
      assertSameJson(beijing.path("access").path(channel), NO_DATA);
    }
  }

  @Test
  void keepsTheGivenOrderAndIgnoresRegionsNotListed() throws Exception {
    JsonNode doc = json("{\"region\":\"999999\",\"windowStart\":\"2026-11-25T00:00:00.000Z\"}");

    ObjectNode view = AvailabilityView.render(List.of(ZJ, BJ), Map.of("999999", doc), NOW);

    assertThat(view.path("regions").findValuesAsText("code")).containsExactly("330000", "110000");
  }

  @Test
  void treatsMissingOrMalformedChannelFiguresAsNoData() throws Exception {
    JsonNode doc =
        json(
            """
            {"region":"330000","windowStart":1795564860000,
             "access":{"hall":{"samples":"12","okRatio":"0.9"},
                       "web":{"samples":3,"ok":3,"okRatio":1.7,"p95LatencyMs":-5}}}
            """);

    JsonNode zhejiang =
        AvailabilityView.render(List.of(ZJ), Map.of("330000", doc), NOW).path("regions").get(0);

    assertThat(zhejiang.path("windowStart").asText()).isEqualTo("2026-11-25T00:01:00Z");
    assertSameJson(zhejiang.path("access").path("hall"), NO_DATA);
    assertSameJson(
        zhejiang.path("access").path("web"),
        "{\"samples\":3,\"ok\":3,\"okRatio\":null,\"p95LatencyMs\":null}");
    assertThat(zhejiang.path("access").path("wechat").path("okRatio").isNull()).isTrue();
  }

  @Test
  void readsWindowStartInTheFormatsElasticsearchMayReturn() {
    assertThat(AvailabilityView.instant(MAPPER.getNodeFactory().textNode("2026-11-25T08:01:00+08:00")))
        .isEqualTo(Instant.parse("2026-11-25T00:01:00Z"));
    assertThat(AvailabilityView.instant(MAPPER.getNodeFactory().textNode("1795564860000")))
        .isEqualTo(Instant.parse("2026-11-25T00:01:00Z"));
    assertThat(AvailabilityView.instant(MAPPER.getNodeFactory().textNode("yesterday"))).isNull();
    assertThat(AvailabilityView.instant(MAPPER.getNodeFactory().nullNode())).isNull();
  }
}
