package org.channelwatch.dashboards;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The dashboard's read-only API: one method per resource, each running its Elasticsearch
 * searches and shaping the answer. Knows nothing of HTTP beyond status and content type, so that
 * it can be driven by tests with a fake {@link SearchClient}.
 */
final class DashboardApi {

  /** An answer: a status, its content type, the body and any extra headers. */
  record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
    static Reply json(JsonNode body) {
      try {
        return new Reply(
            200, "application/json; charset=utf-8", MAPPER.writeValueAsBytes(body), Map.of());
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** A resource under {@code /api/}. */
  @FunctionalInterface
  interface Endpoint {
    Reply get(Map<String, String> params)
        throws ElasticsearchUnavailableException, BadRequestException;
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final List<RegionTile> tiles;
  private final Map<String, RegionTile> byCode;
  private final SearchClient search;
  private final IndicatorReader indicators;
  private final Clock clock;

  DashboardApi(
      List<RegionTile> tiles, SearchClient search, IndicatorReader indicators, Clock clock) {
    this.tiles = List.copyOf(tiles);
    this.byCode =
        tiles.stream()
            .collect(
                Collectors.toMap(
                    RegionTile::code, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    this.search = Objects.requireNonNull(search, "search");
    this.indicators = indicators;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Every resource by path. */
  Map<String, Endpoint> endpoints() {
    Map<String, Endpoint> api = new LinkedHashMap<>();
    api.put("/api/availability", params -> Reply.json(availability()));
    api.put("/api/regions", params -> Reply.json(regions()));
    api.put("/api/overview", params -> Reply.json(overview()));
    api.put("/api/incidents", params -> Reply.json(incidents(params)));
    api.put("/api/region", params -> Reply.json(region(params)));
    api.put("/api/items", params -> Reply.json(items(params)));
    api.put("/api/items.csv", this::itemsCsv);
    return Map.copyOf(api);
  }

  /** The region list alone, for menus: no Elasticsearch involved. */
  JsonNode regions() {
    var root = Json.NODES.objectNode();
    var list = root.putArray("regions");
    for (RegionTile tile : tiles) {
      Json.putTile(list.addObject(), tile);
    }
    return root;
  }

  JsonNode availability() throws ElasticsearchUnavailableException {
    return AvailabilityView.render(tiles, indicators.latestByRegion(), now());
  }

  JsonNode overview() throws ElasticsearchUnavailableException {
    Instant now = now();
    Instant from = now.minus(OverviewView.HEAT_MAP_SPAN);
    JsonNode regions = search.search(Queries.REGIONS, Queries.regions());
    JsonNode availability =
        search.search(Queries.INDICATORS, Queries.availabilityByRegion(from, now));
    return OverviewView.render(tiles, regions, availability, from, now, now);
  }

  JsonNode incidents(Map<String, String> params)
      throws ElasticsearchUnavailableException, BadRequestException {
    String region = params.get("region");
    if (region != null && region.isEmpty()) {
      region = null;
    }
    if (region != null) {
      tile(region);
    }
    int limit = IncidentFeedView.DEFAULT_LIMIT;
    String limitText = params.get("limit");
    if (limitText != null && !limitText.isEmpty()) {
      try {
        limit = Integer.parseInt(limitText);
      } catch (NumberFormatException e) {
        throw new BadRequestException("limit must be a whole number");
      }
      if (limit < 1 || limit > IncidentFeedView.MAX_LIMIT) {
        throw new BadRequestException("limit must be 1.." + IncidentFeedView.MAX_LIMIT);
      }
    }
    Instant now = now();
    JsonNode response =
        search.search(
            Queries.INCIDENTS,
            Queries.incidents(region, now.minus(IncidentFeedView.RECENT), limit));
    return IncidentFeedView.render(tiles, response, now);
  }

  JsonNode region(Map<String, String> params)
      throws ElasticsearchUnavailableException, BadRequestException {
    RegionTile tile = tile(params.get("code"));
    String rangeKey = params.getOrDefault("range", TimeRange.HOUR.key());
    TimeRange range =
        TimeRange.byKey(rangeKey)
            .orElseThrow(() -> new BadRequestException("range must be 1h, 24h or 7d"));
    Instant now = now();
    JsonNode current = search.search(Queries.REGIONS, Queries.region(tile.code()));
    JsonNode trend =
        search.search(Queries.INDICATORS, Queries.regionTrend(tile.code(), range, now));
    return RegionView.render(tile, current, trend, range, now);
  }

  JsonNode items(Map<String, String> params)
      throws ElasticsearchUnavailableException, BadRequestException {
    RegionTile tile = tile(params.get("region"));
    ItemQuery query = ItemQuery.of(params);
    JsonNode response = search.search(Queries.ITEMS, Queries.items(tile.code()));
    return ItemsView.render(tile, response, query, now());
  }

  Reply itemsCsv(Map<String, String> params)
      throws ElasticsearchUnavailableException, BadRequestException {
    JsonNode view = items(params);
    String lang = params.getOrDefault("lang", "zh");
    if (!lang.equals("zh") && !lang.equals("en")) {
      throw new BadRequestException("lang must be zh or en");
    }
    String file = ItemsCsv.fileName(view.path("region").path("code").asText());
    return new Reply(
        200,
        ItemsCsv.CONTENT_TYPE,
        ItemsCsv.write(view, lang.equals("zh")),
        Map.of("Content-Disposition", "attachment; filename=\"" + file + "\""));
  }

  /** Millisecond precision, as Elasticsearch dates and the page's clocks have. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private RegionTile tile(String code) throws BadRequestException {
    return Optional.ofNullable(code == null ? null : byCode.get(code))
        .orElseThrow(() -> new BadRequestException("unknown region"));
  }
}
