package org.channelwatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.apache.http.util.EntityUtils;
import org.channelwatch.connectors.elasticsearch.ElasticsearchConnection;
import org.channelwatch.indicators.IndicatorDocuments;
import org.channelwatch.indicators.Windows;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;

/**
 * Notes when each per-minute indicator document first becomes searchable, by searching
 * Elasticsearch every {@value #PERIOD_MILLIS} ms in a thread of its own.
 *
 * <p>It searches (a search sees only what a refresh has made visible, unlike a get by id, which
 * reads the latest write at once), and asks only for ids, of the last few minutes of windows, so
 * each search is small. A document's time is that of the first search that found it: at most one
 * period late.
 */
final class VisibilityProbe implements AutoCloseable {
  static final long PERIOD_MILLIS = 100;
  /** Windows this far behind the newest one seen are still searched for, for stragglers. */
  private static final long LOOK_BACK_MILLIS = 5 * Windows.SIZE_MILLIS;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ElasticsearchConnection.Clients elasticsearch;
  private final Map<String, Long> firstSeenNanos = new HashMap<>();
  private final Thread thread;
  private volatile boolean stopping;
  private final long fromWindowStart;
  private long newestWindowStart = Long.MIN_VALUE;
  private long searches;
  private long failedSearches;

  VisibilityProbe(ElasticsearchConnection connection) {
    this(connection, 0);
  }

  /** Watches only the documents of windows from {@code fromWindowStart} on. */
  VisibilityProbe(ElasticsearchConnection connection, long fromWindowStart) {
    this.fromWindowStart = fromWindowStart;
    this.elasticsearch = connection.open();
    this.thread = new Thread(this::run, "bench-visibility");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    while (!stopping) {
      try {
        search(newestWindowStart == Long.MIN_VALUE ? fromWindowStart : Math.max(fromWindowStart, newestWindowStart - LOOK_BACK_MILLIS));
      } catch (IOException | RuntimeException e) {
        synchronized (this) {
          failedSearches++;
        }
      }
      try {
        Thread.sleep(PERIOD_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void search(long windowsFrom) throws IOException {
    Request request = new Request("POST", "/" + IndicatorDocuments.INDEX_PREFIX + "*/_search");
    request.addParameter("ignore_unavailable", "true");
    request.addParameter("allow_no_indices", "true");
    String body =
        "{\"size\":10000,\"_source\":false,\"track_total_hits\":false,"
            + "\"query\":{\"range\":{\"windowStart\":{\"gte\":" + windowsFrom + "}}}}";
    request.setEntity(new NStringEntity(body, ContentType.APPLICATION_JSON));
    Response response = elasticsearch.lowLevel().performRequest(request);
    long now = System.nanoTime();
    JsonNode hits = JSON.readTree(EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8)).at("/hits/hits");
    synchronized (this) {
      searches++;
      for (JsonNode hit : hits) {
        String id = hit.get("_id").asText();
        if (firstSeenNanos.putIfAbsent(id, now) == null) {
          newestWindowStart = Math.max(newestWindowStart, windowStartOf(id));
        }
      }
    }
  }

  /** The window start in a per-minute document id, {@code {region}:{windowStart}}. */
  static long windowStartOf(String id) {
    return Long.parseLong(id.substring(id.indexOf(':') + 1));
  }

  /** When (System.nanoTime) each per-minute document was first found, by id. */
  synchronized Map<String, Long> firstSeen() {
    return new HashMap<>(firstSeenNanos);
  }

  synchronized long searches() {
    return searches;
  }

  synchronized long failedSearches() {
    return failedSearches;
  }

  @Override
  public void close() throws IOException {
    stopping = true;
    JobProbe.stop(thread);
    elasticsearch.close();
  }
}
