package org.channelwatch.secure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.channelwatch.e2e.Events.access;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.channelwatch.connectors.elasticsearch.ElasticsearchConnection;
import org.channelwatch.connectors.elasticsearch.IndexTemplates;
import org.channelwatch.connectors.kafka.KafkaSettings;
import org.channelwatch.connectors.local.LocalKafka;
import org.channelwatch.e2e.Stack;
import org.channelwatch.job.JobLauncher;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real job against a real Elasticsearch with security on: it writes over HTTPS as a
 * least-privilege user and fails for good (no restart loop) when the password changes under it; with
 * a wrong password, an unknown API key or an untrusted certificate it refuses to start with one clear
 * error, before any job is submitted.
 */
class SecureElasticsearchEndToEndTest {

  private static final String DAY_INDEX = "channelwatch-indicators-2026.11.25";
  private static LocalKafka kafka;
  private static SecureElasticsearch elasticsearch;
  private static ElasticsearchConnection.Clients admin;

  @BeforeAll
  static void start() throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "secure", "run-" + System.currentTimeMillis()).toAbsolutePath());
    kafka = LocalKafka.start(dir.resolve("kafka"), 0);
    elasticsearch = SecureElasticsearch.start(dir.resolve("elasticsearch"));
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

  /** Starts the job on {@code topic} and waits until its region's first minute and its dead letter are written. */
  private static JobClient startAndAwaitDocuments(String topic, String region, ElasticsearchConnection connection)
      throws Exception {
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
      return job;
    } catch (Exception | Error e) {
      job.cancel().get(1, TimeUnit.MINUTES);
      throw e;
    }
  }

  /**
   * Writes as the job's own least-privilege user, trusting the CA file; when that user's password
   * changes under the running job, the job fails once with the reason, and Flink does not restart it.
   */
  @Test
  void writesOverHttpsAsALeastPrivilegeUserAndStopsForGoodWhenThePasswordChanges() throws Exception {
    publish("secure-basic", "330000");
    JobClient job = startAndAwaitDocuments("secure-basic", "330000", elasticsearch.as(SecureElasticsearch.WRITER));
    try {
      ElasticsearchConnection oldPassword = elasticsearch.as(SecureElasticsearch.WRITER);
      elasticsearch.changePassword(SecureElasticsearch.WRITER, "changed-by-an-administrator");
      awaitRefused(oldPassword);
      // Later minutes for the sink to write with the old password.
      Stack.publish(kafkaSettings(), "secure-basic", List.of(access("secure-basic-4", "330000", "web", "2026-11-25T00:05:00Z", "ok", 1L)));

      Throwable failure = catchThrowable(() -> job.getJobExecutionResult().get(2, TimeUnit.MINUTES));

      // A restart loop would never end the job: that it ends, failed, within the deadline is the point.
      assertThat(failure).as("the job fails instead of restarting").isInstanceOf(ExecutionException.class);
      assertThat(messages(failure))
          .anyMatch(m -> m.contains("Elasticsearch at " + elasticsearch.url() + " refused our credentials (HTTP 401) while writing documents"));
    } finally {
      if (!job.getJobExecutionResult().isDone()) {
        job.cancel().get(1, TimeUnit.MINUTES);
      }
    }
  }

  /** Waits until Elasticsearch has reloaded its users and refuses {@code connection}'s password. */
  private static void awaitRefused(ElasticsearchConnection connection) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
    try (ElasticsearchConnection.Clients clients = connection.open()) {
      while (true) {
        try {
          clients.lowLevel().performRequest(new Request("GET", "/_security/_authenticate"));
        } catch (ResponseException e) {
          if (e.getResponse().getStatusLine().getStatusCode() == 401) {
            return;
          }
          throw e;
        }
        assertThat(Instant.now()).as("Elasticsearch still accepts the old password").isBefore(deadline);
        Thread.sleep(250);
      }
    }
  }

  private static List<String> messages(Throwable failure) {
    List<String> messages = new ArrayList<>();
    for (Throwable cause = failure; cause != null && messages.size() < 50; cause = cause.getCause()) {
      messages.add(String.valueOf(cause.getMessage()));
    }
    return messages;
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
