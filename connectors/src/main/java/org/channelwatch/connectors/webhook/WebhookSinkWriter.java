package org.channelwatch.connectors.webhook;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.channelwatch.connectors.elasticsearch.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queues each record for the webhook and delivers the queue, in order, from a thread of its own.
 *
 * <p>{@link #write} never waits: when the bounded queue is full the record is dropped, counted
 * and logged. One sender thread keeps the changes of an incident in order (opened before
 * resolved). Transient failures (connection errors, timeouts, 408, 425, 429, 5xx) are retried
 * with capped exponential backoff and jitter; other responses are final.
 */
final class WebhookSinkWriter<T> implements SinkWriter<T> {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookSinkWriter.class);

  private final WebhookSettings settings;
  private final SerializationSchema<T> bodySchema;
  private final HttpClient client;
  private final BlockingQueue<Message> queue;
  private final Backoff backoff;
  private final Thread sender;
  private final Counter delivered;
  private final Counter failedAttempts;
  private final Counter rejected;
  private final Counter givenUp;
  private final Counter dropped;
  private final Counter recordsSent;
  private final Counter recordErrors;
  /** Queued or being delivered; counted apart from the queue so a taken message still counts. */
  private final AtomicInteger undelivered = new AtomicInteger();
  private volatile boolean closed;

  WebhookSinkWriter(WebhookSettings settings, SerializationSchema<T> bodySchema, SinkWriterMetricGroup metrics) {
    this.settings = settings;
    this.bodySchema = bodySchema;
    this.client = HttpClient.newBuilder().connectTimeout(settings.requestTimeout()).build();
    this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
    this.backoff = new Backoff(settings.retryBase(), settings.retryCap(), () -> ThreadLocalRandom.current().nextDouble());
    this.delivered = metrics.counter("webhookDelivered");
    this.failedAttempts = metrics.counter("webhookFailedAttempts");
    this.rejected = metrics.counter("webhookRejected");
    this.givenUp = metrics.counter("webhookGivenUp");
    this.dropped = metrics.counter("webhookDropped");
    this.recordsSent = metrics.getNumRecordsSendCounter();
    this.recordErrors = metrics.getNumRecordsOutErrorsCounter();
    metrics.gauge("webhookQueued", queue::size);
    this.sender = new Thread(this::deliverUntilClosed, "webhook-sender " + settings.url().getHost());
    sender.setDaemon(true);
    sender.start();
  }

  @Override
  public void write(T element, Context context) {
    Message message;
    try {
      byte[] body = bodySchema.serialize(element);
      message = new Message(IdempotencyKey.of(body, settings.idempotencyKeyFields()), body);
    } catch (RuntimeException e) {
      drop("it could not be serialised: " + e.getMessage(), String.valueOf(element));
      return;
    }
    undelivered.incrementAndGet();
    if (!queue.offer(message)) {
      undelivered.decrementAndGet();
      drop("the queue of " + settings.queueCapacity() + " is full", message.idempotencyKey());
    }
  }

  /** At the end of a bounded input, waits up to the drain timeout; a checkpoint never waits. */
  @Override
  public void flush(boolean endOfInput) throws InterruptedException {
    if (endOfInput) {
      awaitDrained(settings.drainTimeout());
    }
  }

  @Override
  public void close() throws InterruptedException {
    closed = true;
    sender.interrupt();
    sender.join(Duration.ofSeconds(5).toMillis());
    int left = queue.size();
    if (left > 0) {
      dropped.inc(left);
      recordErrors.inc(left);
      LOG.error("Closing the webhook sink for {} with {} undelivered messages; they are dropped", settings.url(), left);
    }
  }

  /** Waits until every queued message has been delivered or given up, or the timeout passes. */
  @VisibleForTesting
  boolean awaitDrained(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (undelivered.get() > 0) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(5);
    }
    return true;
  }

  @VisibleForTesting
  long droppedCount() {
    return dropped.getCount();
  }

  @VisibleForTesting
  long deliveredCount() {
    return delivered.getCount();
  }

  @VisibleForTesting
  long failedAttemptCount() {
    return failedAttempts.getCount();
  }

  @VisibleForTesting
  long rejectedCount() {
    return rejected.getCount();
  }

  @VisibleForTesting
  long givenUpCount() {
    return givenUp.getCount();
  }

  private void drop(String why, String what) {
    dropped.inc();
    recordErrors.inc();
    LOG.error("Dropped webhook message {} for {}: {}", what, settings.url(), why);
  }

  private void deliverUntilClosed() {
    try {
      while (!closed) {
        Message message = queue.take();
        try {
          deliver(message);
        } finally {
          undelivered.decrementAndGet();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void deliver(Message message) throws InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(settings.url())
            .timeout(settings.requestTimeout())
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", message.idempotencyKey())
            .POST(HttpRequest.BodyPublishers.ofByteArray(message.body()))
            .build();
    for (int attempt = 1; ; attempt++) {
      String failure;
      try {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
          delivered.inc();
          recordsSent.inc();
          backoff.reset();
          return;
        }
        if (!isTransient(status)) {
          rejected.inc();
          recordErrors.inc();
          LOG.error(
              "The webhook {} refused {} with HTTP {}; not retried: {}",
              settings.url(), message.idempotencyKey(), status, abbreviate(response.body()));
          return;
        }
        failure = "HTTP " + status;
      } catch (IOException e) {
        failure = e.toString();
      }
      failedAttempts.inc();
      if (attempt >= settings.maxAttempts()) {
        givenUp.inc();
        recordErrors.inc();
        LOG.error(
            "Gave up delivering {} to the webhook {} after {} attempts; last failure: {}",
            message.idempotencyKey(), settings.url(), attempt, failure);
        return;
      }
      Duration delay = backoff.nextDelay();
      if (attempt == 1) {
        LOG.warn("Webhook {} failed for {} ({}); retrying with backoff", settings.url(), message.idempotencyKey(), failure);
      }
      Thread.sleep(delay.toMillis());
    }
  }

  /** Worth retrying: the endpoint may accept the same request later. */
  static boolean isTransient(int status) {
    return status == 408 || status == 425 || status == 429 || status >= 500;
  }

  private static String abbreviate(String body) {
    return body == null || body.length() <= 200 ? String.valueOf(body) : body.substring(0, 200) + "...";
  }

  private record Message(String idempotencyKey, byte[] body) {}
}
