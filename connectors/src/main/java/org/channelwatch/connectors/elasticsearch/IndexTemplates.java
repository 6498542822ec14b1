package org.channelwatch.connectors.elasticsearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;

/**
 * The index templates of every ChannelWatch index, installed (or updated) when the job starts,
 * so that documents get our mappings whichever writes first.
 */
public final class IndexTemplates {

  /** Template names; each has a JSON resource of the same name beside this class. */
  public static final List<String> NAMES =
      List.of(
          "channelwatch-indicators",
          "channelwatch-regions",
          "channelwatch-items",
          "channelwatch-incidents",
          "channelwatch-deadletter");

  private static final ObjectMapper JSON = new ObjectMapper();

  private IndexTemplates() {}

  /** Each template's body with {@code replicas} replicas per shard. */
  public static Map<String, ObjectNode> bodies(int replicas) {
    Map<String, ObjectNode> bodies = new LinkedHashMap<>();
    for (String name : NAMES) {
      try (InputStream in = IndexTemplates.class.getResourceAsStream("templates/" + name + ".json")) {
        if (in == null) {
          throw new IllegalStateException("index template resource missing: " + name);
        }
        ObjectNode body = (ObjectNode) JSON.readTree(in);
        ((ObjectNode) body.at("/template/settings")).put("number_of_replicas", replicas);
        bodies.put(name, body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return bodies;
  }

  /** Puts every template; safe to repeat. */
  public static void install(ElasticsearchConnection.Clients clients, int replicas) throws IOException {
    for (Map.Entry<String, ObjectNode> template : bodies(replicas).entrySet()) {
      Request request = new Request("PUT", "/_index_template/" + template.getKey());
      request.setEntity(new NStringEntity(JSON.writeValueAsString(template.getValue()), ContentType.APPLICATION_JSON));
      try {
        clients.lowLevel().performRequest(request);
      } catch (ResponseException e) {
        throw new IOException(
            "Elasticsearch refused index template " + template.getKey() + ": " + e.getMessage(), e);
      }
    }
  }
}
