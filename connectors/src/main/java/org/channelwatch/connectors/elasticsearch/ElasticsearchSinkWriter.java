package org.channelwatch.connectors.elasticsearch;

import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriter;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ResultHandler;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.channelwatch.connectors.privacy.PersonalData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends buffered documents to Elasticsearch as bulk requests and judges each item on its own:
 * written, retried later with backoff, or rejected for good.
 *
 * <p>Transient failures (connection errors, timeouts, 408, 429, 5xx) are retried without limit, so
 * an unreachable Elasticsearch slows the job down through backpressure instead of failing it or
 * dropping documents. A document refused for good (another 4xx, such as a mapping conflict) is
 * replaced in the buffer by its {@code rejected_by_sink} dead letter ({@link SinkDeadLetters}); a
 * dead letter refused in turn is logged and counted, never looped. Refused credentials or
 * privileges (401, 403), an untrusted certificate, or a whole request refused fail the job with an
 * {@link UnrecoverableElasticsearchException}: retrying cannot fix them.
 */
final class ElasticsearchSinkWriter extends AsyncSinkWriter<EsDocument, EsDocument> {

  private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchSinkWriter.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ElasticsearchConnection.Clients clients;
  private final Backoff backoff;
  private final Counter retriedDocuments;
  private final Counter rejectedDocuments;
  private final Counter lostDeadLetters;
  private final Counter deadLetters;
  private final Histogram bulkLatencyMs;
  private final AtomicInteger inFlightRequests = new AtomicInteger();
  private final ElasticsearchConnection connection;
  private final ElasticsearchSinkSettings settings;
  private final Clock clock = Clock.systemUTC();
  private long watermark = Long.MIN_VALUE;
  /**
   * Set when the task closes the writer. A request still in flight then fails as its connection
   * closes. Its documents are neither retried nor reported (the task's mailbox takes nothing once
   * closed): a restart finds them in the last checkpoint's buffer, or makes them again from the
   * records it replays after that checkpoint.
   */
  private volatile boolean closed;

  ElasticsearchSinkWriter(
      WriterInitContext context,
      AsyncSinkWriterConfiguration configuration,
      ElasticsearchConnection connection,
      ElasticsearchSinkSettings settings,
      Collection<BufferedRequestState<EsDocument>> restored) {
    super((document, ctx) -> document, context, configuration, restored);
    this.connection = connection;
    this.settings = settings;
    this.clients = connection.open();
    this.backoff =
        new Backoff(settings.retryBase(), settings.retryCap(), () -> ThreadLocalRandom.current().nextDouble());
    this.retriedDocuments = context.metricGroup().counter(SinkMetrics.RETRIED_DOCUMENTS);
    this.rejectedDocuments = context.metricGroup().counter(SinkMetrics.REJECTED_DOCUMENTS);
    this.lostDeadLetters = context.metricGroup().counter(SinkMetrics.LOST_DEAD_LETTERS);
    this.deadLetters =
        context
            .metricGroup()
            .addGroup(SinkMetrics.DEAD_LETTERS_GROUP, SinkDeadLetters.REASON)
            .counter(SinkMetrics.DEAD_LETTERS);
    this.bulkLatencyMs =
        context.metricGroup().histogram(SinkMetrics.BULK_LATENCY_MS, new DescriptiveStatisticsHistogram(1000));
    context.metricGroup().gauge(SinkMetrics.IN_FLIGHT_REQUESTS, inFlightRequests::get);
  }

  /**
   * Sends what is buffered, and waits for it, when the watermark passes the end of a window: the
   * documents of windows that just closed are all in the buffer then, and would otherwise wait for
   * the buffer's timer. Between window ends, nothing changes.
   */
  @Override
  public void writeWatermark(Watermark mark) throws IOException, InterruptedException {
    long before = watermark;
    watermark = mark.getTimestamp();
    if (settings.passesWindowEnd(before, watermark)) {
      flush(true);
    }
  }

  @Override
  protected void submitRequestEntries(List<EsDocument> documents, ResultHandler<EsDocument> result) {
    BulkRequest.Builder bulk = new BulkRequest.Builder();
    for (EsDocument document : documents) {
      if (document.update() == null) {
        BinaryData source = BinaryData.of(document.source(), ContentType.APPLICATION_JSON);
        bulk.operations(op -> op.index(index -> index.index(document.index()).id(document.id()).document(source)));
      } else {
        // The client writes BinaryData raw only in index operations; in an update's action it would
        // serialise the wrapper object. Jackson trees are written as JSON. Upserts are rare
        // (incidents), so parsing them again costs little.
        JsonNode update = readTree(document.update());
        JsonNode insert = readTree(document.source());
        bulk.operations(
            op ->
                op.update(
                    u -> u.index(document.index()).id(document.id()).action(a -> a.<JsonNode>doc(update).upsert(insert))));
      }
    }
    inFlightRequests.incrementAndGet();
    long sentAt = System.nanoTime();
    clients
        .async()
        .bulk(bulk.build())
        .whenComplete(
            (response, error) -> {
              inFlightRequests.decrementAndGet();
              bulkLatencyMs.update((System.nanoTime() - sentAt) / 1_000_000);
              if (closed) {
                LOG.debug("A bulk request of {} documents ended after the writer closed: {}", documents.size(), error);
              } else if (error != null) {
                onRequestFailed(documents, result, unwrap(error));
              } else {
                onResponse(documents, response, result);
              }
            });
  }

