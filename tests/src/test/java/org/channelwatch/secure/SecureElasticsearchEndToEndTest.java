package org.channelwatch.secure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.channelwatch.e2e.Events.access;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.channelwatch.connectors.elasticsearch.ElasticsearchConnection;
import org.channelwatch.connectors.elasticsearch.IndexTemplates;
import org.channelwatch.connectors.kafka.KafkaSettings;
import org.channelwatch.connectors.local.LocalKafka;
import org.channelwatch.e2e.Stack;
import org.channelwatch.job.JobLauncher;
import org.elasticsearch.client.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real job against a real Elasticsearch with security on: it writes over HTTPS as a
 * least-privilege user, and with a wrong password, an unknown API key or an untrusted certificate it
 * refuses to start with one clear error, before any job is submitted.
 */
class SecureElasticsearchEndToEndTest {

  private static final String DAY_INDEX = "channelwatch-indicators-2026.11.25";
  private static LocalKafka kafka;
  private static SecureElasticsearch elasticsearch;
  private static ElasticsearchConnection.Clients admin;

  @BeforeAll
  static void start() throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "secure", "run-" + System.currentTimeMillis()).toAbsolutePath());
    // Both at once: each spends most of its start-up waiting on its own JVM.
    CompletableFuture<SecureElasticsearch> node =
        CompletableFuture.supplyAsync(() -> {
          try {
            return SecureElasticsearch.start(dir.resolve("elasticsearch"));
          } catch (Exception e) {
            throw new CompletionException(e);
          }
        });
    try {
      kafka = LocalKafka.start(dir.resolve("kafka"), 0);
    } finally {
      elasticsearch = node.join();
    }
    admin = elasticsearch.as(SecureElasticsearch.ADMIN).open();
  }

  @AfterAll
  static void stop() throws IOException {
    if (admin != null) {
      admin.close();
    }
    if (elasticsearch != null) {
      elasticsearch.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  private static KafkaSettings kafkaSettings() {
    return KafkaSettings.of(kafka.bootstrapServers());
  }

  /** Two minutes of one region's access events, so that the first minute closes, and a malformed record. */
  private static void publish(String topic, String region) throws Exception {
    kafka.createTopics(1, topic);
    Stack.publish(
        kafkaSettings(),
        topic,
        List.of(
            access(topic + "-1", region, "web", "2026-11-25T00:00:01Z", "ok", 100L),
            access(topic + "-2", region, "web", "2026-11-25T00:00:02Z", "error", null),
            "{\"not json",
            access(topic + "-3", region, "web", "2026-11-25T00:02:00Z", "ok", 100L)));
  }

  /** Runs the job on {@code topic} until its region's first minute and its dead letter are written. */
  private static void runUntilWritten(String topic, String region, ElasticsearchConnection connection) throws Exception {
    JobClient job = JobLauncher.start(Stack.jobOptions(kafkaSettings(), connection, topic, 1, 1));
    try {
      String minute = region + ":" + Instant.parse("2026-11-25T00:00:00Z").toEpochMilli();
      List<Stack.Document> indicators =
          Stack.awaitDocuments(admin, DAY_INDEX, docs -> docs.stream().anyMatch(d -> d.id().equals(minute)), Duration.ofMinutes(2));
      JsonNode web = indicators.stream().filter(d -> d.id().equals(minute)).findFirst().orElseThrow().source().at("/access/web");
      assertThat(web.get("samples").asInt()).isEqualTo(2);
      assertThat(web.get("ok").asInt()).isEqualTo(1);
      Stack.awaitDocuments(
          admin, "channelwatch-deadletter", docs -> docs.stream().anyMatch(d -> d.id().equals(topic + ":0:2")), Duration.ofMinutes(1));
    } finally {
      job.cancel().get(1, TimeUnit.MINUTES);
    }
  }

  @Test
  void writesOverHttpsAsALeastPrivilegeUser() throws Exception {
    publish("secure-basic", "330000");
    runUntilWritten("secure-basic", "330000", elasticsearch.as(SecureElasticsearch.WRITER));
  }

  /**
   * The CA fingerprint alone is enough trust, and API keys reach Elasticsearch as such. Creating an
   * API key needs the .security index, whose mapping needs the analysis-common module, which the
   * distribution on Maven Central lacks; so the key here is one Elasticsearch does not know, and
   * the start is refused with the credentials message.
   */
  @Test
  void trustsTheCaByItsFingerprintAndSendsApiKeys() throws Exception {
    ElasticsearchConnection byFingerprint =
        ElasticsearchConnection.of(elasticsearch.url()).withCaFingerprint(elasticsearch.caFingerprint);
    try (ElasticsearchConnection.Clients clients =
        byFingerprint.withBasicAuth(SecureElasticsearch.WRITER, elasticsearch.passwords.get(SecureElasticsearch.WRITER)).open()) {
      IndexTemplates.install(clients, 0);
    }

    ElasticsearchConnection unknownKey = byFingerprint.withApiKey("unknown-key-id:unknown-key-secret");
    assertThatThrownBy(() -> JobLauncher.start(Stack.jobOptions(kafkaSettings(), unknownKey, "secure-apikey", 1, 1)))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("Elasticsearch at " + elasticsearch.url() + " refused our credentials (HTTP 401)")
        .hasMessageNotContaining("unknown-key-secret");
  }

  @Test
  void refusesAWrongPasswordOrAnUntrustedCertificateAtStartWithOneClearError() throws Exception {
    publish("secure-refused", "440000");
    ElasticsearchConnection wrongPassword =
        elasticsearch.connection().withBasicAuth(SecureElasticsearch.WRITER, "not-the-password");
    ElasticsearchConnection untrusted =
        ElasticsearchConnection.of(elasticsearch.url())
            .withBasicAuth(SecureElasticsearch.WRITER, elasticsearch.passwords.get(SecureElasticsearch.WRITER));

    assertThatThrownBy(() -> JobLauncher.start(Stack.jobOptions(kafkaSettings(), wrongPassword, "secure-refused", 1, 1)))
        .isInstanceOf(IOException.class)
        .hasMessage("Elasticsearch at " + elasticsearch.url() + " refused our credentials (HTTP 401) while installing "
            + "index templates: check the user and password (--elasticsearch-user, --elasticsearch-password) or the "
            + "API key (--elasticsearch-api-key)");
    assertThatThrownBy(() -> JobLauncher.start(Stack.jobOptions(kafkaSettings(), untrusted, "secure-refused", 1, 1)))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("Could not trust the TLS certificate of Elasticsearch at " + elasticsearch.url())
        .hasMessageContaining("--elasticsearch-ca-file");

    // No job was submitted, so nothing of this topic was written: no dead letter, no indicators.
    admin.lowLevel().performRequest(new Request("POST", "/channelwatch-*/_refresh"));
    assertThat(Stack.documents(admin, "channelwatch-deadletter")).noneMatch(d -> d.id().startsWith("secure-refused:"));
    assertThat(Stack.documents(admin, DAY_INDEX)).noneMatch(d -> d.id().startsWith("440000:"));
  }
}
