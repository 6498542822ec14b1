package org.channelwatch.cli;

import java.time.Duration;
import org.channelwatch.connectors.elasticsearch.ElasticsearchSinkSettings;
import picocli.CommandLine.Option;

/** How the Elasticsearch sink batches and retries; defaults suit one local node. */
final class SinkOptions {
  @Option(names = "--sink-batch-size", paramLabel = "N", defaultValue = "${env:CHANNELWATCH_SINK_BATCH_SIZE:-1000}",
      description = "Most documents in one bulk request (env CHANNELWATCH_SINK_BATCH_SIZE; default ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--sink-batch-bytes", paramLabel = "BYTES", defaultValue = "${env:CHANNELWATCH_SINK_BATCH_BYTES:-5242880}",
      description = "Most bytes of documents in one bulk request (env CHANNELWATCH_SINK_BATCH_BYTES; default ${DEFAULT-VALUE}).")
  long batchBytes;

  @Option(names = "--sink-max-buffer-time", paramLabel = "DURATION", defaultValue = "${env:CHANNELWATCH_SINK_MAX_BUFFER_TIME:-PT0.5S}",
      description = "Longest a document waits for its batch to fill before it is sent anyway (env CHANNELWATCH_SINK_MAX_BUFFER_TIME; default ${DEFAULT-VALUE}).")
  Duration maxBufferTime;

  @Option(names = "--sink-flush-at-watermark-every", paramLabel = "DURATION",
      defaultValue = "${env:CHANNELWATCH_SINK_FLUSH_AT_WATERMARK_EVERY:-PT1M}",
      description = "Also send the buffer as soon as the watermark passes a multiple of this much event time, when the "
          + "per-minute documents of the minute just closed are all made; PT0S never (env "
          + "CHANNELWATCH_SINK_FLUSH_AT_WATERMARK_EVERY; default ${DEFAULT-VALUE}).")
  Duration flushAtWatermarkEvery;

  @Option(names = "--sink-max-buffered", paramLabel = "N", defaultValue = "${env:CHANNELWATCH_SINK_MAX_BUFFERED:-20000}",
      description = "Documents a writer buffers before it holds the job back (backpressure) (env CHANNELWATCH_SINK_MAX_BUFFERED; default ${DEFAULT-VALUE}).")
  int maxBuffered;

  @Option(names = "--sink-max-in-flight", paramLabel = "N", defaultValue = "${env:CHANNELWATCH_SINK_MAX_IN_FLIGHT:-1}",
      description = "Bulk requests a writer may have open at once (env CHANNELWATCH_SINK_MAX_IN_FLIGHT; default ${DEFAULT-VALUE}). "
          + "Above 1, two versions of a document (a region's latest minute, an incident that resolves) may land out of "
          + "order and leave the older one in place: see docs/operations.md.")
  int maxInFlight;

  @Option(names = "--sink-retry-base", paramLabel = "DURATION", defaultValue = "${env:CHANNELWATCH_SINK_RETRY_BASE:-PT0.2S}",
      description = "First wait before retrying after a transient failure; doubles with each failure in a row, with jitter (env CHANNELWATCH_SINK_RETRY_BASE; default ${DEFAULT-VALUE}).")
  Duration retryBase;

  @Option(names = "--sink-retry-cap", paramLabel = "DURATION", defaultValue = "${env:CHANNELWATCH_SINK_RETRY_CAP:-PT30S}",
      description = "Longest wait between retries (env CHANNELWATCH_SINK_RETRY_CAP; default ${DEFAULT-VALUE}).")
  Duration retryCap;

  ElasticsearchSinkSettings settings() {
    return new ElasticsearchSinkSettings(
        batchSize, batchBytes, maxInFlight, maxBuffered, maxBufferTime, retryBase, retryCap, flushAtWatermarkEvery);
  }
}
