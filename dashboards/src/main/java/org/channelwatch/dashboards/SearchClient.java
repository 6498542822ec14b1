package org.channelwatch.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Objects;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * Runs one {@code _search} and hands back the raw JSON answer.
 *
 * <p>The views build their request bodies and read the answers as plain JSON ({@link Queries},
 * the {@code *View} classes), so both sides are tested without Elasticsearch; this is the only
 * piece that talks to it.
 */
@FunctionalInterface
public interface SearchClient {

  /**
   * Searches {@code indices} (a name, a wildcard or a comma-separated list) with {@code body}.
   *
   * <p>Indices that do not exist yet are no error: the answer then has no hits and no
   * aggregations, which every view reads as "no data".
   */
  JsonNode search(String indices, ObjectNode body) throws ElasticsearchUnavailableException;

  /** How long a search waits for the shards of a just-created index to start. */
  Duration SHARDS_STARTING_WAIT = Duration.ofSeconds(2);

  /** A client over Elasticsearch's low-level REST client, which the caller keeps and closes. */
  static SearchClient over(RestClient rest) {
    return over(rest, SHARDS_STARTING_WAIT);
  }

  /**
   * As {@link #over(RestClient)}, asking again for up to {@code shardsStartingWait} while the
   * answer is 503. The jobs create an index with its first document (a new day's indicators, the
   * first incident), and until its shard has started every search of it fails with 503 "all shards
   * failed"; a dashboard that turned that moment into an outage would flash an error at each.
   */
  static SearchClient over(RestClient rest, Duration shardsStartingWait) {
    Objects.requireNonNull(rest, "rest");
    ObjectMapper mapper = new ObjectMapper();
    long pauseMillis = 100;
    return (indices, body) -> {
      Request request = new Request("POST", "/" + indices + "/_search");
      request.addParameter("ignore_unavailable", "true");
      request.addParameter("allow_no_indices", "true");
      long deadline = System.nanoTime() + shardsStartingWait.toNanos();
      while (true) {
        try {
          request.setEntity(
              new NStringEntity(mapper.writeValueAsString(body), ContentType.APPLICATION_JSON));
          Response response = rest.performRequest(request);
          try (InputStream in = response.getEntity().getContent()) {
            return mapper.readTree(in);
          }
        } catch (ResponseException e) {
          int status = e.getResponse().getStatusLine().getStatusCode();
          // A search of one concrete index that does not exist yet, on some versions, still
          // answers 404 despite ignore_unavailable: no data, not an outage.
          if (status == 404) {
            return mapper.createObjectNode();
          }
          if (status == 503 && System.nanoTime() + pauseMillis * 1_000_000 < deadline) {
            pause(pauseMillis, indices);
            continue;
          }
          throw new ElasticsearchUnavailableException(
              "search of " + indices + " failed: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
          throw new ElasticsearchUnavailableException(
              "search of " + indices + " failed: " + e.getMessage(), e);
        }
      }
    };
  }

  private static void pause(long millis, String indices) throws ElasticsearchUnavailableException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ElasticsearchUnavailableException("search of " + indices + " interrupted", e);
    }
  }
}
