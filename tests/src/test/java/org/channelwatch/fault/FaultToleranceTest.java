package org.channelwatch.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.channelwatch.fault.IndexContents.DEAD_LETTERS;
import static org.channelwatch.fault.IndexContents.INCIDENTS;
import static org.channelwatch.fault.IndexContents.ITEMS;
import static org.channelwatch.fault.IndexContents.MINUTES;
import static org.channelwatch.fault.IndexContents.REGIONS;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.channelwatch.domain.Regions;
import org.channelwatch.job.JobLauncher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Contract 5 with real faults: whatever happens to the job, Kafka or Elasticsearch in the middle of
 * a stream, the final contents of every ChannelWatch index equal those of an uninterrupted run on
 * the same input, document for document (every field but {@code detectedAt}).
 *
 * <p>All against the real local Kafka broker and Elasticsearch node, with the job in its own
 * process as {@code channelwatch run} runs it. The uninterrupted run is made once, first; each
 * fault test then empties the indices and the topic, publishes the same input in parts with the
 * fault between them, and waits until the indices equal that run's.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultToleranceTest {

  /** How long a run may take to reach the uninterrupted run's contents; generous for a loaded machine. */
  private static final Duration FINISH = Duration.ofMinutes(4);
  /** Contents count as final once nothing at all was written for this long. */
  private static final Duration QUIET = Duration.ofSeconds(5);
  private static final Duration ELASTICSEARCH_DOWN = Duration.ofSeconds(60);
  /** Each look reads every index whole, which costs the shared CPU the job needs. */
  private static final Duration POLL = Duration.ofSeconds(1);

  private static final long STARTED = System.nanoTime();

  private static FaultStack stack;
  private static FaultInput input;
  private static IndexContents uninterrupted;

  @BeforeAll
  static void runOnceWithoutFaults() throws Exception {
    stack = FaultStack.start(Path.of("target", "fault", "run-" + System.currentTimeMillis()).toAbsolutePath());
    input = FaultInput.build();
    progress("stack started; input of " + input.all().size() + " records");
    stack.reset();
    try (JobProcess job = JobProcess.start(stack, "uninterrupted", "uninterrupted", null)) {
      stack.publish(input.all());
      progress("uninterrupted run: input published");
      uninterrupted = awaitFinished(job);
    }
    // The input must exercise what the guarantee is about: every kind of document, incidents that
    // open and resolve, dead letters.
    assertThat(uninterrupted.documents(MINUTES).keySet()).isEqualTo(input.minuteDocumentIds());
    assertThat(uninterrupted.documents(REGIONS)).hasSize(Regions.all().size());
    assertThat(uninterrupted.documents(ITEMS)).isNotEmpty();
    assertThat(uninterrupted.documents(INCIDENTS).values())
        .anySatisfy(incident -> assertThat(incident.get("status").asText()).isEqualTo("resolved"))
        .anySatisfy(incident -> assertThat(incident.get("status").asText()).isEqualTo("open"));
    assertThat(uninterrupted.documents(DEAD_LETTERS)).hasSize(input.invalidRecords());
    progress("uninterrupted run done: " + uninterrupted.counts() + "; incidents "
        + uninterrupted.documents(INCIDENTS).values().stream()
            .map(incident -> incident.get("kind").asText() + " " + incident.get("status").asText())
            .toList());
  }

  @AfterAll
  static void stopStack() throws IOException {
    if (stack != null) {
      stack.close();
    }
  }

  /** Runs first, on the topic and indices the uninterrupted run left. */
  @Test
  @Order(1)
  void replayingTheWholeTopicIntoTheSameIndicesChangesNoDocument() throws Exception {
    IndexContents before = stack.contents();
    assertThat(before.sameDocumentsAs(uninterrupted))
        .as("the indices hold the uninterrupted run's documents before the replay: %s", before.differencesFrom(uninterrupted))
        .isTrue();

    // A new consumer group and no checkpoint: the job reads the topic from the beginning.
    try (JobProcess job = JobProcess.start(stack, "replay", "replay", null)) {
      // The last minute's documents are written once the whole topic has been read again.
      Set<String> lastMinute = lastMinuteDocumentIds();
      await(job, "the replay to rewrite the last minute's documents " + lastMinute, () -> {
        IndexContents now = stack.contents();
        // Documents written once per run are rewritten as they were, at every moment of the
        // replay; current-state documents pass through earlier states on their way.
        for (String index : List.of(MINUTES, DEAD_LETTERS)) {
          assertThat(now.documents(index).equals(uninterrupted.documents(index)))
              .as("%s changed during the replay:\n%s", index, now.differencesFrom(uninterrupted))
              .isTrue();
        }
        return lastMinute.stream().allMatch(id -> now.version(MINUTES, id) > before.version(MINUTES, id));
      });
      IndexContents after = awaitQuiet(job);
      progress("replay done");
      assertThat(after.sameDocumentsAs(uninterrupted))
          .as("after the replay:\n%s", after.differencesFrom(uninterrupted))
          .isTrue();
      // Every per-minute document was written again, under its own id.
      assertThat(after.documents(MINUTES).keySet())
          .allSatisfy(id -> assertThat(after.version(MINUTES, id)).isGreaterThan(before.version(MINUTES, id)));
    }
  }

  @Test
  @Order(2)
  void jobKilledTwiceMidStreamResumesFromItsCheckpointsWithTheUninterruptedResults() throws Exception {
    Path checkpoints = stack.dir().resolve("checkpoints-kill");

    // First kill: as soon as the first documents are written, maybe before any checkpoint.
    try (JobProcess job = startOnFirstPart("kill-1", "kill", checkpoints)) {
      job.kill();
      progress("first kill; newest checkpoint " + JobLauncher.latestCheckpoint(checkpoints).map(Path::toString).orElse("none"));
    }

    // Second kill: later in the stream, once the resumed job has made a checkpoint of its own and
    // written documents of the second part.
    try (JobProcess job = JobProcess.start(stack, "kill-2", "kill", checkpoints)) {
      Instant started = Instant.now();
      stack.publish(input.part(1));
      await(job, "a checkpoint of the resumed job", () -> checkpointedSince(checkpoints, started));
      awaitMinuteDocument(job, FaultInput.endOfPart(0));
      job.kill();
      progress("second kill; newest checkpoint " + JobLauncher.latestCheckpoint(checkpoints).map(Path::toString).orElse("none"));
    }

    try (JobProcess job = JobProcess.start(stack, "kill-3", "kill", checkpoints)) {
      stack.publish(input.part(2));
      awaitSameAsUninterrupted(job);
      progress("killed job done");
      assertThat(job.resumedFromCheckpoint()).as("the job resumed from a checkpoint in " + checkpoints).isTrue();
    }
  }

  @Test
  @Order(3)
  void elasticsearchDownForSixtySecondsMidStreamNeitherFailsTheJobNorLosesOrDoublesAnything() throws Exception {
    try (JobProcess job = startOnFirstPart("elasticsearch", "elasticsearch", stack.dir().resolve("checkpoints-es"))) {
      stack.stopElasticsearch();
      Instant stopped = Instant.now();
      progress("Elasticsearch stopped");
      try {
        // The job reads on while its sink cannot write.
        stack.publish(input.part(1));
        while (Instant.now().isBefore(stopped.plus(ELASTICSEARCH_DOWN))) {
          job.checkAlive();
          Thread.sleep(POLL.toMillis());
        }
      } finally {
        stack.startElasticsearch();
        progress("Elasticsearch started again");
      }
      stack.publish(input.part(2));

      awaitSameAsUninterrupted(job);
      progress("Elasticsearch outage done");
      job.checkAlive();
      assertThat(job.failovers()).as("Flink restarted or failed the job").isEmpty();
    }
  }

  @Test
  @Order(4)
  void kafkaBrokerKilledAndRestartedMidStreamLosesAndDoublesNothing() throws Exception {
    try (JobProcess job = startOnFirstPart("kafka", "kafka", stack.dir().resolve("checkpoints-kafka"))) {
      stack.killAndRestartKafka();
      progress("Kafka killed and started again");
      stack.publish(input.part(1));
      stack.publish(input.part(2));

      awaitSameAsUninterrupted(job);
      job.checkAlive();
      // Flink may fail over and restore from its checkpoint; the contents above are what counts.
      progress("Kafka restart done; job failovers: " + job.failovers());
    }
  }

  /**
   * Empties the topic and indices, starts a job, publishes the first part of the input and returns
   * once the job has written its first per-minute documents: the point "mid-stream" of each test.
   */
  private static JobProcess startOnFirstPart(String name, String groupId, Path checkpoints) throws Exception {
    stack.reset();
    JobProcess job = JobProcess.start(stack, name, groupId, checkpoints);
    try {
      stack.publish(input.part(0));
      awaitMinuteDocument(job, FaultInput.T0);
      return job;
    } catch (Exception | Error e) {
      job.close();
      throw e;
    }
  }

  /**
   * Waits until an uninterrupted run is done: every per-minute document the input makes exists,
   * every region document shows the last minute, every dead letter is there, and then nothing is
   * written for a while (incidents and items have no count known in advance).
   */
  private static IndexContents awaitFinished(JobProcess job) throws Exception {
    Set<String> minutes = input.minuteDocumentIds();
    await(job, "the documents of every minute up to " + FaultInput.lastMinute(), () -> {
      IndexContents now = stack.contents();
      return now.documents(MINUTES).keySet().containsAll(minutes)
          && regionsShowTheLastMinute(now)
          && now.documents(DEAD_LETTERS).size() >= input.invalidRecords();
    });
    return awaitQuiet(job);
  }

  private static boolean regionsShowTheLastMinute(IndexContents contents) {
    Map<String, JsonNode> regions = contents.documents(REGIONS);
    Map<String, JsonNode> minutes = contents.documents(MINUTES);
    long last = FaultInput.lastMinute().toEpochMilli();
    return regions.size() == Regions.all().size()
        && regions.entrySet().stream().allMatch(region -> {
          JsonNode lastMinute = minutes.get(region.getKey() + ":" + last);
          return lastMinute != null && lastMinute.get("windowStart").equals(region.getValue().get("windowStart"));
        });
  }

  private static Set<String> lastMinuteDocumentIds() {
    String suffix = ":" + FaultInput.lastMinute().toEpochMilli();
    return input.minuteDocumentIds().stream().filter(id -> id.endsWith(suffix)).collect(Collectors.toSet());
  }

  /**
   * Waits until the indices hold exactly the uninterrupted run's documents and nothing more is
   * written; fails with the differences when they do not within {@link #FINISH}.
   */
  private static void awaitSameAsUninterrupted(JobProcess job) throws Exception {
    Instant deadline = Instant.now().plus(FINISH);
    IndexContents now = stack.contents();
    while (!now.sameDocumentsAs(uninterrupted)) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "After " + FINISH.toSeconds() + " s the indices still differ from the uninterrupted run's ("
                + job + "):\n" + now.differencesFrom(uninterrupted));
      }
      job.checkAlive();
      Thread.sleep(POLL.toMillis());
      now = stack.contents();
    }
    // A stale write arriving late (a retried request, a restored job catching up) would show here.
    IndexContents settled = awaitQuiet(job);
    assertThat(settled.sameDocumentsAs(uninterrupted))
        .as("once nothing more was written:\n%s", settled.differencesFrom(uninterrupted))
        .isTrue();
  }

  /** Waits until a per-minute document of a minute starting at or after {@code from} exists. */
  private static void awaitMinuteDocument(JobProcess job, Instant from) throws Exception {
    long fromMillis = from.toEpochMilli();
    await(job, "a per-minute document from " + from, () -> stack.contents().documents(MINUTES).keySet().stream()
        .anyMatch(id -> Long.parseLong(id.substring(id.indexOf(':') + 1)) >= fromMillis));
    progress("a per-minute document from " + from + " is written");
  }

  /** Waits until nothing is written for {@link #QUIET}, and returns the contents then. */
  private static IndexContents awaitQuiet(JobProcess job) throws Exception {
    Instant deadline = Instant.now().plus(FINISH);
    IndexContents previous = stack.contents();
    while (true) {
      Thread.sleep(QUIET.toMillis());
      job.checkAlive();
      IndexContents now = stack.contents();
      if (now.unchangedSince(previous)) {
        return now;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("Documents were still being written after " + FINISH.toSeconds() + " s (" + job + ")");
      }
      previous = now;
    }
  }

  private static boolean checkpointedSince(Path checkpoints, Instant since) {
    try {
      Optional<Path> latest = JobLauncher.latestCheckpoint(checkpoints);
      return latest.isPresent()
          && Files.getLastModifiedTime(latest.get().resolve("_metadata")).toInstant().isAfter(since);
    } catch (IOException | UncheckedIOException e) {
      // Flink deletes the checkpoint a newer one replaces, maybe while we look: look again.
      return false;
    }
  }

  /** Progress with the time since the suite started, in the test's output file. */
  private static void progress(String what) {
    System.out.printf("[%6.1f s] %s%n", (System.nanoTime() - STARTED) / 1e9, what);
  }

  private interface Condition {
    boolean holds() throws Exception;
  }

  private static void await(JobProcess job, String what, Condition condition) throws Exception {
    Instant deadline = Instant.now().plus(FINISH);
    while (!condition.holds()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "Waited " + FINISH.toSeconds() + " s for " + what + " (" + job + "); the indices hold " + stack.contents().counts());
      }
      job.checkAlive();
      Thread.sleep(POLL.toMillis());
    }
  }
}
