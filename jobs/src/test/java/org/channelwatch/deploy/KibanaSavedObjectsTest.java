package org.channelwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** dashboards/kibana/channelwatch.ndjson against itself and our index templates. */
class KibanaSavedObjectsTest {
  static final String FILE = "dashboards/kibana/channelwatch.ndjson";
  static final String[] TEMPLATES = {
    "channelwatch-indicators", "channelwatch-regions", "channelwatch-items", "channelwatch-incidents",
    "channelwatch-deadletter"
  };

  static List<JsonNode> objects;
  final SavedObjectsChecker checker = new SavedObjectsChecker(IndexTemplate::forIndex);

  @BeforeAll
  static void load() {
    List<String> problems = new ArrayList<>();
    objects = SavedObjectsChecker.parseNdjson(Repo.read(FILE), problems);
    assertThat(problems).as("lines of " + FILE).isEmpty();
  }

  @Test
  void everyLineIsASavedObjectWithIdTypeAndAttributes() {
    long lines = Repo.read(FILE).lines().filter(l -> !l.isBlank()).count();
    assertThat(objects).hasSize((int) lines).isNotEmpty();
    for (JsonNode object : objects) {
      assertThat(object.path("id").asText()).as("id of %s", object.path("type")).isNotBlank();
      assertThat(object.path("type").asText()).as("type of %s", object.path("id")).isNotBlank();
      assertThat(object.path("attributes").isObject()).as("attributes of %s", object.path("id")).isTrue();
    }
  }

  @Test
  void referencesResolveAndFieldsExistInTheIndexTemplates() {
    assertThat(checker.check(objects)).isEmpty();
  }

  @Test
  void everyTemplateLoadsFromTheClassPath() {
    for (String name : TEMPLATES) {
      IndexTemplate template = IndexTemplate.load(name).orElseThrow(() -> new AssertionError("no template " + name));
      assertThat(template.fields).as(name).isNotEmpty();
    }
    IndexTemplate indicators = IndexTemplate.load("channelwatch-indicators").orElseThrow();
    assertThat(indicators.fields)
        .containsEntry("windowStart", "date")
        .containsEntry("access.wechat.okRatio", "double")
        .containsEntry("catalog.depth.4", "long")
        .containsEntry("access", "object");
    assertThat(indicators.covers("channelwatch-indicators-2026.11.25")).isTrue();
    assertThat(IndexTemplate.forIndex("channelwatch-indicators-*")).isPresent();
    assertThat(IndexTemplate.forIndex("channelwatch-nothing")).isEmpty();
  }

  @Test
  void aDataViewForEveryIndexWithItsTimeField() {
    Map<String, String> timeFieldByTitle = new LinkedHashMap<>();
    for (JsonNode object : ofType("index-pattern")) {
      timeFieldByTitle.put(
          object.path("attributes").path("title").asText(), object.path("attributes").path("timeFieldName").asText());
    }
    assertThat(timeFieldByTitle)
        .containsExactlyInAnyOrderEntriesOf(Map.of(
            "channelwatch-indicators-*", "windowStart",
            "channelwatch-regions", "updatedAt",
            "channelwatch-items", "updatedAt",
            "channelwatch-incidents", "openedAt",
            "channelwatch-deadletter", "receivedAt"));
  }

  @Test
  void threeDashboardsOfLensChartsAndSavedSearches() {
    List<JsonNode> dashboards = ofType("dashboard");
    assertThat(dashboards.stream().map(d -> d.path("attributes").path("title").asText()))
        .containsExactlyInAnyOrder(
            "ChannelWatch: national overview", "ChannelWatch: incidents", "ChannelWatch: item integration");
    for (JsonNode dashboard : dashboards) {
      assertThat(dashboard.path("references")).as(dashboard.path("id").asText()).isNotEmpty();
      for (JsonNode reference : dashboard.path("references")) {
        assertThat(reference.path("type").asText()).isIn("lens", "search");
      }
    }
  }

  @Test
  void theIncidentListShowsOpenIncidentsFirst() {
    JsonNode list = byId("channelwatch-search-incidents");
    // "open" sorts before "resolved": ascending status puts open incidents on top.
    assertThat("open").isLessThan("resolved");
    assertThat(list.path("attributes").path("sort").path(0).toString()).isEqualTo("[\"status\",\"asc\"]");
    assertThat(referencedIds("channelwatch-dashboard-incidents")).contains("channelwatch-search-incidents");
  }

  @Test
  void theOverviewShowsScoresByRegionAndAvailabilityByChannelOverTime() {
    assertThat(referencedIds("channelwatch-dashboard-overview"))
        .contains("channelwatch-lens-score-by-region", "channelwatch-lens-availability-by-channel");
    JsonNode availability = byId("channelwatch-lens-availability-by-channel");
    String columns = availability.path("attributes").path("state").path("datasourceStates").toString();
    for (String channel : List.of("hall", "web", "app", "wechat")) {
      assertThat(columns).contains("\"access." + channel + ".okRatio\"");
    }
    assertThat(columns).contains("\"date_histogram\"").contains("\"windowStart\"");
  }

