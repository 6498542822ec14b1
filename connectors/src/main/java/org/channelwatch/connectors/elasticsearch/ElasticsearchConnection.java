package org.channelwatch.connectors.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.ElasticsearchTransport;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import java.io.Closeable;
import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;

/**
 * Where and how to reach Elasticsearch; serialisable so that a Flink sink can carry it.
 *
 * <p>Call {@link #open()} for clients; close the returned {@link Clients} when done.
 */
public final class ElasticsearchConnection implements Serializable {

  private static final long serialVersionUID = 1L;

  private final String url;

  private ElasticsearchConnection(String url) {
    this.url = url;
  }

  /** A connection to {@code url}, for example {@code http://127.0.0.1:9200}. */
  public static ElasticsearchConnection of(String url) {
    URI uri = URI.create(url.trim());
    if (uri.getHost() == null || uri.getScheme() == null) {
      throw new IllegalArgumentException(
          "Elasticsearch URL '" + url + "' needs a scheme and host, for example http://127.0.0.1:9200");
    }
    return new ElasticsearchConnection(url.trim());
  }

  public String url() {
    return url;
  }

  /** Opens a blocking and an asynchronous client that share one HTTP connection pool. */
  public Clients open() {
    RestClient restClient = RestClient.builder(HttpHost.create(url)).build();
    ElasticsearchTransport transport = new RestClientTransport(restClient, new JacksonJsonpMapper());
    return new Clients(restClient, transport);
  }

  @Override
  public String toString() {
    return url;
  }

  /** The clients of one connection. */
  public static final class Clients implements Closeable {
    private final RestClient lowLevel;
    private final ElasticsearchTransport transport;
    private final ElasticsearchClient blocking;
    private final ElasticsearchAsyncClient async;

    private Clients(RestClient lowLevel, ElasticsearchTransport transport) {
      this.lowLevel = lowLevel;
      this.transport = transport;
      this.blocking = new ElasticsearchClient(transport);
      this.async = new ElasticsearchAsyncClient(transport);
    }

    public ElasticsearchClient blocking() {
      return blocking;
    }

    public ElasticsearchAsyncClient async() {
      return async;
    }

    /** The low-level REST client, for requests the typed clients do not model well. */
    public RestClient lowLevel() {
      return lowLevel;
    }

    @Override
    public void close() throws IOException {
      transport.close();
    }
  }
}