  private void onResponse(List<EsDocument> documents, BulkResponse response, ResultHandler<EsDocument> result) {
    if (!response.errors()) {
      succeeded();
      result.complete();
      return;
    }
    List<EsDocument> retry = new ArrayList<>();
    List<EsDocument> replacements = new ArrayList<>();
    List<BulkResponseItem> items = response.items();
    for (int i = 0; i < items.size(); i++) {
      BulkResponseItem item = items.get(i);
      EsDocument document = documents.get(i);
      switch (BulkItemStatus.of(item.status())) {
        case DONE -> {}
        case RETRY -> retry.add(document);
        case DENIED -> {
          result.completeExceptionally(
              new UnrecoverableElasticsearchException(
                  "Elasticsearch at " + connection.url() + " refused to write " + document + " for "
                      + connection.principal() + " (HTTP " + item.status() + ", " + describe(item)
                      + "): check the credentials and that they may write to channelwatch-* indices",
                  null));
          return;
        }
        case REJECTED -> {
          EsDocument deadLetter = rejected(document, item);
          if (deadLetter != null) {
            replacements.add(deadLetter);
          }
        }
      }
    }
    if (!retry.isEmpty()) {
      retry.addAll(replacements);
      retryLater(retry, result, items.size() - retry.size() + " of " + items.size() + " written");
      return;
    }
    succeeded();
    if (replacements.isEmpty()) {
      result.complete();
    } else {
      // The dead letters take the refused documents' places in the buffer and go out with the
      // next request; the refused documents themselves are done with.
      result.retryForEntries(replacements);
    }
  }

  /** Counts and logs a document refused for good; returns its dead letter, or null for none. */
  private EsDocument rejected(EsDocument document, BulkResponseItem item) {
    rejectedDocuments.inc();
    String type = item.error() == null ? "unknown" : item.error().type();
    String reason = item.error() == null ? "no reason given" : reasonOf(item);
    if (SinkDeadLetters.isDeadLetter(document)) {
      lostDeadLetters.inc();
      LOG.error(
          "Elasticsearch refused the dead letter {} for good (HTTP {}, {}: {}); it is dropped, not retried",
          document, item.status(), type, PersonalData.maskAll(reason));
      return null;
    }
    deadLetters.inc();
    LOG.warn(
        "Elasticsearch refused {} for good (HTTP {}, {}: {}); writing it to {} as {}",
        document, item.status(), type, PersonalData.maskAll(reason), SinkDeadLetters.INDEX, SinkDeadLetters.REASON);
    return SinkDeadLetters.of(
        document, new SinkDeadLetters.Refusal(item.status(), type, reason), clock.instant());
  }

  /** The item's error type and reason, with the reason of its cause when it has one. */
  private static String describe(BulkResponseItem item) {
    return item.error() == null ? "no reason given" : item.error().type() + ": " + reasonOf(item);
  }

  private static String reasonOf(BulkResponseItem item) {
    String reason = item.error().reason();
    if (item.error().causedBy() != null) {
      reason += " (caused by " + item.error().causedBy().type() + ": " + item.error().causedBy().reason() + ")";
    }
    return reason;
  }

  private void onRequestFailed(List<EsDocument> documents, ResultHandler<EsDocument> result, Throwable error) {
    switch (ElasticsearchFailures.classify(error)) {
      case TRANSIENT -> retryLater(documents, result, error.toString());
      case DENIED, UNTRUSTED_CERTIFICATE, PERMANENT -> {
        String explanation = ElasticsearchFailures.explain(connection, "writing documents", error);
        LOG.error(explanation, error);
        // Without the client's exception as cause: it does not serialise (its error response is not
        // Serializable), and Flink only honours the non-recoverable mark of a failure it can
        // deserialise at the JobManager; otherwise it would restart the job in a loop.
        result.completeExceptionally(new UnrecoverableElasticsearchException(explanation, null));
      }
      case UNEXPECTED ->
          // Not Elasticsearch's answer: let Flink restart the task (a fresh client) from the last checkpoint.
          result.completeExceptionally(new IOException("The Elasticsearch sink failed unexpectedly", error));
    }
  }

  private void retryLater(List<EsDocument> documents, ResultHandler<EsDocument> result, String why) {
    Duration delay;
    int failures;
    synchronized (backoff) {
      delay = backoff.nextDelay();
      failures = backoff.consecutiveFailures();
    }
    retriedDocuments.inc(documents.size());
    if (failures == 1 || failures % 10 == 0) {
      LOG.warn("Retrying {} documents in {} ms after failure {}: {}", documents.size(), delay.toMillis(), failures, why);
    }
    CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS)
        .execute(() -> {
          if (closed) {
            return;
          }
          try {
            result.retryForEntries(documents);
          } catch (RejectedExecutionException e) {
            if (!closed) {
              throw e;
            }
          }
        });
  }

  private void succeeded() {
    synchronized (backoff) {
      if (backoff.consecutiveFailures() > 0) {
        LOG.info("Elasticsearch accepts writes again after {} failures", backoff.consecutiveFailures());
      }
      backoff.reset();
    }
  }

  private static JsonNode readTree(byte[] json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("a document to upsert is not JSON", e);
    }
  }

  private static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof java.util.concurrent.CompletionException
            || cause instanceof java.util.concurrent.ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  @Override
  protected long getSizeInBytes(EsDocument document) {
    return document.sizeInBytes();
  }

  @Override
  public void close() {
    closed = true;
    super.close();
    try {
      clients.close();
    } catch (IOException e) {
      LOG.warn("Could not close the Elasticsearch client", e);
    }
  }
}
