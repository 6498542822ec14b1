package org.channelwatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.http.util.EntityUtils;
import org.channelwatch.connectors.elasticsearch.ElasticsearchConnection;
import org.channelwatch.job.ProgressReporter;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;

/** The progress line of long-running commands: what went in, what was refused, what is wrong. */
final class Progress {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final ElasticsearchConnection.Clients elasticsearch;
  private long previousEvents;
  private long previousNanos = System.nanoTime();

  Progress(ElasticsearchConnection.Clients elasticsearch) {
    this.elasticsearch = elasticsearch;
  }

  static String clock() {
    return LocalTime.now().truncatedTo(ChronoUnit.SECONDS).format(CLOCK);
  }

  /** One line; counts come from the job running in this JVM and from Elasticsearch. */
  String line() {
    long events = ProgressReporter.eventsAccepted();
    long now = System.nanoTime();
    double perSecond = (events - previousEvents) / Math.max(1e-9, (now - previousNanos) / 1e9);
    previousEvents = events;
    previousNanos = now;
    Map<String, Long> deadLetters = ProgressReporter.deadLettersByReason();
    long deadLetterTotal = deadLetters.values().stream().mapToLong(Long::longValue).sum();
    String byReason =
        deadLetters.isEmpty()
            ? ""
            : deadLetters.entrySet().stream()
                .map(e -> e.getKey() + " " + String.format("%,d", e.getValue()))
                .collect(Collectors.joining(", ", " (", ")"));
    return String.format(
        "%s  events in %,d  (%,.0f/s)  repeats dropped %,d  dead letters %,d%s  open incidents %s  indicator documents %s",
        clock(), events, perSecond, ProgressReporter.duplicates(), deadLetterTotal, byReason,
        count("channelwatch-incidents", "status:open"), count("channelwatch-indicators-*", null));
  }

  /** Documents matching a query, or "-" while the index does not exist or cannot be read. */
  private String count(String index, String query) {
    try {
      Request request = new Request("GET", "/" + index + "/_count");
      if (query != null) {
        request.addParameter("q", query);
      }
      String body = EntityUtils.toString(elasticsearch.lowLevel().performRequest(request).getEntity());
      return String.format("%,d", JSON.readTree(body).path("count").asLong());
    } catch (ResponseException notYet) {
      return "0";
    } catch (IOException | RuntimeException unreachable) {
      return "-";
    }
  }
}
