package org.channelwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.channelwatch.e2e.Events.access;
import static org.channelwatch.e2e.Events.millis;
import static org.channelwatch.e2e.Events.published;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.channelwatch.job.JobLauncher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every record ends up as a valid event or a dead letter with its reason (contract 1 and 2), through
 * real Kafka, Flink and Elasticsearch, and no raw personal data leaves the job.
 */
class IntakeEndToEndTest {

  private static final String TOPIC = "intake.events";
  private static final String ID_NUMBER = "33010619900101123X";
  private static final String MOBILE = "13912345678";
  private static Stack stack;

  @BeforeAll
  static void startStack() throws Exception {
    stack = Stack.start("intake");
  }

  @AfterAll
  static void stopStack() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void deadLettersEveryBadRecordWithItsReasonAndCountsRepeatsOnce() throws Exception {
    stack.services.kafka().createTopics(1, TOPIC);
    List<String> firstPhase = new ArrayList<>();
    Map<Long, String> expectedReasonByOffset = new LinkedHashMap<>();
    firstPhase.add(access("a1", "330000", "web", "2026-11-25T00:00:10Z", "ok", 100L));
    firstPhase.add(access("a1", "330000", "web", "2026-11-25T00:00:10Z", "ok", 100L));
    firstPhase.add(access("a2", "330000", "web", "2026-11-25T00:00:20Z", "error", 200L));
    for (String[] row : sharedInvalidExamples()) {
      expectedReasonByOffset.put((long) firstPhase.size(), row[0]);
      firstPhase.add(row[1]);
    }
    expectedReasonByOffset.put((long) firstPhase.size(), "too_large");
    firstPhase.add(access("big", "330000", "web", "2026-11-25T00:00:30Z", "ok", null)
        .replace("\"outcome\"", "\"padding\":\"" + "x".repeat(70_000) + "\",\"outcome\""));
    firstPhase.add(access("tick1", "330000", "app", "2026-11-25T00:02:00Z", "ok", null));
    stack.publish(TOPIC, firstPhase);

    JobLauncher.Options options = stack.jobOptions(TOPIC, 1, 1);
    JobClient job = JobLauncher.start(withMetricsPorts(options, METRICS_PORTS));
    try {
      long minute0 = millis("2026-11-25T00:00:00Z");
      // The first minute is out once event time has passed it; only then can an event be late for it.
      stack.awaitDocuments("channelwatch-indicators-*", docs -> docs.size() >= 1, Duration.ofMinutes(2));

      List<String> secondPhase =
          List.of(
              access("late", "330000", "web", "2026-11-25T00:00:40Z", "ok", null),
              published("catalog-old", "330000", "web", "2026-11-25T00:00:05Z", "ITEM-1"),
              access("tick2", "330000", "app", "2026-11-25T00:04:00Z", "ok", null));
      expectedReasonByOffset.put((long) firstPhase.size(), "late");
      stack.publish(TOPIC, secondPhase);

      List<Stack.Document> deadLetters =
          stack.awaitDocuments(
              "channelwatch-deadletter", docs -> docs.size() >= expectedReasonByOffset.size(), Duration.ofMinutes(1));
      Thread.sleep(1_000);
      deadLetters = stack.documents("channelwatch-deadletter");

      Map<String, String> reasonById =
          deadLetters.stream().collect(Collectors.toMap(Stack.Document::id, d -> d.source().get("reason").asText()));
      Map<String, String> expectedById =
          expectedReasonByOffset.entrySet().stream()
              .collect(Collectors.toMap(e -> TOPIC + ":0:" + e.getKey(), Map.Entry::getValue));
      assertThat(reasonById).isEqualTo(expectedById);
      for (Stack.Document letter : deadLetters) {
        long offset = letter.source().get("offset").asLong();
        String value =
            offset < firstPhase.size() ? firstPhase.get((int) offset) : secondPhase.get((int) offset - firstPhase.size());
        String expectedExcerpt = masked(value);
        expectedExcerpt = expectedExcerpt.substring(0, Math.min(1024, expectedExcerpt.length()));
        assertThat(letter.source().get("excerpt").asText()).as(letter.id()).isEqualTo(expectedExcerpt);
        assertThat(letter.source().get("topic").asText()).isEqualTo(TOPIC);
        assertThat(letter.source().get("partition").asInt()).isZero();
        assertThat(letter.source().get("detail").asText()).isNotBlank();
        assertThat(letter.source().get("receivedAt").asText()).isNotBlank();
      }

      // The repeat of a1 counted once; the late event not at all.
      Stack.Document minute =
          stack.documents("channelwatch-indicators-*").stream()
              .filter(d -> d.id().equals("330000:" + minute0))
              .findFirst()
              .orElseThrow();
      assertThat(minute.source().at("/access/web").toString())
          .isEqualTo("{\"samples\":2,\"ok\":1,\"okRatio\":0.5,\"p95LatencyMs\":200}");

      List<String> topicRecords = Stack.readTopic(stack.kafka(), TOPIC + ".deadletter", expectedById.size()).stream().map(ConsumerRecord::value).toList();
      assertThat(topicRecords).hasSize(expectedById.size());
      assertNoRawPersonalData(topicRecords);
      assertNoRawPersonalData(List.of(
          stack.documents("channelwatch-*").stream().map(d -> d.source().toString()).collect(Collectors.joining("\n"))));

      // Operators can scrape the counters per reason.
      String metrics = scrapePrometheus();
      assertThat(metrics).contains("channelwatchDeadLetters").contains("deadLetterReason=\"too_large\"");
    } finally {
      job.cancel().get();
    }
    assertNoRawPersonalData(logsOf(Path.of("target", "tests.log")));
    // The broker's own logs; its data files hold the input topic, which is the producers' to keep.
    assertNoRawPersonalData(logsOf(stack.services.kafka().instanceDir().resolve("logs")));
    assertNoRawPersonalData(logsOf(stack.services.elasticsearch().instanceDir().resolve("logs")));
  }

