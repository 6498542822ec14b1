package org.channelwatch.indicators;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.channelwatch.connectors.elasticsearch.EsDocument;
import org.channelwatch.domain.Channel;
import org.channelwatch.domain.Regions;

/** Builds the per-region, per-minute indicator documents of contract 4.1. */
public final class IndicatorDocuments {

  public static final String INDEX_PREFIX = "channelwatch-indicators-";
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

  public static EsDocument document(String region, long windowStart, long windowEnd, RegionMinute minute) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("region", region);
    doc.put("regionName", Regions.nameOf(region));
    doc.put("windowStart", Instant.ofEpochMilli(windowStart).toString());
    doc.put("windowEnd", Instant.ofEpochMilli(windowEnd).toString());
    ObjectNode access = doc.putObject("access");
    for (Channel channel : Channel.values()) {
      ChannelAccess figures = minute.access(channel);
      ObjectNode node = access.putObject(channel.wireName());
      node.put("samples", figures.samples);
      node.put("ok", figures.ok);
      node.put("okRatio", figures.okRatio());
      node.put("p95LatencyMs", figures.p95LatencyMs());
    }
    try {
      return new EsDocument(indexFor(windowStart), idFor(region, windowStart), JSON.writeValueAsBytes(doc));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an indicator document could not be written as JSON", e);
    }
  }
}
