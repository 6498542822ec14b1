package org.channelwatch.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ItemsViewTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-11-25T08:30:00Z");
  private static final RegionTile ZJ = new RegionTile("330000", "ZJ", "浙江省", "Zhejiang", 5, 5);

  static final String RESPONSE =
      """
      {"hits":{"total":{"value":3},"hits":[
        {"_source":{"region":"330000","itemCode":"A-1","itemName":"居民身份证换领",
          "consistent":false,"differingFields":["fee","bogus"],"updatedAt":"2026-11-25T08:00:00Z",
          "channels":{
            "hall":{"published":true,"revision":3,"itemName":"居民身份证换领","depth":1,"completeness":1.0,
              "publishedAt":"2026-11-25T07:00:00Z",
              "features":{"unifiedAuth":false,"eLicense":false,"onlinePayment":false},
              "keyFacts":{"conditions":"本人","materials":["身份证","照片"],"timeLimitDays":5,"fee":"20"}},
            "web":{"published":true,"revision":null,"itemName":"居民身份证换领","depth":4,"completeness":0.5,
              "features":{"unifiedAuth":true,"eLicense":false,"onlinePayment":true},
              "keyFacts":{"conditions":"本人","materials":["身份证"],"timeLimitDays":5,"fee":"0"}},
            "app":{"published":false,"revision":2},
            "wechat":{"published":false,"revision":null}}}},
        {"_source":{"region":"330000","itemCode":"B-2","itemName":"<img src=x onerror=alert(1)>",
          "consistent":true,"differingFields":[],
          "channels":{
            "hall":{"published":true,"depth":1,"completeness":0.25,"keyFacts":{"fee":"=1+1"}},
            "web":{"published":true,"depth":2,"completeness":0.25,"keyFacts":{}},
            "app":{"published":true,"depth":2,"completeness":0.25,"keyFacts":{}},
            "wechat":{"published":true,"depth":2,"completeness":0.25,"keyFacts":{}}}}},
        {"_source":{"region":"330000","itemCode":"C-3","itemName":"不动产登记, \\"首次\\"",
          "channels":{"hall":{"published":true,"depth":1,"completeness":0.75}}}}]}}
      """;

  static JsonNode response() throws Exception {
    return MAPPER.readTree(RESPONSE);
  }

  private static JsonNode render(Map<String, String> params) throws Exception {
    return ItemsView.render(ZJ, response(), ItemQuery.of(params), NOW);
  }

  @Test
  void shapesEveryChannelOfEveryItem() throws Exception {
    JsonNode view = render(Map.of());

    assertThat(view.path("total").asInt()).isEqualTo(3);
    assertThat(view.path("shown").asInt()).isEqualTo(3);
    assertThat(view.path("inconsistent").asInt()).isEqualTo(1);
    assertThat(view.path("truncated").asBoolean()).isFalse();
    assertThat(view.at("/region/code").asText()).isEqualTo("330000");
    JsonNode a = view.path("items").get(0);
    assertThat(a.path("itemCode").asText()).isEqualTo("A-1");
    assertThat(a.path("consistent").asBoolean()).isFalse();
    // Only the contract's key facts are named as differing.
    assertThat(a.path("differingFields").toString()).isEqualTo("[\"fee\"]");
    assertThat(a.path("publishedOn").toString()).isEqualTo("[\"hall\",\"web\"]");
    assertThat(a.path("completenessMean").asDouble()).isEqualTo(0.75);
    assertThat(a.at("/channels/web/depth").asInt()).isEqualTo(4);
    assertThat(a.at("/channels/web/features/onlinePayment").asBoolean()).isTrue();
    assertThat(a.at("/channels/hall/keyFacts/materials").toString()).isEqualTo("[\"身份证\",\"照片\"]");
    assertThat(a.at("/channels/hall/keyFacts/timeLimitDays").asInt()).isEqualTo(5);
    assertThat(a.at("/channels/app/published").asBoolean()).isFalse();
    assertThat(a.at("/channels/app/revision").asInt()).isEqualTo(2);
    assertThat(a.at("/channels/app").has("keyFacts")).isFalse();

    JsonNode c = view.path("items").get(2);
    // No consistent field: consistent when nothing differs.
    assertThat(c.path("consistent").asBoolean()).isTrue();
    assertThat(c.at("/channels/wechat/published").asBoolean()).isFalse();
  }

  @Test
  void filtersByTextAndKind() throws Exception {
    assertThat(render(Map.of("q", "身份证")).path("items").findValuesAsText("itemCode"))
        .containsExactly("A-1");
    assertThat(render(Map.of("q", " b-2 ")).path("items").findValuesAsText("itemCode"))
        .containsExactly("B-2");
    assertThat(render(Map.of("q", "<IMG")).path("items").findValuesAsText("itemCode"))
        .containsExactly("B-2");
    assertThat(render(Map.of("filter", "inconsistent")).path("items").findValuesAsText("itemCode"))
        .containsExactly("A-1");
    assertThat(render(Map.of("filter", "partial")).path("items").findValuesAsText("itemCode"))
        .containsExactly("A-1", "C-3");
    JsonNode none = render(Map.of("q", "nothing like it"));
    assertThat(none.path("shown").asInt()).isZero();
    assertThat(none.path("total").asInt()).isEqualTo(3);
  }

  @Test
  void sortsByCodeNameInconsistencyOrCompleteness() throws Exception {
    assertThat(render(Map.of("sort", "code")).path("items").findValuesAsText("itemCode"))
        .containsExactly("A-1", "B-2", "C-3");
    assertThat(render(Map.of("sort", "completeness")).path("items").findValuesAsText("itemCode"))
        .containsExactly("B-2", "A-1", "C-3");
    assertThat(render(Map.of("sort", "inconsistent")).path("items").findValuesAsText("itemCode"))
        .startsWith("A-1");
    assertThat(render(Map.of("sort", "name")).path("items")).hasSize(3);
  }

  @Test
  void refusesUnknownOptions() {
    assertThatThrownBy(() -> ItemQuery.of(Map.of("filter", "odd")))
        .isInstanceOf(BadRequestException.class);
    assertThatThrownBy(() -> ItemQuery.of(Map.of("sort", "random")))
        .isInstanceOf(BadRequestException.class);
    assertThatThrownBy(() -> ItemQuery.of(Map.of("q", "x".repeat(201))))
        .isInstanceOf(BadRequestException.class);
  }

  @Test
  void saysWhenTheListIsCut() throws Exception {
    JsonNode response =
        MAPPER.readTree(
            "{\"hits\":{\"total\":{\"value\":12000},\"hits\":[{\"_source\":{\"itemCode\":\"A\"}}]}}");
    assertThat(ItemsView.render(ZJ, response, ItemQuery.ALL, NOW).path("truncated").asBoolean())
        .isTrue();
  }
}
