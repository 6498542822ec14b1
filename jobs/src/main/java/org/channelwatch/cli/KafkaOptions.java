package org.channelwatch.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
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

  @Option(
      names = "--kafka-config",
      paramLabel = "FILE",
      defaultValue = "${env:CHANNELWATCH_KAFKA_CONFIG}",
      description =
          "A Java properties file of Kafka client settings (security.protocol, sasl.*, ssl.*), as Kafka's "
              + "own tools take with --command-config; --kafka-property overrides it (env CHANNELWATCH_KAFKA_CONFIG).")
  Path configFile;

  KafkaSettings settings() {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException(
          "no Kafka given: pass --bootstrap-servers HOST:PORT or set CHANNELWATCH_BOOTSTRAP_SERVERS "
              + "(./channelwatch stack starts a local broker)");
    }
    Map<String, String> merged = new LinkedHashMap<>(configFileProperties());
    merged.putAll(properties);
    return new KafkaSettings(bootstrapServers, Secrets.resolve(merged));
  }

  private Map<String, String> configFileProperties() {
    if (configFile == null) {
      return Map.of();
    }
    Properties file = new Properties();
    try (Reader reader = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
      file.load(reader);
    } catch (IOException e) {
      throw new IllegalArgumentException("could not read the Kafka client settings in " + configFile + ": " + e.getMessage(), e);
    }
    Map<String, String> settings = new TreeMap<>();
    file.stringPropertyNames().forEach(key -> settings.put(key, file.getProperty(key)));
    return settings;
  }
}
