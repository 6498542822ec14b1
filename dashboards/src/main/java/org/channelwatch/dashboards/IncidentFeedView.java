package org.channelwatch.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Shapes the incident feed ({@code /api/incidents}): open incidents first, then the newest, each
 * with its region's names and how long it has been (or was) open.
 */
public final class IncidentFeedView {

  /** How long a resolved incident stays in the feed. */
  public static final Duration RECENT = Duration.ofHours(24);

  /** How many incidents the feed lists by default, and at most. */
  public static final int DEFAULT_LIMIT = 50;

  public static final int MAX_LIMIT = 500;

  private static final Comparator<ObjectNode> OPEN_FIRST_NEWEST_FIRST =
      Comparator.<ObjectNode, Boolean>comparing(i -> !"open".equals(i.path("status").asText()))
          .thenComparing(
              i -> i.path("openedAt").asText(""), Comparator.<String>reverseOrder())
          .thenComparing(i -> i.path("id").asText(""));

  private IncidentFeedView() {}

  /**
   * @param regions every region, for names; an incident of an unknown region keeps its own name
   * @param response the answer to {@link Queries#incidents}
   */
  public static ObjectNode render(List<RegionTile> regions, JsonNode response, Instant now) {
    Map<String, RegionTile> tiles =
        regions.stream().collect(Collectors.toMap(RegionTile::code, Function.identity()));
    List<ObjectNode> incidents = new ArrayList<>();
    for (JsonNode source : Json.sources(response)) {
      ObjectNode incident = incident(source, tiles, now);
      if (incident != null) {
        incidents.add(incident);
      }
    }
    // Elasticsearch sorts the same way; sorting again keeps the order whatever the mapping.
    incidents.sort(OPEN_FIRST_NEWEST_FIRST);

    ObjectNode root = Json.NODES.objectNode();
    root.put("generatedAt", now.toString());
    JsonNode openCount = Json.at(response, "aggregations." + Queries.OPEN + ".doc_count");
    root.put(
        "openCount",
        openCount.isNumber()
            ? Json.count(openCount)
            : incidents.stream().filter(i -> "open".equals(i.path("status").asText())).count());
    root.put("total", Json.count(Json.at(response, "hits.total.value")));
    ArrayNode list = root.putArray("incidents");
    incidents.forEach(list::add);
    return root;
  }

  private static ObjectNode incident(JsonNode doc, Map<String, RegionTile> tiles, Instant now) {
    String id = Json.text(doc.path("id"));
    Instant openedAt = AvailabilityView.instant(doc.path("openedAt"));
    if (id == null || openedAt == null) {
      return null;
    }
    Instant resolvedAt = AvailabilityView.instant(doc.path("resolvedAt"));
    String status = Json.text(doc.path("status"));
    if (!"open".equals(status) && !"resolved".equals(status)) {
      status = resolvedAt == null ? "open" : "resolved";
    }
    ObjectNode node = Json.NODES.objectNode();
    node.put("id", id);
    node.put("kind", Json.text(doc.path("kind")));
    node.put("severity", Json.text(doc.path("severity")));
    node.put("status", status);
    String region = Json.text(doc.path("region"));
    node.put("region", region);
    RegionTile tile = region == null ? null : tiles.get(region);
    String ownName = Json.text(doc.path("regionName"));
    node.put("regionNameZh", tile != null ? tile.nameZh() : ownName != null ? ownName : region);
    node.put("regionNameEn", tile != null ? tile.nameEn() : ownName != null ? ownName : region);
    node.put("channel", Json.text(doc.path("channel")));
    node.put("itemCode", Json.text(doc.path("itemCode")));
    node.put("applicantId", Json.text(doc.path("applicantId")));
    node.set("caseIds", Json.array(Json.texts(doc.path("caseIds"))));
    node.put("openedAt", openedAt.toString());
    node.put("resolvedAt", resolvedAt == null ? null : resolvedAt.toString());
    node.put("detectedAt", Json.instant(doc.path("detectedAt")));
    Instant end = "open".equals(status) || resolvedAt == null ? now : resolvedAt;
    node.put("durationSeconds", Math.max(0, Duration.between(openedAt, end).toSeconds()));
    ObjectNode details = node.putObject("details");
    JsonNode source = doc.path("details");
    Long samples = Json.whole(source.path("samples"), 0);
    Json.putWhole(details, "samples", samples);
    Json.putNumber(details, "okRatio", Json.number(source.path("okRatio"), 0, 1));
    details.set("fields", Json.array(Json.texts(source.path("fields"))));
    return node;
  }
}