  private static final String METRICS_PORTS = "19249-19299";

  private static JobLauncher.Options withMetricsPorts(JobLauncher.Options o, String ports) {
    return new JobLauncher.Options(
        o.kafka(), o.eventsTopic(), o.deadLetterTopic(), o.alertTopic(), o.webhookUrl(), o.groupId(), o.topicPartitions(), o.elasticsearch(),
        o.replicas(), o.parallelism(), o.checkpointDir(), o.restoreFrom(), o.checkpointInterval(), o.stateBackend(), o.job(), o.sink(),
        ports);
  }

  /** The Prometheus text of the first port in the range that answers. */
  private static String scrapePrometheus() throws Exception {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    for (int port = 19249; port <= 19299; port++) {
      try {
        java.net.http.HttpResponse<String> response =
            http.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && response.body().contains("channelwatch")) {
          return response.body();
        }
      } catch (java.io.IOException nobodyThere) {
        // try the next port of the range
      }
    }
    throw new AssertionError("no Prometheus endpoint with ChannelWatch metrics in " + METRICS_PORTS);
  }

  private static List<String[]> sharedInvalidExamples() throws IOException {
    Path file = Path.of(System.getProperty("channelwatch.shared.dir"), "contract", "examples", "invalid.tsv");
    return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
        .filter(line -> !line.isBlank() && !line.startsWith("#"))
        .map(line -> line.split("\t", 2))
        .toList();
  }

  private static String masked(String value) {
    return value.replace(ID_NUMBER, "**************123X").replace(MOBILE, "*******5678");
  }

  private static void assertNoRawPersonalData(List<String> texts) {
    for (String text : texts) {
      assertThat(text).doesNotContain(ID_NUMBER).doesNotContain(MOBILE);
    }
  }

  /** The text of every log file under {@code dir} (or of the file itself). */
  private static List<String> logsOf(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      List<String> texts = new ArrayList<>();
      for (Path file : files.filter(f -> f.toString().endsWith(".log")).toList()) {
        texts.add(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
      }
      return texts;
    }
  }
}
