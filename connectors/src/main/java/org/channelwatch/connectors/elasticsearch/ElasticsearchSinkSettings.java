package org.channelwatch.connectors.elasticsearch;

import java.io.Serializable;
import java.time.Duration;

/**
 * How the Elasticsearch sink batches and retries.
 *
 * <p>Defaults suit one local node: bulk requests of up to 1000 documents or 5 MB, flushed at
 * least every 500 ms so documents are searchable within the contract's 5 seconds. One request in
 * flight: some documents are rewritten (a region's latest minute, an incident when it resolves),
 * and two requests in flight could land in either order, leaving the older version in place.
 */
public record ElasticsearchSinkSettings(
    int maxBatchSize,
    long maxBatchBytes,
    int maxInFlightRequests,
    int maxBufferedDocuments,
    Duration maxTimeInBuffer,
    Duration retryBase,
    Duration retryCap)
    implements Serializable {

  public static ElasticsearchSinkSettings defaults() {
    return new ElasticsearchSinkSettings(
        1000, 5L * 1024 * 1024, 1, 20_000, Duration.ofMillis(500), Duration.ofMillis(200), Duration.ofSeconds(30));
  }

  public ElasticsearchSinkSettings withMaxTimeInBuffer(Duration maxTimeInBuffer) {
    return new ElasticsearchSinkSettings(
        maxBatchSize, maxBatchBytes, maxInFlightRequests, maxBufferedDocuments, maxTimeInBuffer, retryBase, retryCap);
  }
}
