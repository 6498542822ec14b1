package org.channelwatch.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Defensive reading of Elasticsearch answers: documents come from a writer this module does not
 * control, so every value is checked for its type and range and anything else reads as absent.
 */
final class Json {

  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  /** The node at {@code path} (dot-separated field names), or a missing node. */
  static JsonNode at(JsonNode node, String path) {
    JsonNode current = node == null ? NODES.missingNode() : node;
    for (String field : path.split("\\.")) {
      current = current.path(field);
    }
    return current;
  }

  /** A finite number, or null. */
  static Double number(JsonNode node) {
    if (node == null || !node.isNumber()) {
      return null;
    }
    double value = node.doubleValue();
    return Double.isFinite(value) ? value : null;
  }

  /** A number within {@code [min, max]}, or null. */
  static Double number(JsonNode node, double min, double max) {
    Double value = number(node);
    return value != null && value >= min && value <= max ? value : null;
  }

  /** A non-negative count; anything else, including a fraction, counts as 0. */
  static long count(JsonNode node) {
    Double value = number(node);
    return value == null || value < 0 ? 0 : (long) Math.floor(value);
  }

  /** A positive whole number, or null: a rank, a depth, a day count. */
  static Long whole(JsonNode node, long min) {
    if (node == null || !node.isNumber()) {
      return null;
    }
    double value = node.doubleValue();
    if (!Double.isFinite(value) || value != Math.rint(value) || value < min) {
      return null;
    }
    return (long) value;
  }

  /** Text as text, a number or boolean as its JSON text, null for null, missing or containers. */
  static String text(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode() || node.isContainerNode()) {
      return null;
    }
    return node.asText();
  }

  /** The texts of an array (non-text entries skipped); a single value as a one-entry list. */
  static List<String> texts(JsonNode node) {
    List<String> values = new ArrayList<>();
    if (node == null) {
      return values;
    }
    if (node.isArray()) {
      for (JsonNode entry : node) {
        String value = text(entry);
        if (value != null) {
          values.add(value);
        }
      }
    } else {
      String value = text(node);
      if (value != null) {
        values.add(value);
      }
    }
    return values;
  }

  /** A date in ISO-8601 UTC, as the page parses it, or null. */
  static String instant(JsonNode node) {
    Instant instant = AvailabilityView.instant(node);
    return instant == null ? null : instant.toString();
  }

  static ArrayNode array(List<String> values) {
    ArrayNode array = NODES.arrayNode();
    values.forEach(array::add);
    return array;
  }

  static void putNumber(ObjectNode node, String field, Double value) {
    if (value == null) {
      node.putNull(field);
    } else {
      node.put(field, value);
    }
  }

  static void putWhole(ObjectNode node, String field, Long value) {
    if (value == null) {
      node.putNull(field);
    } else {
      node.put(field, value);
    }
  }

  /** {@code numerator / denominator}, or null when there is nothing to divide by. */
  static Double ratio(long numerator, long denominator) {
    return denominator <= 0 ? null : (double) numerator / denominator;
  }

  /** The hits' sources of a search answer. */
  static List<JsonNode> sources(JsonNode response) {
    List<JsonNode> sources = new ArrayList<>();
    for (JsonNode hit : at(response, "hits.hits")) {
      JsonNode source = hit.path("_source");
      if (source.isObject()) {
        sources.add(source);
      }
    }
    return sources;
  }

  /** The value of a metric aggregation ({@code sum}, {@code avg}) under {@code aggs}. */
  static JsonNode metric(JsonNode aggs, String name) {
    return aggs == null ? NODES.missingNode() : aggs.path(name).path("value");
  }

  /** Puts the tile fields every region object carries. */
  static void putTile(ObjectNode node, RegionTile tile) {
    node.put("code", tile.code());
    node.put("abbr", tile.abbr());
    node.put("nameZh", tile.nameZh());
    node.put("nameEn", tile.nameEn());
    node.put("tileCol", tile.tileCol());
    node.put("tileRow", tile.tileRow());
  }

  /** The scores of a region document, each within 0..100 or null. */
  static ObjectNode scores(JsonNode doc) {
    ObjectNode scores = NODES.objectNode();
    for (String score : Queries.SCORES) {
      putNumber(scores, score, number(at(doc, "scores." + score), 0, 100));
    }
    return scores;
  }
}
