package org.channelwatch.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.channelwatch.indicators.TestEvents.T0;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;
import java.util.TreeSet;
import org.channelwatch.connectors.elasticsearch.EsDocument;
import org.channelwatch.connectors.elasticsearch.IndexTemplates;
import org.channelwatch.domain.AccessOutcome;
import org.channelwatch.domain.Channel;
import org.channelwatch.domain.ChannelEvent;
import org.channelwatch.domain.EventType;
import org.channelwatch.domain.Guide;
import org.channelwatch.domain.IncidentKind;
import org.channelwatch.domain.VisitPurpose;
import org.junit.jupiter.api.Test;

class IndicatorDocumentsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void namesIndexAndIdAsTheContractSays() {
    long start = Instant.parse("2026-11-25T23:59:00Z").toEpochMilli();
    assertThat(IndicatorDocuments.indexFor(start)).isEqualTo("channelwatch-indicators-2026.11.25");
    assertThat(IndicatorDocuments.idFor("330000", start)).isEqualTo("330000:" + start);
  }

  @Test
  void writesAllFourChannelsWithNullsForQuietOnes() throws Exception {
    RegionMinute minute = new RegionMinute();
    ChannelEvent access = new ChannelEvent();
    access.type = EventType.SERVICE_ACCESS;
    access.channel = Channel.APP;
    access.outcome = AccessOutcome.OK;
    access.latencyMs = 182L;
    minute.add(access);
    long start = Instant.parse("2026-11-25T00:00:00Z").toEpochMilli();

    EsDocument doc = IndicatorDocuments.document("330000", start, start + 60_000, minute);

    JsonNode json = new ObjectMapper().readTree(doc.source());
    assertThat(json.get("regionName").asText()).isEqualTo("浙江省");
    assertThat(json.get("windowStart").asText()).isEqualTo("2026-11-25T00:00:00Z");
    assertThat(json.get("windowEnd").asText()).isEqualTo("2026-11-25T00:01:00Z");
    assertThat(json.at("/access/app/samples").asLong()).isEqualTo(1);
    assertThat(json.at("/access/app/okRatio").asDouble()).isEqualTo(1.0);
    assertThat(json.at("/access/app/p95LatencyMs").asLong()).isEqualTo(182);
    assertThat(json.at("/access/hall/samples").asLong()).isZero();
    assertThat(json.at("/access/hall/okRatio").isNull()).isTrue();
    assertThat(json.at("/access/wechat/p95LatencyMs").isNull()).isTrue();
  }

  private static EsDocument sampleMinuteDocument() {
    RegionMinute minute = new RegionMinute();
    minute.add(TestEvents.access(Channel.WEB, T0, true, 120L));
    minute.countSubmission(Channel.WEB);
    minute.countSubmission(Channel.HALL);
    minute.countVisit(VisitPurpose.PICKUP);
    minute.countRating(1, 2);
    minute.countRating(5, 2);
    CatalogFigures catalog = new CatalogFigures();
    catalog.items = 3;
    catalog.itemsOnline = 2;
    catalog.itemsByDepth[4] = 2;
    catalog.onlinePublications = 2;
    catalog.onlinePresentElements = 18;
    long[] open = new long[IncidentKind.values().length];
    open[IncidentKind.CHANNEL_SILENT.ordinal()] = 2;
    ChannelAvailability availability = new ChannelAvailability();
    availability.update(minute);
    Scores scores = Scores.compute(availability, catalog, IndicatorSettings.defaults());
    return IndicatorDocuments.minuteDocument("330000", T0, minute, catalog, open, scores);
  }

  @Test
  void writesEveryFieldOfContract41() throws Exception {
    EsDocument doc = sampleMinuteDocument();
    assertThat(doc.index()).isEqualTo("channelwatch-indicators-2026.11.25");
    assertThat(doc.id()).isEqualTo("330000:" + T0);
    JsonNode json = JSON.readTree(doc.source());
    assertThat(json.at("/cases/submitted").asLong()).isEqualTo(2);
    assertThat(json.at("/cases/submittedOnline").asLong()).isEqualTo(1);
    assertThat(json.at("/visits/total").asLong()).isEqualTo(1);
    assertThat(json.at("/visits/byPurpose/pickup").asLong()).isEqualTo(1);
    assertThat(json.at("/ratings/count").asLong()).isEqualTo(2);
    assertThat(json.at("/ratings/sum").asLong()).isEqualTo(6);
    assertThat(json.at("/ratings/bad").asLong()).isEqualTo(1);
    assertThat(json.at("/catalog/depth/4").asLong()).isEqualTo(2);
    assertThat(json.at("/catalog/completenessMean").asDouble()).isEqualTo(0.75);
    assertThat(json.at("/incidents/open/channel_silent").asLong()).isEqualTo(2);
    assertThat(json.at("/scores/reachable").asDouble()).isEqualTo(25.0);
    assertThat(json.at("/scores/visible").asDouble()).isEqualTo(66.7);
  }

  @Test
  void theMinuteDocumentHasExactlyTheFieldsOfItsIndexTemplate() throws Exception {
    JsonNode json = JSON.readTree(sampleMinuteDocument().source());
    assertThat(leafPaths(json, "")).isEqualTo(mappedPaths("channelwatch-indicators"));
  }

  @Test
  void theItemDocumentShowsEveryChannelAndTheDifferences() throws Exception {
    Guide tenDays = TestEvents.completeGuide();
    tenDays.timeLimitDays = 10L;
    tenDays.fee = "0.00";
    CatalogItem item = new CatalogItem("A");
    item.apply(TestEvents.published("A", Channel.WEB, T0, 3L));
    item.apply(TestEvents.published("A", Channel.HALL, T0 + 1000, 7L, 1, tenDays));
    item.apply(TestEvents.withdrawn("A", Channel.WECHAT, T0 + 2000, 2L));

    EsDocument doc = IndicatorDocuments.itemDocument("330000", item);

    assertThat(doc.index()).isEqualTo("channelwatch-items");
    assertThat(doc.id()).isEqualTo("330000:A");
    JsonNode json = JSON.readTree(doc.source());
    assertThat(json.get("itemName").asText()).isEqualTo("企业名称变更登记");
    assertThat(json.get("consistent").asBoolean()).isFalse();
    assertThat(json.get("differingFields")).hasSize(1);
    assertThat(json.at("/differingFields/0").asText()).isEqualTo("timeLimitDays");
    assertThat(json.at("/channels/web/published").asBoolean()).isTrue();
    assertThat(json.at("/channels/web/revision").asLong()).isEqualTo(3);
    assertThat(json.at("/channels/web/completeness").asDouble()).isEqualTo(1.0);
    assertThat(json.at("/channels/web/publishedAt").asText()).isEqualTo("2026-11-25T00:00:00Z");
    assertThat(json.at("/channels/hall/keyFacts/timeLimitDays").asLong()).isEqualTo(10);
    assertThat(json.at("/channels/hall/keyFacts/fee").asText()).isEqualTo("0.00");
    assertThat(json.at("/channels/hall/keyFacts/materials")).hasSize(2);
    assertThat(json.at("/channels/wechat/published").asBoolean()).isFalse();
    assertThat(json.at("/channels/wechat/revision").asLong()).isEqualTo(2);
    assertThat(json.at("/channels/app/published").asBoolean()).isFalse();
    assertThat(json.at("/channels/app/revision").isNull()).isTrue();
    assertThat(json.get("updatedAt").asText()).isEqualTo("2026-11-25T00:00:02Z");

    TreeSet<String> mapped = mappedPaths("channelwatch-items");
    assertThat(mapped).containsAll(leafPaths(json, ""));
  }

  @Test
  void theRegionDocumentIsTheMinuteDocumentWithRankAndOpenIncidents() throws Exception {
    EsDocument minute = sampleMinuteDocument();
    RegionSnapshot snapshot =
        new RegionSnapshot("330000", T0, 50.0, new String[] {"channel_silent:330000:app:1", "channel_silent:330000:web:2"}, minute.source());

    EsDocument doc = IndicatorDocuments.regionDocument(snapshot, 3);

    assertThat(doc.index()).isEqualTo("channelwatch-regions");
    assertThat(doc.id()).isEqualTo("330000");
    JsonNode json = JSON.readTree(doc.source());
    assertThat(json.get("rank").asInt()).isEqualTo(3);
    assertThat(json.get("openIncidentIds")).hasSize(2);
    assertThat(json.get("updatedAt").asText()).isEqualTo("2026-11-25T00:01:00Z");
    assertThat(leafPaths(json, "")).isEqualTo(mappedPaths("channelwatch-regions"));
    assertThat(JSON.readTree(IndicatorDocuments.regionDocument(snapshot, null).source()).get("rank").isNull()).isTrue();
  }

  /** Paths of a document's values, objects descended into, arrays as one value. */
  private static TreeSet<String> leafPaths(JsonNode node, String prefix) {
    TreeSet<String> paths = new TreeSet<>();
    if (!node.isObject()) {
      paths.add(prefix);
      return paths;
    }
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      paths.addAll(leafPaths(field.getValue(), prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey()));
    }
    return paths;
  }

  /** Paths of the fields an index template maps. */
  private static TreeSet<String> mappedPaths(String template) {
    JsonNode properties = IndexTemplates.bodies(0).get(template).at("/template/mappings/properties");
    return mappedPaths(properties, "");
  }

  private static TreeSet<String> mappedPaths(JsonNode properties, String prefix) {
    TreeSet<String> paths = new TreeSet<>();
    for (Map.Entry<String, JsonNode> field : properties.properties()) {
      String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
      JsonNode nested = field.getValue().get("properties");
      if (nested == null) {
        paths.add(path);
      } else {
        paths.addAll(mappedPaths(nested, path));
      }
    }
    return paths;
  }
}
