package org.channelwatch.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * Shapes one region's view ({@code /api/region}): its current rank, scores and catalog, and the
 * trends of its four scores, of each channel's availability and of its case figures over a range.
 */
public final class RegionView {

  private RegionView() {}

  /**
   * @param tile the region
   * @param regionResponse the answer to {@link Queries#region(String)}
   * @param trendResponse the answer to {@link Queries#regionTrend}
   */
  public static ObjectNode render(
      RegionTile tile, JsonNode regionResponse, JsonNode trendResponse, TimeRange range, Instant now) {
    List<JsonNode> docs = Json.sources(regionResponse);
    JsonNode doc = docs.isEmpty() ? null : docs.get(0);

    ObjectNode root = Json.NODES.objectNode();
    root.put("generatedAt", now.toString());
    ObjectNode region = root.putObject("region");
    Json.putTile(region, tile);
    Json.putWhole(region, "rank", Json.whole(Json.at(doc, "rank"), 1));
    region.set("scores", Json.scores(doc));
    region.put("updatedAt", Json.instant(Json.at(doc, "updatedAt")));
    region.put("openIncidents", Json.texts(Json.at(doc, "openIncidentIds")).size());
    ObjectNode catalog = region.putObject("catalog");
    for (String field : List.of("items", "itemsOnline", "itemsMultiChannel", "itemsInconsistent")) {
      catalog.put(field, Json.count(Json.at(doc, "catalog." + field)));
    }
    Json.putNumber(
        catalog, "completenessMean", Json.number(Json.at(doc, "catalog.completenessMean"), 0, 1));
    ObjectNode depth = catalog.putObject("depth");
    for (int level = 1; level <= 4; level++) {
      depth.put(Integer.toString(level), Json.count(Json.at(doc, "catalog.depth." + level)));
    }

    root.put("range", range.key());
    root.put("from", range.start(now).toString());
    root.put("to", range.end(now).toString());
    root.put("intervalMinutes", range.interval().toMinutes());

    ArrayNode series = root.putArray("series");
    JsonNode aggs = Json.at(trendResponse, "aggregations");
    for (JsonNode bucket : aggs.path(Queries.OVER_TIME).path("buckets")) {
      Instant start = AvailabilityView.instant(bucket.path("key"));
      if (start == null) {
        continue;
      }
      ObjectNode point = series.addObject();
      point.put("t", start.toString());
      point.put("documents", Json.count(bucket.path("doc_count")));
      ObjectNode scores = point.putObject("scores");
      for (String score : Queries.SCORES) {
        Json.putNumber(scores, score, Json.number(Json.metric(bucket, "score_" + score), 0, 100));
      }
      point.set("availability", availabilityRatios(bucket));
      putCases(point, bucket);
    }

    ObjectNode totals = root.putObject("totals");
    totals.set("access", OverviewView.availability(aggs));
    putCases(totals, aggs);
    totals.put("visits", Json.count(Json.metric(aggs, "visits_total")));
    ObjectNode ratings = totals.putObject("ratings");
    long count = Json.count(Json.metric(aggs, "ratings_count"));
    ratings.put("count", count);
    ratings.put("bad", Math.min(count, Json.count(Json.metric(aggs, "ratings_bad"))));
    Json.putNumber(
        ratings,
        "mean",
        count == 0 ? null : Json.count(Json.metric(aggs, "ratings_sum")) / (double) count);
    return root;
  }

  private static ObjectNode availabilityRatios(JsonNode bucket) {
    ObjectNode ratios = Json.NODES.objectNode();
    ObjectNode figures = OverviewView.availability(bucket);
    for (String channel : AvailabilityView.CHANNELS) {
      ratios.set(channel, figures.path(channel).path("availability"));
    }
    return ratios;
  }

  /** The case counters, the online share of submissions and the zero-visit rate of completions. */
  private static void putCases(ObjectNode node, JsonNode aggs) {
    ObjectNode cases = node.putObject("cases");
    for (String field : Queries.CASES) {
      cases.put(field, Json.count(Json.metric(aggs, "cases_" + field)));
    }
    long submitted = cases.path("submitted").asLong();
    long submittedOnline = Math.min(submitted, cases.path("submittedOnline").asLong());
    long completedOnline = cases.path("completedOnline").asLong();
    long zeroVisit = Math.min(completedOnline, cases.path("completedOnlineZeroVisit").asLong());
    Json.putNumber(cases, "onlineShare", Json.ratio(submittedOnline, submitted));
    Json.putNumber(cases, "zeroVisitRate", Json.ratio(zeroVisit, completedOnline));
  }
}
