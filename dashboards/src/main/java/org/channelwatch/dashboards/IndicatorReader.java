package org.channelwatch.dashboards;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.mapping.FieldType;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads the latest per-minute indicator document of every region from Elasticsearch.
 *
 * <p>Kept apart from HTTP so that the query and its parsing can be tested on their own.
 */
public final class IndicatorReader {

  /** The per-minute indicator indices of contract 4.1, one per UTC day. */
  public static final String INDICATOR_INDICES = "channelwatch-indicators-*";

  private static final String BY_REGION = "by_region";
  private static final String LATEST = "latest";

  /** Comfortably above the 32 regions, so that an unexpected code cannot push a real one out. */
  private static final int MAX_REGIONS = 64;

  /**
   * The fields the dashboard reads; fetching only these keeps responses small as documents grow.
   * Add a field here when a view starts to show it.
   */
  private static final List<String> SOURCE_FIELDS =
      List.of("region", "windowStart", "access");

  private final ElasticsearchClient client;
  private final String indices;

  public IndicatorReader(ElasticsearchClient client) {
    this(client, INDICATOR_INDICES);
  }

  IndicatorReader(ElasticsearchClient client, String indices) {
    this.client = Objects.requireNonNull(client, "client");
    this.indices = Objects.requireNonNull(indices, "indices");
  }

  /**
   * Returns each region's latest indicator document source, keyed by region code.
   *
   * <p>A region without documents is simply absent, and so is everything when no indicator index
   * exists yet: before the first window is written there is nothing to show, which is no error.
   */
  public Map<String, JsonNode> latestByRegion() throws ElasticsearchUnavailableException {
    try {
      return latestByRegion(client.search(latestByRegionRequest(indices), Void.class));
    } catch (IOException | ElasticsearchException e) {
      throw new ElasticsearchUnavailableException(
          "cannot read the latest indicators from " + indices + ": " + e.getMessage(), e);
    }
  }

  /**
   * The one search behind {@link #latestByRegion()}: the newest document in each region bucket.
   *
   * <p>Plain aggregations only, because the local node ships without the scripting and pipeline
   * aggregation modules.
   */
  static SearchRequest latestByRegionRequest(String indices) {
    Aggregation newest =
        Aggregation.of(
            a ->
                a.topHits(
                    th ->
                        th.size(1)
                            // unmappedType: a stray index without the field must not fail the
                            // whole search.
                            .sort(
                                so ->
                                    so.field(
                                        f ->
                                            f.field("windowStart")
                                                .order(SortOrder.Desc)
                                                .unmappedType(FieldType.Date)))
                            .source(src -> src.filter(f -> f.includes(SOURCE_FIELDS)))));
    Aggregation byRegion =
        Aggregation.of(
            a ->
                a.terms(t -> t.field("region").size(MAX_REGIONS)).aggregations(LATEST, newest));
    return SearchRequest.of(
        s ->
            s.index(indices)
                .size(0)
                // A wildcard matching no index is an empty result, not index_not_found.
                .allowNoIndices(true)
                .ignoreUnavailable(true)
                .aggregations(BY_REGION, byRegion));
  }

  /** Picks the newest document per region out of a response to {@link #latestByRegionRequest}. */
  static Map<String, JsonNode> latestByRegion(SearchResponse<?> response) {
    Map<String, JsonNode> latest = new LinkedHashMap<>();
    Aggregate byRegion = response.aggregations().get(BY_REGION);
    // Absent or untyped when no index exists or none maps the field yet.
    if (byRegion == null || !byRegion.isSterms()) {
      return latest;
    }
    for (StringTermsBucket bucket : byRegion.sterms().buckets().array()) {
      Aggregate top = bucket.aggregations().get(LATEST);
      if (top == null || !top.isTopHits()) {
        continue;
      }
      List<Hit<JsonData>> hits = top.topHits().hits().hits();
      if (hits.isEmpty() || hits.get(0).source() == null) {
        continue;
      }
      latest.put(bucket.key().stringValue(), hits.get(0).source().to(JsonNode.class));
    }
    return latest;
  }
}
