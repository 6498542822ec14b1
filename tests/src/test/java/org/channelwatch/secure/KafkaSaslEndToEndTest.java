package org.channelwatch.secure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.channelwatch.e2e.Events.access;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.channelwatch.cli.Main;
import org.channelwatch.connectors.elasticsearch.ElasticsearchConnection;
import org.channelwatch.connectors.kafka.KafkaSettings;
import org.channelwatch.connectors.local.LocalElasticsearch;
import org.channelwatch.connectors.local.LocalKafka;
import org.channelwatch.e2e.Stack;
import org.channelwatch.job.JobLauncher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Kafka client security settings reach every client ChannelWatch makes: against a broker whose only
 * listener the clients are given requires a SASL/PLAIN login, {@code publish} (settings from a
 * {@code --kafka-config} file and a {@code --kafka-property} secret read from a file) and the job
 * (its topic admin, source and both Kafka sinks) work, and a wrong password stops the job at start
 * with one clear error.
 */
class KafkaSaslEndToEndTest {

  private static final String USER = "channelwatch";
  private static final String PASSWORD = "kafka-secret-1";
  private static final String TOPIC = "sasl.events";
  private static final String REGION = "330000";

  private static Path dir;
  private static LocalKafka kafka;
  private static LocalElasticsearch elasticsearch;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createDirectories(Path.of("target", "sasl", "run-" + System.currentTimeMillis()).toAbsolutePath());
    kafka = LocalKafka.start(dir.resolve("kafka"), 0, Map.of(USER, PASSWORD));
    elasticsearch = LocalElasticsearch.start(dir.resolve("elasticsearch"), 0);
  }

  @AfterAll
  static void stop() throws Exception {
    if (elasticsearch != null) {
      elasticsearch.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  private static KafkaSettings loginAs(String password) {
    return new KafkaSettings(
        kafka.saslBootstrapServers(),
        Map.of(
            "security.protocol", "SASL_PLAINTEXT",
            "sasl.mechanism", "PLAIN",
            "sasl.jaas.config", jaas(password)));
  }

  private static String jaas(String password) {
    return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + USER
        + "\" password=\"" + password + "\";";
  }

  @Test
  void publishAndTheWholeJobWorkThroughALoginAndAWrongPasswordStopsTheStart() throws Exception {
    publishThroughTheCommandLine();

    ElasticsearchConnection connection = ElasticsearchConnection.of(elasticsearch.url());
    assertThatThrownBy(() -> JobLauncher.start(Stack.jobOptions(loginAs("wrong"), connection, TOPIC, 1, 1)))
        .hasMessageContaining("Kafka refused the login")
        .hasMessageContaining("sasl.jaas.config");

    JobClient job = JobLauncher.start(Stack.jobOptions(loginAs(PASSWORD), connection, TOPIC, 1, 1));
    try (ElasticsearchConnection.Clients clients = connection.open()) {
      String minute = REGION + ":" + Instant.parse("2026-11-25T00:00:00Z").toEpochMilli();
      Stack.awaitDocuments(
          clients, "channelwatch-indicators-2026.11.25", docs -> docs.stream().anyMatch(d -> d.id().equals(minute)),
          Duration.ofMinutes(2));
      // The dead-letter sink logged in too: the malformed record is on its topic.
      assertThat(Stack.readTopic(loginAs(PASSWORD), TOPIC + ".deadletter", 1)).singleElement().satisfies(record -> assertThat(record.value()).contains("malformed_json"));
    } finally {
      job.cancel().get(1, TimeUnit.MINUTES);
    }
  }

  /** `channelwatch publish` with the protocol in a --kafka-config file and the login in a secret file. */
  private static void publishThroughTheCommandLine() throws Exception {
    Path config = dir.resolve("kafka-client.properties");
    Files.writeString(config, "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\n", StandardCharsets.UTF_8);
    Path secret = dir.resolve("kafka-jaas.secret");
    Files.writeString(secret, jaas(PASSWORD) + "\n", StandardCharsets.UTF_8);
    Path events = dir.resolve("events.ndjson");
    Files.write(
        events,
        List.of(
            access("sasl-1", REGION, "web", "2026-11-25T00:00:01Z", "ok", 100L),
            "{\"not json",
            access("sasl-2", REGION, "web", "2026-11-25T00:02:00Z", "ok", 100L)),
        StandardCharsets.UTF_8);
    kafka.createTopics(1, TOPIC);

    int status =
        new CommandLine(new Main())
            .execute(
                "publish", "--bootstrap-servers", kafka.saslBootstrapServers(), "--topic", TOPIC,
                "--kafka-config", config.toString(), "--kafka-property", "sasl.jaas.config=@" + secret,
                events.toString());

    assertThat(status).as("exit status of publish").isZero();
  }
}
