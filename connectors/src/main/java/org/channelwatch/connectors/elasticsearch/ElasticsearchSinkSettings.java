package org.channelwatch.connectors.elasticsearch;

import java.io.Serializable;
import java.time.Duration;

/**
 * How the Elasticsearch sink batches and retries.
 *
 * <p>Defaults suit one local node: bulk requests of up to 1000 documents or 5 MB, flushed at
 * least every 500 ms, and also as soon as the watermark passes the end of a minute: the per-minute
 * documents of that minute have all been made by then, and waiting for the timer would add up to
 * half a second to their freshness. One request in
 * flight: some documents are rewritten (a region's latest minute, an incident when it resolves),
 * and two requests in flight could land in either order, leaving the older version in place. More
 * in flight buys throughput against a large cluster at that price; a later rewrite of the same
 * document (the next minute, a restart) repairs it.
 */
public record ElasticsearchSinkSettings(
    int maxBatchSize,
    long maxBatchBytes,
    int maxInFlightRequests,
    int maxBufferedDocuments,
    Duration maxTimeInBuffer,
    Duration retryBase,
    Duration retryCap,
    Duration flushAtWatermarkEvery)
    implements Serializable {

  public ElasticsearchSinkSettings {
    require(maxBatchSize >= 1, "the sink batch size must be at least 1");
    require(maxBatchBytes >= 1024, "the sink batch bytes must be at least 1024");
    require(maxInFlightRequests >= 1, "the sink needs at least 1 request in flight");
    require(maxBufferedDocuments > maxBatchSize, "the sink must buffer more documents than one batch holds");
    require(!maxTimeInBuffer.isNegative() && !maxTimeInBuffer.isZero(), "the sink's longest time in buffer must be positive");
    require(!retryBase.isNegative() && !retryBase.isZero(), "the sink's retry base must be positive");
    require(retryCap.compareTo(retryBase) >= 0, "the sink's retry cap must be at least its retry base");
    require(!flushAtWatermarkEvery.isNegative(), "the sink's watermark flush interval must not be negative (zero turns it off)");
  }

  /** As the full constructor, flushing at the end of every minute of event time. */
  public ElasticsearchSinkSettings(
      int maxBatchSize, long maxBatchBytes, int maxInFlightRequests, int maxBufferedDocuments, Duration maxTimeInBuffer,
      Duration retryBase, Duration retryCap) {
    this(maxBatchSize, maxBatchBytes, maxInFlightRequests, maxBufferedDocuments, maxTimeInBuffer, retryBase, retryCap,
        Duration.ofMinutes(1));
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  public static ElasticsearchSinkSettings defaults() {
    return new ElasticsearchSinkSettings(
        1000, 5L * 1024 * 1024, 1, 20_000, Duration.ofMillis(500), Duration.ofMillis(200), Duration.ofSeconds(30));
  }

  public ElasticsearchSinkSettings withMaxTimeInBuffer(Duration maxTimeInBuffer) {
    return new ElasticsearchSinkSettings(
        maxBatchSize, maxBatchBytes, maxInFlightRequests, maxBufferedDocuments, maxTimeInBuffer, retryBase, retryCap,
        flushAtWatermarkEvery);
  }

  /**
   * The same settings, sending the buffer whenever the watermark passes a multiple of {@code every}
   * (the end of a window of that size); zero never.
   */
  public ElasticsearchSinkSettings withFlushAtWatermarkEvery(Duration every) {
    return new ElasticsearchSinkSettings(
        maxBatchSize, maxBatchBytes, maxInFlightRequests, maxBufferedDocuments, maxTimeInBuffer, retryBase, retryCap, every);
  }

  /**
   * Whether a watermark that moved from {@code before} to {@code now} passed the end of a window of
   * {@link #flushAtWatermarkEvery}: a window ending at {@code e} is complete at watermark {@code e - 1}.
   */
  public boolean passesWindowEnd(long before, long now) {
    long every = flushAtWatermarkEvery.toMillis();
    if (every <= 0 || now <= before) {
      return false;
    }
    if (now == Long.MAX_VALUE) {
      return true;
    }
    return Math.floorDiv(now + 1, every) > Math.floorDiv(before + 1, every);
  }
}
