package org.channelwatch.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.channelwatch.connectors.local.LocalStack;
import picocli.CommandLine.Option;

/** Where the local Kafka broker and Elasticsearch node keep their data and listen. */
final class StackOptions {
  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      defaultValue = "${env:CHANNELWATCH_DATA_DIR:-.channelwatch}",
      description = "Directory for all local data: Kafka, Elasticsearch, checkpoints, logs (env CHANNELWATCH_DATA_DIR; default ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--kafka-port",
      defaultValue = "${env:CHANNELWATCH_KAFKA_PORT:-9092}",
      description = "Port of the local Kafka broker (env CHANNELWATCH_KAFKA_PORT; default ${DEFAULT-VALUE}; 0 picks a free one).")
  int kafkaPort;

  @Option(
      names = "--elasticsearch-port",
      defaultValue = "${env:CHANNELWATCH_ELASTICSEARCH_PORT:-9200}",
      description = "HTTP port of the local Elasticsearch node (env CHANNELWATCH_ELASTICSEARCH_PORT; default ${DEFAULT-VALUE}; 0 picks a free one).")
  int elasticsearchPort;

  LocalStack start() throws IOException {
    return LocalStack.start(dataDir.toAbsolutePath(), kafkaPort, elasticsearchPort);
  }
}
