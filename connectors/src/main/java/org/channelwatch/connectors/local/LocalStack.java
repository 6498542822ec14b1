package org.channelwatch.connectors.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The embedded default's services: one local Kafka broker and one local Elasticsearch node, each
 * in a child JVM with its data under one directory. Both start at once, since each takes seconds.
 */
public final class LocalStack implements AutoCloseable {
  private final LocalKafka kafka;
  private final LocalElasticsearch elasticsearch;

  private LocalStack(LocalKafka kafka, LocalElasticsearch elasticsearch) {
    this.kafka = kafka;
    this.elasticsearch = elasticsearch;
  }

  /**
   * Starts both services, keeping their data in {@code dataDir/kafka} and {@code
   * dataDir/elasticsearch}; a port of 0 picks a free one. If either fails, the other is stopped.
   */
  public static LocalStack start(Path dataDir, int kafkaPort, int elasticsearchPort) throws IOException {
    CompletableFuture<LocalKafka> kafka =
        CompletableFuture.supplyAsync(() -> uncheckedStart(() -> LocalKafka.start(dataDir.resolve("kafka"), kafkaPort)));
    CompletableFuture<LocalElasticsearch> elasticsearch =
        CompletableFuture.supplyAsync(
            () -> uncheckedStart(() -> LocalElasticsearch.start(dataDir.resolve("elasticsearch"), elasticsearchPort)));
    try {
      CompletableFuture.allOf(kafka, elasticsearch).join();
      return new LocalStack(kafka.join(), elasticsearch.join());
    } catch (CompletionException e) {
      kafka.thenAccept(LocalKafka::close);
      elasticsearch.thenAccept(LocalElasticsearch::close);
      Throwable cause = e.getCause() instanceof UncheckedIOException io ? io.getCause() : e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new IOException(cause.getMessage(), cause);
    }
  }

  private interface Starter<T> {
    T start() throws IOException;
  }

  private static <T> T uncheckedStart(Starter<T> starter) {
    try {
      return starter.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public LocalKafka kafka() {
    return kafka;
  }

  public LocalElasticsearch elasticsearch() {
    return elasticsearch;
  }

  @Override
  public void close() {
    // Both stop at once: each waits for its child to exit cleanly.
    CompletableFuture.allOf(
            CompletableFuture.runAsync(kafka::close), CompletableFuture.runAsync(elasticsearch::close))
        .join();
  }
}
