package org.channelwatch.connectors.webhook;

import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * POSTs each record as JSON to a webhook, with an {@code Idempotency-Key} header, retried with
 * backoff from a bounded queue so that a slow or failing endpoint never slows the job down.
 *
 * <p>Delivery is best effort: a record is dropped (and counted) when the queue is full or its
 * attempts run out, and queued records are not part of checkpoints. The receiver dedupes by the
 * key, so a record repeated after a restart does no harm.
 *
 * @param <T> the records; {@code bodySchema} must write each as a JSON object that holds the
 *     settings' idempotency key fields
 */
public final class WebhookSink<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;

  private final WebhookSettings settings;
  private final SerializationSchema<T> bodySchema;

  public WebhookSink(WebhookSettings settings, SerializationSchema<T> bodySchema) {
    this.settings = settings;
    this.bodySchema = bodySchema;
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) throws java.io.IOException {
    try {
      bodySchema.open(context.asSerializationSchemaInitializationContext());
    } catch (Exception e) {
      throw new java.io.IOException("could not open the webhook body schema", e);
    }
    return new WebhookSinkWriter<>(settings, bodySchema, context.metricGroup());
  }
}
