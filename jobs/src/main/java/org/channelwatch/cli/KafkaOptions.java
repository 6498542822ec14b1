package org.channelwatch.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.channelwatch.connectors.kafka.KafkaSettings;
import picocli.CommandLine.Option;

/** Where Kafka is and which topic carries the events. */
final class KafkaOptions {
  static final String DEFAULT_TOPIC = "channelwatch.events";

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT",
      defaultValue = "${env:CHANNELWATCH_BOOTSTRAP_SERVERS}",
      description = "Kafka bootstrap servers (env CHANNELWATCH_BOOTSTRAP_SERVERS).")
  String bootstrapServers;

  @Option(
      names = "--topic",
      defaultValue = "${env:CHANNELWATCH_TOPIC:-" + DEFAULT_TOPIC + "}",
      description = "Topic of the channel events (env CHANNELWATCH_TOPIC; default ${DEFAULT-VALUE}).")
  String topic;

  @Option(
      names = "--kafka-property",
      paramLabel = "KEY=VALUE",
      description =
          "A Kafka client property, such as security.protocol=SASL_SSL; repeatable. Secrets are better "
              + "given as KEY=@FILE, which reads the value from FILE.")
  Map<String, String> properties = new LinkedHashMap<>();

  KafkaSettings settings() {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException(
          "no Kafka given: pass --bootstrap-servers HOST:PORT or set CHANNELWATCH_BOOTSTRAP_SERVERS "
              + "(./channelwatch stack starts a local broker)");
    }
    return new KafkaSettings(bootstrapServers, Secrets.resolve(properties));
  }
}
