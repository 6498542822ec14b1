package org.channelwatch.indicators;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.channelwatch.connectors.elasticsearch.EsDocument;
import org.channelwatch.domain.Channel;
import org.channelwatch.domain.IncidentKind;
import org.channelwatch.domain.Regions;
import org.channelwatch.domain.VisitPurpose;

/**
 * Builds the indicator documents of contract 4: per region and minute (4.1), and the current state
 * of regions and items (4.3).
 *
 * <p>Times are ISO-8601 UTC strings. Stateless and thread-safe.
 */
public final class IndicatorDocuments {

  public static final String INDEX_PREFIX = "channelwatch-indicators-";
  public static final String REGIONS_INDEX = "channelwatch-regions";
  public static final String ITEMS_INDEX = "channelwatch-items";
  private static final DateTimeFormatter INDEX_DATE =
      DateTimeFormatter.ofPattern("yyyy.MM.dd").withZone(ZoneOffset.UTC);
  private static final ObjectMapper JSON = new ObjectMapper();

  private IndicatorDocuments() {}

  /** {@code channelwatch-indicators-{yyyy.MM.dd}}, by the UTC date of the window start. */
  public static String indexFor(long windowStart) {
    return INDEX_PREFIX + INDEX_DATE.format(Instant.ofEpochMilli(windowStart));
  }

  /** {@code {region}:{windowStart epoch millis}}. */
  public static String idFor(String region, long windowStart) {
    return region + ":" + windowStart;
  }

  /** {@code {region}:{itemCode}}, the id of an items document. */
  public static String itemIdFor(String region, String itemCode) {
    return region + ":" + itemCode;
  }

  /** A per-minute document with only the region, window and access fields. */
  public static EsDocument document(String region, long windowStart, long windowEnd, RegionMinute minute) {
    ObjectNode doc = JSON.createObjectNode();
    putWindow(doc, region, windowStart, windowEnd);
    putAccess(doc, minute);
    return new EsDocument(indexFor(windowStart), idFor(region, windowStart), bytes(doc));
  }

  /**
   * The per-minute document of contract 4.1.
   *
   * @param openIncidentsByKind open incidents indexed by {@link IncidentKind#ordinal()}
   */
  public static EsDocument minuteDocument(
      String region,
      long windowStart,
      RegionMinute minute,
      CatalogFigures catalog,
      long[] openIncidentsByKind,
      Scores scores) {
    ObjectNode doc = JSON.createObjectNode();
    putWindow(doc, region, windowStart, windowStart + Windows.SIZE_MILLIS);
    putAccess(doc, minute);

    ObjectNode cases = doc.putObject("cases");
    cases.put("submitted", minute.submitted);
    cases.put("submittedOnline", minute.submittedOnline);
    cases.put("completed", minute.completed);
    cases.put("completedOnline", minute.completedOnline);
    cases.put("completedOnlineZeroVisit", minute.completedOnlineZeroVisit);

    ObjectNode visits = doc.putObject("visits");
    visits.put("total", minute.visits());
    ObjectNode byPurpose = visits.putObject("byPurpose");
    for (VisitPurpose purpose : VisitPurpose.values()) {
      byPurpose.put(purpose.wireName(), minute.visits(purpose));
    }

    ObjectNode ratings = doc.putObject("ratings");
    ratings.put("count", minute.ratings);
    ratings.put("sum", minute.ratingSum);
    ratings.put("bad", minute.badRatings);

    ObjectNode figures = doc.putObject("catalog");
    figures.put("items", catalog.items);
    figures.put("itemsOnline", catalog.itemsOnline);
    figures.put("itemsMultiChannel", catalog.itemsMultiChannel);
    figures.put("itemsInconsistent", catalog.itemsInconsistent);
    ObjectNode depth = figures.putObject("depth");
    for (int level = 1; level <= CatalogFigures.MAX_DEPTH; level++) {
      depth.put(Integer.toString(level), catalog.itemsAtDepth(level));
    }
    figures.put("unifiedAuth", catalog.unifiedAuth);
    figures.put("eLicense", catalog.eLicense);
    figures.put("onlinePayment", catalog.onlinePayment);
    figures.put("completenessMean", catalog.completenessMean());

    ObjectNode open = doc.putObject("incidents").putObject("open");
    for (IncidentKind kind : IncidentKind.values()) {
      open.put(kind.wireName(), openIncidentsByKind[kind.ordinal()]);
    }

    ObjectNode scoreNode = doc.putObject("scores");
    scoreNode.put("reachable", scores.reachable());
    scoreNode.put("visible", scores.visible());
    scoreNode.put("usable", scores.usable());
    scoreNode.put("doable", scores.doable());
    scoreNode.put("overall", scores.overall());
    return new EsDocument(indexFor(windowStart), idFor(region, windowStart), bytes(doc));
  }

