package org.channelwatch.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Shapes the platform owners' item integration view ({@code /api/items}): one region's items by
 * channel, with whether the channels agree on the key facts and, per channel, the values.
 */
public final class ItemsView {

  /** The key facts of contract 1.3, in the order the page and the CSV show them. */
  public static final List<String> KEY_FACTS =
      List.of("conditions", "materials", "timeLimitDays", "fee");

  private ItemsView() {}

  /**
   * @param tile the region
   * @param response the answer to {@link Queries#items(String)}
   * @param query which rows to keep and in what order
   */
  public static ObjectNode render(
      RegionTile tile, JsonNode response, ItemQuery query, Instant now) {
    List<JsonNode> all = new ArrayList<>();
    for (JsonNode source : Json.sources(response)) {
      ObjectNode item = item(source);
      if (item != null) {
        all.add(item);
      }
    }
    List<JsonNode> shown = new ArrayList<>(all.stream().filter(query::matches).toList());
    shown.sort(query.comparator());

    ObjectNode root = Json.NODES.objectNode();
    root.put("generatedAt", now.toString());
    ObjectNode region = root.putObject("region");
    Json.putTile(region, tile);
    ObjectNode applied = root.putObject("query");
    applied.put("q", query.text());
    applied.put("filter", query.filterKey());
    applied.put("sort", query.sortKey());
    root.set("channels", Json.array(AvailabilityView.CHANNELS));
    root.set("keyFacts", Json.array(KEY_FACTS));
    root.put("total", all.size());
    root.put(
        "inconsistent", all.stream().filter(i -> !i.path("consistent").asBoolean(true)).count());
    root.put("shown", shown.size());
    long hitsTotal = Json.count(Json.at(response, "hits.total.value"));
    root.put("truncated", hitsTotal > Json.at(response, "hits.hits").size());
    ArrayNode items = root.putArray("items");
    shown.forEach(items::add);
    return root;
  }

  /** One item document as the page reads it, or null without an item code. */
  static ObjectNode item(JsonNode doc) {
    String code = Json.text(doc.path("itemCode"));
    if (code == null) {
      return null;
    }
    ObjectNode node = Json.NODES.objectNode();
    node.put("itemCode", code);
    Set<String> differing = new LinkedHashSet<>();
    for (String field : Json.texts(doc.path("differingFields"))) {
      if (KEY_FACTS.contains(field)) {
        differing.add(field);
      }
    }
    ObjectNode channels = Json.NODES.objectNode();
    ArrayNode publishedOn = Json.NODES.arrayNode();
    String firstName = null;
    double completenessSum = 0;
    int completenessCount = 0;
    for (String channel : AvailabilityView.CHANNELS) {
      ObjectNode listing = listing(doc.path("channels").path(channel));
      channels.set(channel, listing);
      if (listing.path("published").asBoolean()) {
        publishedOn.add(channel);
        if (firstName == null && listing.path("itemName").isTextual()) {
          firstName = listing.path("itemName").asText();
        }
        if (listing.path("completeness").isNumber()) {
          completenessSum += listing.path("completeness").doubleValue();
          completenessCount++;
        }
      }
    }
    String name = Json.text(doc.path("itemName"));
    node.put("itemName", name != null ? name : firstName);
    JsonNode consistent = doc.path("consistent");
    node.put("consistent", consistent.isBoolean() ? consistent.booleanValue() : differing.isEmpty());
    node.set("differingFields", Json.array(List.copyOf(differing)));
    node.set("publishedOn", publishedOn);
    Json.putNumber(
        node,
        "completenessMean",
        completenessCount == 0 ? null : completenessSum / completenessCount);
    node.put("updatedAt", Json.instant(doc.path("updatedAt")));
    node.set("channels", channels);
    return node;
  }

  private static ObjectNode listing(JsonNode source) {
    ObjectNode node = Json.NODES.objectNode();
    boolean published = source.path("published").asBoolean(false);
    node.put("published", published);
    Json.putWhole(node, "revision", Json.whole(source.path("revision"), 0));
    if (!published) {
      return node;
    }
    node.put("itemName", Json.text(source.path("itemName")));
    Json.putWhole(node, "depth", Json.whole(source.path("depth"), 1));
    Json.putNumber(node, "completeness", Json.number(source.path("completeness"), 0, 1));
    node.put("publishedAt", Json.instant(source.path("publishedAt")));
    ObjectNode features = node.putObject("features");
    for (String feature : List.of("unifiedAuth", "eLicense", "onlinePayment")) {
      features.put(feature, source.path("features").path(feature).asBoolean(false));
    }
    ObjectNode facts = node.putObject("keyFacts");
    JsonNode keyFacts = source.path("keyFacts");
    facts.put("conditions", Json.text(keyFacts.path("conditions")));
    JsonNode materials = keyFacts.path("materials");
    if (materials.isArray()) {
      facts.set("materials", Json.array(Json.texts(materials)));
    } else {
      facts.put("materials", Json.text(materials));
    }
    JsonNode days = keyFacts.path("timeLimitDays");
    Long whole = Json.whole(days, 0);
    if (whole != null) {
      facts.put("timeLimitDays", whole);
    } else {
      facts.put("timeLimitDays", Json.text(days));
    }
    facts.put("fee", Json.text(keyFacts.path("fee")));
    return node;
  }
}
