package org.channelwatch.dashboards;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * The Elasticsearch request bodies behind the dashboard's views, as plain JSON.
 *
 * <p>Plain aggregations only ({@code terms}, {@code date_histogram}, {@code avg}, {@code sum},
 * {@code filter}): the local node ships without scripting and pipeline aggregations. Ratios are
 * therefore summed as numerator and denominator here and divided by the views.
 */
public final class Queries {

  public static final String INDICATORS = IndicatorReader.INDICATOR_INDICES;
  public static final String REGIONS = "channelwatch-regions";
  public static final String INCIDENTS = "channelwatch-incidents";
  public static final String ITEMS = "channelwatch-items";

  /** The score fields of contract 4.2, in the order the page shows them. */
  public static final List<String> SCORES =
      List.of("overall", "reachable", "visible", "usable", "doable");

  /** The case counters of contract 4.1 that the region view sums. */
  public static final List<String> CASES =
      List.of(
          "submitted", "submittedOnline", "completed", "completedOnline", "completedOnlineZeroVisit");

  /** Comfortably above the 32 regions, so that a stray code cannot push a real one out. */
  static final int MAX_REGIONS = 64;

  /** The most items one region's table shows; Elasticsearch's default result window is 10,000. */
  static final int MAX_ITEMS = 10_000;

  static final String BY_REGION = "by_region";
  static final String OVER_TIME = "over_time";
  static final String OPEN = "open";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private Queries() {}

  /** Every region's current-state document: rank, scores and open incidents. */
  public static ObjectNode regions() {
    ObjectNode body = JSON.objectNode();
    body.put("size", MAX_REGIONS);
    body.putObject("query").putObject("match_all");
    ArrayNode source = body.putArray("_source");
    for (String field :
        List.of("region", "windowStart", "updatedAt", "rank", "scores", "openIncidentIds")) {
      source.add(field);
    }
    return body;
  }

  /** One region's current-state document (its id is the region code). */
  public static ObjectNode region(String code) {
    ObjectNode body = JSON.objectNode();
    body.put("size", 1);
    body.putObject("query").putObject("ids").putArray("values").add(code);
    return body;
  }

  /**
   * Per region and channel, the access samples and ok outcomes summed over the per-minute
   * documents whose window starts in {@code [from, to)}.
   */
  public static ObjectNode availabilityByRegion(Instant from, Instant to) {
    ObjectNode body = JSON.objectNode();
    body.put("size", 0);
    filters(body).add(windowRange(from, to));
    ObjectNode byRegion = body.putObject("aggs").putObject(BY_REGION);
    byRegion.putObject("terms").put("field", "region").put("size", MAX_REGIONS);
    accessSums(byRegion.putObject("aggs"));
    return body;
  }

  /**
   * The incident feed: open incidents, and those resolved since {@code resolvedSince}; open ones
   * first, then the newest first. Also counts every open one, beyond {@code limit}.
   *
   * @param region a region code, or null for every region
   */
  public static ObjectNode incidents(String region, Instant resolvedSince, int limit) {
    ObjectNode body = JSON.objectNode();
    body.put("size", limit);
    body.put("track_total_hits", true);
    ObjectNode bool = body.putObject("query").putObject("bool");
    if (region != null) {
      bool.putArray("filter").add(term("region", region));
    }
    ArrayNode should = bool.putArray("should");
    should.add(term("status", "open"));
    should.add(range("resolvedAt", resolvedSince.toString(), null));
    bool.put("minimum_should_match", 1);
    ArrayNode sort = body.putArray("sort");
    // "open" sorts before "resolved".
    sort.add(sortOn("status", "asc", "keyword"));
    sort.add(sortOn("openedAt", "desc", "date"));
    sort.add(sortOn("id", "asc", "keyword"));
    body.putObject("aggs").putObject(OPEN).set("filter", term("status", "open"));
    return body;
  }

  /**
   * One region's trends over a range: per histogram bucket the mean of each score, the access
   * sums per channel and the case counters; and the same sums over the whole range.
   */
  public static ObjectNode regionTrend(String region, TimeRange range, Instant now) {
    Instant from = range.start(now);
    Instant to = range.end(now);
    ObjectNode body = JSON.objectNode();
    body.put("size", 0);
    ArrayNode filter = filters(body);
    filter.add(term("region", region));
    filter.add(windowRange(from, to));
    ObjectNode aggs = body.putObject("aggs");

    ObjectNode overTime = aggs.putObject(OVER_TIME);
    ObjectNode histogram = overTime.putObject("date_histogram");
    histogram.put("field", "windowStart");
    histogram.put("fixed_interval", range.esInterval());
    histogram.put("min_doc_count", 0);
    ObjectNode bounds = histogram.putObject("extended_bounds");
    bounds.put("min", from.toEpochMilli());
    bounds.put("max", to.toEpochMilli() - 1);
    ObjectNode perBucket = overTime.putObject("aggs");
    for (String score : SCORES) {
      perBucket.putObject("score_" + score).putObject("avg").put("field", "scores." + score);
    }
    accessSums(perBucket);
    caseSums(perBucket);

    accessSums(aggs);
    caseSums(aggs);
    sum(aggs, "visits_total", "visits.total");
    sum(aggs, "ratings_count", "ratings.count");
    sum(aggs, "ratings_sum", "ratings.sum");
    sum(aggs, "ratings_bad", "ratings.bad");
    return body;
  }

  /** Every item document of one region, by item code. */
  public static ObjectNode items(String region) {
    ObjectNode body = JSON.objectNode();
    body.put("size", MAX_ITEMS);
    body.put("track_total_hits", true);
    filters(body).add(term("region", region));
    body.putArray("sort").add(sortOn("itemCode", "asc", "keyword"));
    return body;
  }

  private static void accessSums(ObjectNode aggs) {
    for (String channel : AvailabilityView.CHANNELS) {
      sum(aggs, channel + "_ok", "access." + channel + ".ok");
      sum(aggs, channel + "_samples", "access." + channel + ".samples");
    }
  }

  private static void caseSums(ObjectNode aggs) {
    for (String field : CASES) {
      sum(aggs, "cases_" + field, "cases." + field);
    }
  }

  private static void sum(ObjectNode aggs, String name, String field) {
    aggs.putObject(name).putObject("sum").put("field", field);
  }

  private static ArrayNode filters(ObjectNode body) {
    return body.putObject("query").putObject("bool").putArray("filter");
  }

  private static ObjectNode windowRange(Instant from, Instant to) {
    return range("windowStart", from.toString(), to.toString());
  }

  private static ObjectNode range(String field, String gte, String lt) {
    ObjectNode node = JSON.objectNode();
    ObjectNode bounds = node.putObject("range").putObject(field);
    if (gte != null) {
      bounds.put("gte", gte);
    }
    if (lt != null) {
      bounds.put("lt", lt);
    }
    return node;
  }

  private static ObjectNode term(String field, String value) {
    ObjectNode node = JSON.objectNode();
    node.putObject("term").put(field, value);
    return node;
  }

  private static ObjectNode sortOn(String field, String order, String unmappedType) {
    ObjectNode node = JSON.objectNode();
    node.putObject(field).put("order", order).put("unmapped_type", unmappedType);
    return node;
  }
}