  /**
   * The region's current-state document (contract 4.3): its latest per-minute document plus its rank
   * and open incident ids, and {@code updatedAt}, the end of that minute.
   *
   * @param rank 1 = best; null when the region has no overall score
   */
  public static EsDocument regionDocument(RegionSnapshot latest, Integer rank) {
    ObjectNode doc;
    try {
      doc = (ObjectNode) JSON.readTree(latest.minuteDocument);
    } catch (IOException e) {
      throw new UncheckedIOException("a per-minute document we wrote could not be read back", e);
    }
    doc.put("rank", rank);
    ArrayNode ids = doc.putArray("openIncidentIds");
    for (String id : latest.openIncidentIds) {
      ids.add(id);
    }
    doc.put("updatedAt", Instant.ofEpochMilli(latest.windowStart + Windows.SIZE_MILLIS).toString());
    return new EsDocument(REGIONS_INDEX, latest.region, bytes(doc));
  }

  /**
   * The item's current-state document (contract 4.3): its state on every channel, whether the
   * publishing channels agree, and the key facts they differ on. For a channel that does not publish
   * the item only {@code published} (false) and the revision in force are set.
   */
  public static EsDocument itemDocument(String region, CatalogItem item) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("region", region);
    doc.put("regionName", Regions.nameOf(region));
    doc.put("itemCode", item.itemCode);
    doc.put("itemName", item.displayName());
    ObjectNode channels = doc.putObject("channels");
    for (Channel channel : Channel.values()) {
      putListing(channels.putObject(channel.wireName()), item.listing(channel));
    }
    java.util.List<String> differing = item.differingKeyFacts();
    doc.put("consistent", differing.isEmpty());
    ArrayNode fields = doc.putArray("differingFields");
    differing.forEach(fields::add);
    doc.put("updatedAt", Instant.ofEpochMilli(item.updatedAt()).toString());
    return new EsDocument(ITEMS_INDEX, itemIdFor(region, item.itemCode), bytes(doc));
  }

  private static void putListing(ObjectNode node, ChannelListing listing) {
    boolean published = listing != null && listing.published;
    node.put("published", published);
    node.put("revision", listing == null ? null : listing.revision);
    if (!published) {
      return;
    }
    node.put("itemName", listing.itemName);
    node.put("depth", listing.depth);
    node.put("completeness", listing.completeness());
    node.put("publishedAt", Instant.ofEpochMilli(listing.appliedAt).toString());
    ObjectNode features = node.putObject("features");
    features.put("unifiedAuth", listing.unifiedAuth);
    features.put("eLicense", listing.eLicense);
    features.put("onlinePayment", listing.onlinePayment);
    ObjectNode facts = node.putObject("keyFacts");
    facts.put("conditions", listing.keyFacts.conditions);
    if (listing.keyFacts.materials == null) {
      facts.putNull("materials");
    } else {
      ArrayNode materials = facts.putArray("materials");
      for (String material : listing.keyFacts.materials) {
        materials.add(material);
      }
    }
    facts.put("timeLimitDays", listing.keyFacts.timeLimitDays);
    facts.put("fee", listing.keyFacts.fee);
  }

  private static void putWindow(ObjectNode doc, String region, long windowStart, long windowEnd) {
    doc.put("region", region);
    doc.put("regionName", Regions.nameOf(region));
    doc.put("windowStart", Instant.ofEpochMilli(windowStart).toString());
    doc.put("windowEnd", Instant.ofEpochMilli(windowEnd).toString());
  }

  private static void putAccess(ObjectNode doc, RegionMinute minute) {
    ObjectNode access = doc.putObject("access");
    for (Channel channel : Channel.values()) {
      ChannelAccess figures = minute.access(channel);
      ObjectNode node = access.putObject(channel.wireName());
      node.put("samples", figures.samples);
      node.put("ok", figures.ok);
      node.put("okRatio", figures.okRatio());
      node.put("p95LatencyMs", figures.p95LatencyMs());
    }
  }

  private static byte[] bytes(ObjectNode doc) {
    try {
      return JSON.writeValueAsBytes(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an indicator document could not be written as JSON", e);
    }
  }
}
