package org.channelwatch.connectors.elasticsearch;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriter;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ResultHandler;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends buffered documents to Elasticsearch as bulk requests and judges each item on its own:
 * written, retried later with backoff, or rejected for good.
 *
 * <p>Transient failures (connection errors, 429, 5xx) are retried without limit, so an
 * unreachable Elasticsearch slows the job down through backpressure instead of failing it or
 * dropping documents. Authentication failures are fatal: retrying cannot fix a wrong password.
 */
final class ElasticsearchSinkWriter extends AsyncSinkWriter<EsDocument, EsDocument> {

  private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchSinkWriter.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ElasticsearchConnection.Clients clients;
  private final Backoff backoff;
  private final Counter retriedDocuments;
  private final Counter rejectedDocuments;
  private final AtomicInteger inFlightRequests = new AtomicInteger();

  ElasticsearchSinkWriter(
      WriterInitContext context,
      AsyncSinkWriterConfiguration configuration,
      ElasticsearchConnection connection,
      ElasticsearchSinkSettings settings,
      Collection<BufferedRequestState<EsDocument>> restored) {
    super((document, ctx) -> document, context, configuration, restored);
    this.clients = connection.open();
    this.backoff =
        new Backoff(settings.retryBase(), settings.retryCap(), () -> ThreadLocalRandom.current().nextDouble());
    this.retriedDocuments = context.metricGroup().counter("esRetriedDocuments");
    this.rejectedDocuments = context.metricGroup().counter("esRejectedDocuments");
    context.metricGroup().gauge("esInFlightRequests", inFlightRequests::get);
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
    clients
        .async()
        .bulk(bulk.build())
        .whenComplete(
            (response, error) -> {
              inFlightRequests.decrementAndGet();
              if (error != null) {
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
    List<BulkResponseItem> items = response.items();
    for (int i = 0; i < items.size(); i++) {
      BulkResponseItem item = items.get(i);
      switch (BulkItemStatus.of(item.status())) {
        case DONE -> {}
        case RETRY -> retry.add(documents.get(i));
        case REJECTED -> {
          rejectedDocuments.inc();
          LOG.error(
              "Elasticsearch rejected {}/{} for good (status {}): {}",
              item.index(), item.id(), item.status(), item.error() == null ? "no reason given" : item.error().reason());
        }
      }
    }
    if (retry.isEmpty()) {
      succeeded();
      result.complete();
    } else {
      retryLater(retry, result, items.size() - retry.size() + " of " + items.size() + " written");
    }
  }

  private void onRequestFailed(List<EsDocument> documents, ResultHandler<EsDocument> result, Throwable error) {
    if (error instanceof ElasticsearchException es && (es.status() == 401 || es.status() == 403)) {
      result.completeExceptionally(
          new IOException(
              "Elasticsearch refused our credentials (HTTP " + es.status() + "); check the user, password or API key",
              error));
      return;
    }
    retryLater(documents, result, error.toString());
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
        .execute(() -> result.retryForEntries(documents));
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
    super.close();
    try {
      clients.close();
    } catch (IOException e) {
      LOG.warn("Could not close the Elasticsearch client", e);
    }
  }
}
