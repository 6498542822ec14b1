package org.channelwatch.connectors.kafka;

import java.io.Serializable;
import java.util.Map;
import java.util.Properties;

/**
 * How to reach Kafka: bootstrap servers plus any client properties (security settings such as
 * SASL and TLS pass through here unchanged).
 */
public record KafkaSettings(String bootstrapServers, Map<String, String> clientProperties)
    implements Serializable {

  public static KafkaSettings of(String bootstrapServers) {
    return new KafkaSettings(bootstrapServers, Map.of());
  }

  /**
   * The bootstrap servers and the names of the client properties, never their values: a property
   * such as {@code sasl.jaas.config} or {@code ssl.key.password} holds a secret.
   */
  @Override
  public String toString() {
    return "Kafka at " + bootstrapServers + (clientProperties.isEmpty() ? "" : " with " + new java.util.TreeSet<>(clientProperties.keySet()));
  }

  /** Client properties with the bootstrap servers, ready for a producer, consumer or admin. */
  public Properties properties() {
    Properties properties = new Properties();
    properties.putAll(clientProperties);
    properties.setProperty("bootstrap.servers", bootstrapServers);
    return properties;
  }
}
