package org.channelwatch.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentFeedViewTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-11-25T08:30:00Z");
  private static final RegionTile ZJ = new RegionTile("330000", "ZJ", "浙江省", "Zhejiang", 5, 5);

  @Test
  void listsOpenIncidentsFirstThenNewestWithDurations() throws Exception {
    JsonNode response =
        MAPPER.readTree(
            """
            {"hits":{"total":{"value":4},"hits":[
              {"_source":{"id":"service_unavailable:330000:web:1","kind":"service_unavailable",
                "severity":"critical","region":"330000","regionName":"浙江省","channel":"web",
                "status":"resolved","openedAt":"2026-11-25T08:00:00Z","resolvedAt":"2026-11-25T08:05:30Z",
                "detectedAt":"2026-11-25T08:01:01.5Z","details":{"samples":7,"okRatio":0.28}}},
              {"_source":{"id":"guide_inconsistent:330000:ITEM-1:2","kind":"guide_inconsistent",
                "severity":"major","region":"330000","itemCode":"ITEM-1","status":"open",
                "openedAt":"2026-11-25T07:00:00Z","resolvedAt":null,
                "details":{"fields":["fee","materials"],"values":{"web":{"fee":"0"}}}}},
              {"_source":{"id":"status_not_synced:999999:C-1:3","kind":"status_not_synced",
                "severity":"minor","region":"999999","regionName":"<b>Elsewhere</b>","caseIds":["C-1"],
                "openedAt":1795595400000}},
              {"_source":{"kind":"no id, so dropped","openedAt":"2026-11-25T08:00:00Z"}}]},
             "aggregations":{"open":{"doc_count":9}}}
            """);

    JsonNode view = IncidentFeedView.render(List.of(ZJ), response, NOW);

    assertThat(view.path("openCount").asLong()).isEqualTo(9);
    assertThat(view.path("total").asLong()).isEqualTo(4);
    JsonNode incidents = view.path("incidents");
    assertThat(incidents.findValuesAsText("id"))
        .containsExactly(
            "status_not_synced:999999:C-1:3",
            "guide_inconsistent:330000:ITEM-1:2",
            "service_unavailable:330000:web:1");

    JsonNode unsynced = incidents.get(0);
    // No status: open while resolvedAt is null; an unknown region keeps its own name, as text.
    assertThat(unsynced.path("status").asText()).isEqualTo("open");
    assertThat(unsynced.path("regionNameEn").asText()).isEqualTo("<b>Elsewhere</b>");
    assertThat(unsynced.path("caseIds").get(0).asText()).isEqualTo("C-1");
    assertThat(unsynced.path("openedAt").asText()).isEqualTo("2026-11-25T08:30:00Z");
    assertThat(unsynced.path("durationSeconds").asLong()).isZero();

    JsonNode guide = incidents.get(1);
    assertThat(guide.path("regionNameZh").asText()).isEqualTo("浙江省");
    assertThat(guide.path("regionNameEn").asText()).isEqualTo("Zhejiang");
    assertThat(guide.path("durationSeconds").asLong()).isEqualTo(5400);
    assertThat(guide.path("channel").isNull()).isTrue();
    assertThat(guide.at("/details/fields").toString()).isEqualTo("[\"fee\",\"materials\"]");

    JsonNode outage = incidents.get(2);
    assertThat(outage.path("status").asText()).isEqualTo("resolved");
    assertThat(outage.path("durationSeconds").asLong()).isEqualTo(330);
    assertThat(outage.at("/details/okRatio").asDouble()).isEqualTo(0.28);
    assertThat(outage.at("/details/samples").asLong()).isEqualTo(7);
    assertThat(outage.path("detectedAt").asText()).isEqualTo("2026-11-25T08:01:01.500Z");
  }

  @Test
  void withoutTheIndexTheFeedIsEmpty() throws Exception {
    JsonNode view = IncidentFeedView.render(List.of(ZJ), MAPPER.readTree("{}"), NOW);
    assertThat(view.path("incidents")).isEmpty();
    assertThat(view.path("openCount").asLong()).isZero();
  }
}
