package org.channelwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.channelwatch.job.JobLauncher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The contract's own examples, published with the command line's {@code publish}, give the access
 * documents the contract defines for them.
 */
class ContractExamplesEndToEndTest {

  private static final String TOPIC = "examples.events";
  private static Stack stack;

  @BeforeAll
  static void startStack() throws Exception {
    stack = Stack.start("examples");
  }

  @AfterAll
  static void stopStack() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void publishingValidExamplesYieldsTheirAccessDocuments() throws Exception {
    stack.services.kafka().createTopics(2, TOPIC);
    Path examples = Path.of(System.getProperty("channelwatch.shared.dir"), "contract", "examples", "valid.ndjson");
    int status =
        new CommandLine(new org.channelwatch.cli.Main())
            .execute("publish", "--bootstrap-servers", stack.kafka().bootstrapServers(), "--topic", TOPIC, examples.toString());
    assertThat(status).isZero();
    // Later activity in every region of the examples, so that event time passes their windows.
    stack.publish(
        TOPIC,
        List.of(
            Events.access("tick-zj", "330000", "web", "2026-11-25T09:00:00Z", "ok", null),
            Events.access("tick-bj", "110000", "web", "2026-11-25T09:00:00Z", "ok", null),
            Events.access("tick-bt", "660000", "web", "2026-11-25T09:00:00Z", "ok", null)));

    JobClient job = JobLauncher.start(stack.jobOptions(TOPIC, 2, 1));
    try {
      long minute0 = Events.millis("2026-11-25T00:00:00Z");
      long bjMinute = Events.millis("2026-11-25T08:00:00Z");
      Map<String, JsonNode> byId =
          stack
              .awaitDocuments(
                  "channelwatch-indicators-*",
                  docs -> docs.stream().map(Stack.Document::id).toList().containsAll(
                      List.of("330000:" + minute0, "660000:" + minute0, "110000:" + bjMinute)),
                  Duration.ofMinutes(2))
              .stream()
              .collect(Collectors.toMap(Stack.Document::id, Stack.Document::source));

      // acc-0001: app, ok, 182 ms, at 08:00:01.250+08:00.
      assertThat(byId.get("330000:" + minute0).at("/access/app").toString())
          .isEqualTo("{\"samples\":1,\"ok\":1,\"okRatio\":1.0,\"p95LatencyMs\":182}");
      // acc-0002: web, timeout, 15000 ms, at 08:00:02Z.
      assertThat(byId.get("110000:" + bjMinute).at("/access/web").toString())
          .isEqualTo("{\"samples\":1,\"ok\":0,\"okRatio\":0.0,\"p95LatencyMs\":15000}");
      // acc-0003: hall, error, no latency, at 08:00:03+08:00.
      assertThat(byId.get("660000:" + minute0).at("/access/hall").toString())
          .isEqualTo("{\"samples\":1,\"ok\":0,\"okRatio\":0.0,\"p95LatencyMs\":null}");
      // visit-0001 (08:30+08:00) comes after case-0002 (08:40+08:00) of the same region, ten minutes
      // beyond the 30 s the watermark allows: it is late if a watermark went out between the two,
      // which depends on timing. Nothing else in the examples may be refused.
      assertThat(stack.documents("channelwatch-deadletter"))
          .allSatisfy(
              letter -> {
                assertThat(letter.source().get("reason").asText()).isEqualTo("late");
                assertThat(letter.source().get("excerpt").asText()).contains("\"visit-0001\"");
              });
    } finally {
      job.cancel().get();
    }
  }
}
