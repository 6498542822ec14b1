package org.channelwatch.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
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

  /** A client over Elasticsearch's low-level REST client, which the caller keeps and closes. */
  static SearchClient over(RestClient rest) {
    Objects.requireNonNull(rest, "rest");
    ObjectMapper mapper = new ObjectMapper();
    return (indices, body) -> {
      Request request = new Request("POST", "/" + indices + "/_search");
      request.addParameter("ignore_unavailable", "true");
      request.addParameter("allow_no_indices", "true");
      try {
        request.setEntity(
            new NStringEntity(mapper.writeValueAsString(body), ContentType.APPLICATION_JSON));
        Response response = rest.performRequest(request);
        try (InputStream in = response.getEntity().getContent()) {
          return mapper.readTree(in);
        }
      } catch (ResponseException e) {
        // A search of one concrete index that does not exist yet, on some versions, still
        // answers 404 despite ignore_unavailable: no data, not an outage.
        if (e.getResponse().getStatusLine().getStatusCode() == 404) {
          return mapper.createObjectNode();
        }
        throw new ElasticsearchUnavailableException(
            "search of " + indices + " failed: " + e.getMessage(), e);
      } catch (IOException | RuntimeException e) {
        throw new ElasticsearchUnavailableException(
            "search of " + indices + " failed: " + e.getMessage(), e);
      }
    };
  }
}
