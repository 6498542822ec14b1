package org.channelwatch.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shapes the national overview ({@code /api/overview}): every region's tile with its rank and four
 * dimension scores (from {@code channelwatch-regions}), and its availability per channel over the
 * last hour (summed from the per-minute documents).
 */
public final class OverviewView {

  /** How far back the heat map looks. */
  public static final java.time.Duration HEAT_MAP_SPAN = java.time.Duration.ofHours(1);

  private OverviewView() {}

  /**
   * @param regions every region, in tile order
   * @param regionsResponse the answer to {@link Queries#regions()}
   * @param availabilityResponse the answer to {@link Queries#availabilityByRegion}
   * @param from the heat map's first window start
   * @param to the end of the heat map's span
   */
  public static ObjectNode render(
      List<RegionTile> regions,
      JsonNode regionsResponse,
      JsonNode availabilityResponse,
      Instant from,
      Instant to,
      Instant generatedAt) {
    Map<String, JsonNode> current = new HashMap<>();
    for (JsonNode source : Json.sources(regionsResponse)) {
      String code = Json.text(source.path("region"));
      if (code != null) {
        current.put(code, source);
      }
    }
    Map<String, JsonNode> lastHour = bucketsByKey(availabilityResponse, Queries.BY_REGION);

    ObjectNode root = Json.NODES.objectNode();
    root.put("generatedAt", generatedAt.toString());
    ObjectNode heatMap = root.putObject("heatMap");
    heatMap.put("from", from.toString());
    heatMap.put("to", to.toString());
    heatMap.set("channels", Json.array(AvailabilityView.CHANNELS));
    ArrayNode list = root.putArray("regions");
    int withData = 0;
    for (RegionTile tile : regions) {
      JsonNode doc = current.get(tile.code());
      if (doc != null) {
        withData++;
      }
      list.add(region(tile, doc, lastHour.get(tile.code())));
    }
    root.put("regionsWithData", withData);
    return root;
  }

  private static ObjectNode region(RegionTile tile, JsonNode doc, JsonNode lastHour) {
    ObjectNode node = Json.NODES.objectNode();
    Json.putTile(node, tile);
    Json.putWhole(node, "rank", Json.whole(Json.at(doc, "rank"), 1));
    node.set("scores", Json.scores(doc));
    node.put("updatedAt", Json.instant(Json.at(doc, "updatedAt")));
    node.put("windowStart", Json.instant(Json.at(doc, "windowStart")));
    node.put("openIncidents", Json.texts(Json.at(doc, "openIncidentIds")).size());
    node.set("lastHour", availability(lastHour));
    return node;
  }

  /** Per channel: samples, ok and ok / samples (null without samples) from summed buckets. */
  static ObjectNode availability(JsonNode aggs) {
    ObjectNode node = Json.NODES.objectNode();
    for (String channel : AvailabilityView.CHANNELS) {
      long samples = Json.count(Json.metric(aggs, channel + "_samples"));
      long ok = Math.min(samples, Json.count(Json.metric(aggs, channel + "_ok")));
      ObjectNode figures = node.putObject(channel);
      figures.put("samples", samples);
      figures.put("ok", ok);
      Json.putNumber(figures, "availability", Json.ratio(ok, samples));
    }
    return node;
  }

  /** The buckets of a terms aggregation, by key. */
  static Map<String, JsonNode> bucketsByKey(JsonNode response, String aggregation) {
    Map<String, JsonNode> buckets = new HashMap<>();
    for (JsonNode bucket : Json.at(response, "aggregations." + aggregation + ".buckets")) {
      String key = Json.text(bucket.path("key"));
      if (key != null) {
        buckets.put(key, bucket);
      }
    }
    return buckets;
  }
}
