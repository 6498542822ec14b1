package org.channelwatch.connectors.webhook;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where the webhook sink POSTs, and how it queues and retries.
 *
 * @param url the endpoint; every message is POSTed here as {@code application/json}
 * @param idempotencyKeyFields top-level fields of each JSON body whose values, joined with
 *     {@code :}, form the {@code Idempotency-Key} header; for incidents {@code id} and
 *     {@code status}, giving {@code {incident id}:{status}}
 * @param queueCapacity messages waiting for delivery per writer; when full, new ones are dropped
 *     and counted rather than slowing the job down
 * @param maxAttempts attempts per message before it is given up, counted and logged
 * @param retryBase first retry delay ceiling of the capped exponential backoff with jitter
 * @param retryCap largest retry delay ceiling
 * @param requestTimeout how long one attempt may take
 * @param drainTimeout at the end of a bounded input or on close, how long to wait for the queue
 */
public record WebhookSettings(
    URI url,
    List<String> idempotencyKeyFields,
    int queueCapacity,
    int maxAttempts,
    Duration retryBase,
    Duration retryCap,
    Duration requestTimeout,
    Duration drainTimeout)
    implements Serializable {

  public WebhookSettings {
    Objects.requireNonNull(url, "url");
    String scheme = url.getScheme();
    if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
      throw new IllegalArgumentException("the webhook URL must be http or https, got " + url);
    }
    idempotencyKeyFields = List.copyOf(idempotencyKeyFields);
    if (idempotencyKeyFields.isEmpty()) {
      throw new IllegalArgumentException("name at least one field for the Idempotency-Key");
    }
    if (queueCapacity < 1 || maxAttempts < 1) {
      throw new IllegalArgumentException("queueCapacity and maxAttempts must be at least 1");
    }
    Objects.requireNonNull(retryBase, "retryBase");
    Objects.requireNonNull(retryCap, "retryCap");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(drainTimeout, "drainTimeout");
  }

  /**
   * Defaults for incident alerts: key {@code {id}:{status}}, 10,000 queued, 12 attempts spread
   * over about ten minutes (500 ms doubling up to 2 minutes, with jitter).
   */
  public static WebhookSettings forUrl(String url) {
    return new WebhookSettings(
        URI.create(url),
        List.of("id", "status"),
        10_000,
        12,
        Duration.ofMillis(500),
        Duration.ofMinutes(2),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30));
  }

  public WebhookSettings withRetries(int maxAttempts, Duration retryBase, Duration retryCap) {
    return new WebhookSettings(
        url, idempotencyKeyFields, queueCapacity, maxAttempts, retryBase, retryCap, requestTimeout, drainTimeout);
  }

  public WebhookSettings withQueueCapacity(int queueCapacity) {
    return new WebhookSettings(
        url, idempotencyKeyFields, queueCapacity, maxAttempts, retryBase, retryCap, requestTimeout, drainTimeout);
  }

  public WebhookSettings withTimeouts(Duration requestTimeout, Duration drainTimeout) {
    return new WebhookSettings(
        url, idempotencyKeyFields, queueCapacity, maxAttempts, retryBase, retryCap, requestTimeout, drainTimeout);
  }
}