  @Test
  void theItemDashboardShowsItemsByChannelsConsistencyAndDifferingFields() {
    String all = referencedIds("channelwatch-dashboard-items").stream()
        .map(id -> byId(id).toString())
        .collect(Collectors.joining("\n"));
    assertThat(all).contains("\"consistent\"").contains("\"differingFields\"").contains("channels.wechat.");
  }

  // ---- the checker finds what is wrong --------------------------------------------------------

  @Test
  void aFieldMissingFromTheTemplateIsAProblem() {
    List<JsonNode> changed = copy();
    ObjectNode column = (ObjectNode) lensColumn(changed, "channelwatch-lens-score-by-region", "score");
    column.put("sourceField", "scores.overal");
    assertThat(checker.check(changed)).anyMatch(p -> p.contains("'scores.overal' is not in channelwatch-regions"));
  }

  @Test
  void anOperationOnAFieldOfTheWrongTypeIsAProblem() {
    List<JsonNode> changed = copy();
    ObjectNode column = (ObjectNode) lensColumn(changed, "channelwatch-lens-score-by-region", "score");
    column.put("sourceField", "regionName");
    assertThat(checker.check(changed)).anyMatch(p -> p.contains("average cannot work on 'regionName'"));
  }

  @Test
  void aWrongTimeFieldOrQueryFieldIsAProblem() {
    List<JsonNode> changed = copy();
    ((ObjectNode) find(changed, "channelwatch-dv-incidents").path("attributes")).put("timeFieldName", "kind");
    ((ObjectNode) find(changed, "channelwatch-lens-incidents-open-count").path("attributes").path("state").path("query"))
        .put("query", "state : \"open\"");
    assertThat(checker.check(changed))
        .anyMatch(p -> p.contains("time field 'kind' is of type keyword"))
        .anyMatch(p -> p.contains("field 'state' is not in channelwatch-incidents"));
  }

  @Test
  void aReferenceToAnObjectNotInTheFileIsAProblem() {
    List<JsonNode> changed = copy();
    changed.removeIf(o -> o.path("id").asText().equals("channelwatch-lens-score-by-region"));
    assertThat(checker.check(changed))
        .anyMatch(p -> p.startsWith("dashboard:channelwatch-dashboard-overview")
            && p.contains("lens:channelwatch-lens-score-by-region, which is not in the file"));
  }

  @Test
  void aPanelWithoutItsReferenceIsAProblem() {
    List<JsonNode> changed = copy();
    ArrayNode references = (ArrayNode) find(changed, "channelwatch-dashboard-items").path("references");
    references.remove(0);
    assertThat(checker.check(changed)).anyMatch(p -> p.contains("panel p1: no reference named 'p1:panel_p1'"));
  }

  @Test
  void aLineThatIsNotJsonIsAProblem() {
    List<String> problems = new ArrayList<>();
    List<JsonNode> parsed = SavedObjectsChecker.parseNdjson("{\"id\":\"a\"}\n{not json\n\n[1]\n", problems);
    assertThat(parsed).hasSize(1);
    assertThat(problems).hasSize(2);
    assertThat(problems.get(0)).startsWith("line 2: invalid JSON");
    assertThat(problems.get(1)).startsWith("line 4: not a JSON object");
  }

  @Test
  void kqlFieldsAreFoundOutsideQuotedValues() {
    assertThat(SavedObjectsChecker.kqlFields("status : \"open: now\" and not severity:minor or rank >= 3"))
        .containsExactly("status", "severity", "rank");
  }

  // ---- helpers -------------------------------------------------------------------------------

  static List<JsonNode> ofType(String type) {
    return objects.stream().filter(o -> o.path("type").asText().equals(type)).toList();
  }

  static JsonNode byId(String id) {
    return find(objects, id);
  }

  static JsonNode find(List<JsonNode> in, String id) {
    return in.stream()
        .filter(o -> o.path("id").asText().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no saved object " + id));
  }

  static List<String> referencedIds(String id) {
    List<String> ids = new ArrayList<>();
    byId(id).path("references").forEach(r -> ids.add(r.path("id").asText()));
    return ids;
  }

  static List<JsonNode> copy() {
    List<JsonNode> copies = new ArrayList<>();
    objects.forEach(o -> copies.add(o.deepCopy()));
    return copies;
  }

  static JsonNode lensColumn(List<JsonNode> in, String lensId, String columnId) {
    return find(in, lensId).path("attributes").path("state").path("datasourceStates").path("formBased")
        .path("layers").path("layer1").path("columns").path(columnId);
  }
}
