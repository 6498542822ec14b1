package org.channelwatch.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * Shapes the latest indicator documents into the {@code /api/availability} JSON.
 *
 * <p>Every region is listed with all four channels, data or not, so that the page can lay out a
 * fixed grid and only has to tell "no data" (null ratio) from a value.
 */
public final class AvailabilityView {

  /** The channels of the contract, in the order the page shows them. */
  public static final List<String> CHANNELS = List.of("hall", "web", "app", "wechat");

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private AvailabilityView() {}

  /**
   * Builds the availability document.
   *
   * @param regions the regions to list, in the order given
   * @param latestByRegion the latest indicator document source per region code; codes not in
   *     {@code regions} are ignored
   * @param generatedAt when the answer was made, so a viewer can tell a stale screen
   */
  public static ObjectNode render(
      List<RegionTile> regions, Map<String, JsonNode> latestByRegion, Instant generatedAt) {
    ObjectNode root = JSON.objectNode();
    var list = root.putArray("regions");
    for (RegionTile region : regions) {
      list.add(region(region, latestByRegion.get(region.code())));
    }
    root.put("generatedAt", generatedAt.toString());
    return root;
  }

  private static ObjectNode region(RegionTile region, JsonNode doc) {
    ObjectNode node = JSON.objectNode();
    node.put("code", region.code());
    node.put("abbr", region.abbr());
    node.put("nameZh", region.nameZh());
    node.put("nameEn", region.nameEn());
    node.put("tileCol", region.tileCol());
    node.put("tileRow", region.tileRow());
    Instant windowStart = doc == null ? null : instant(doc.path("windowStart"));
    node.put("windowStart", windowStart == null ? null : windowStart.toString());
    ObjectNode access = node.putObject("access");
    JsonNode docAccess = doc == null ? null : doc.path("access");
    for (String channel : CHANNELS) {
      access.set(channel, channel(docAccess == null ? null : docAccess.path(channel)));
    }
    return node;
  }

  private static ObjectNode channel(JsonNode source) {
    ObjectNode node = JSON.objectNode();
    node.put("samples", count(source, "samples"));
    node.put("ok", count(source, "ok"));
    JsonNode ratio = source == null ? null : source.path("okRatio");
    if (ratio != null && ratio.isNumber() && ratio.doubleValue() >= 0 && ratio.doubleValue() <= 1) {
      node.put("okRatio", ratio.doubleValue());
    } else {
      node.putNull("okRatio");
    }
    JsonNode p95 = source == null ? null : source.path("p95LatencyMs");
    if (p95 != null && p95.isNumber() && p95.longValue() >= 0) {
      node.put("p95LatencyMs", p95.longValue());
    } else {
      node.putNull("p95LatencyMs");
    }
    return node;
  }

  private static long count(JsonNode source, String field) {
    JsonNode value = source == null ? null : source.path(field);
    return value != null && value.isNumber() && value.longValue() > 0 ? value.longValue() : 0;
  }

  /**
   * Reads a date as Elasticsearch may return it in a source: ISO text or epoch millis.
   *
   * <p>Normalising here means the page parses one format, whatever the writer chose.
   */
  static Instant instant(JsonNode value) {
    if (value == null) {
      return null;
    }
    if (value.isIntegralNumber()) {
      return Instant.ofEpochMilli(value.longValue());
    }
    if (!value.isTextual()) {
      return null;
    }
    String text = value.textValue().trim();
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeException notIsoWithOffset) {
      try {
        return Instant.ofEpochMilli(Long.parseLong(text));
      } catch (NumberFormatException notMillis) {
        return null;
      }
    }
  }
}
