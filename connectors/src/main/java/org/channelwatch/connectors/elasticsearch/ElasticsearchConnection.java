package org.channelwatch.connectors.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.ElasticsearchTransport;
import co.elastic.clients.transport.TransportUtils;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import org.apache.http.Header;
import org.apache.http.HttpHeaders;
import org.apache.http.HttpHost;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/**
 * Where and how to reach Elasticsearch: URL, credentials (basic auth or an API key) and which
 * certificate authority to trust over HTTPS. Serialisable, so that a Flink sink can carry it.
 *
 * <p>It holds secrets, because the sink's writers on every TaskManager need them; {@link
 * #toString()} never shows them, and nothing here logs them. The CA certificate is kept as PEM
 * text rather than a path, so that the writers need no copy of the file. Call {@link #open()} for
 * clients; close the returned {@link Clients} when done.
 */
public final class ElasticsearchConnection implements Serializable {

  private static final long serialVersionUID = 2L;
  /** How long to wait for a TCP connection; a timeout is retried like any connection failure. */
  private static final int CONNECT_TIMEOUT_MS = 5_000;
  /** How long to wait for an answer; a timeout is retried like any connection failure. */
  private static final int SOCKET_TIMEOUT_MS = 60_000;

  private final String url;
  private final String username;
  private final String password;
  private final String apiKey;
  private final String caCertificatePem;
  private final String caFingerprint;

  private ElasticsearchConnection(
      String url, String username, String password, String apiKey, String caCertificatePem, String caFingerprint) {
    this.url = url;
    this.username = username;
    this.password = password;
    this.apiKey = apiKey;
    this.caCertificatePem = caCertificatePem;
    this.caFingerprint = caFingerprint;
  }

  /** A connection to {@code url}, for example {@code http://127.0.0.1:9200}, without credentials. */
  public static ElasticsearchConnection of(String url) {
    URI uri = URI.create(url.trim());
    if (uri.getHost() == null || uri.getScheme() == null
        || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
      throw new IllegalArgumentException(
          "Elasticsearch URL '" + url + "' needs http:// or https:// and a host, for example http://127.0.0.1:9200");
    }
    if (uri.getUserInfo() != null) {
      throw new IllegalArgumentException(
          "the Elasticsearch URL must not carry credentials; give --elasticsearch-user and --elasticsearch-password "
              + "or --elasticsearch-api-key instead");
    }
    return new ElasticsearchConnection(url.trim(), null, null, null, null, null);
  }

  /** The same connection, logging in as {@code username} with {@code password} (basic auth). */
  public ElasticsearchConnection withBasicAuth(String username, String password) {
    requireNonBlank(username, "the Elasticsearch user");
    requireNonBlank(password, "the Elasticsearch password");
    if (apiKey != null) {
      throw new IllegalArgumentException("give either an Elasticsearch user and password or an API key, not both");
    }
    return new ElasticsearchConnection(url, username, password, null, caCertificatePem, caFingerprint);
  }

  /**
   * The same connection, authenticating with an API key: either the {@code encoded} value that
   * Elasticsearch returns when creating a key, or {@code id:api_key}.
   */
  public ElasticsearchConnection withApiKey(String apiKey) {
    requireNonBlank(apiKey, "the Elasticsearch API key");
    if (username != null) {
      throw new IllegalArgumentException("give either an Elasticsearch user and password or an API key, not both");
    }
    String encoded =
        apiKey.contains(":") ? Base64.getEncoder().encodeToString(apiKey.getBytes(StandardCharsets.UTF_8)) : apiKey.trim();
    return new ElasticsearchConnection(url, null, null, encoded, caCertificatePem, caFingerprint);
  }

  /** The same connection, trusting the certificate authorities in the PEM file {@code caFile}. */
  public ElasticsearchConnection withCaCertificate(Path caFile) {
    requireHttps("--elasticsearch-ca-file");
    if (caFingerprint != null) {
      throw new IllegalArgumentException("give either a CA file or a CA fingerprint for Elasticsearch, not both");
    }
    String pem;
    try {
      pem = Files.readString(caFile, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the Elasticsearch CA file " + caFile, e);
    }
    if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
      throw new IllegalArgumentException(
          "the Elasticsearch CA file " + caFile + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
    }
    ElasticsearchConnection connection = new ElasticsearchConnection(url, username, password, apiKey, pem, null);
    connection.sslContext(); // fails now, with the file's name, if the PEM does not parse
    return connection;
  }

  /**
   * The same connection, trusting a server whose certificate chain holds a certificate with this
   * SHA-256 fingerprint (hex, colons allowed), as Elasticsearch prints at its first start.
   */
  public ElasticsearchConnection withCaFingerprint(String fingerprint) {
    requireHttps("--elasticsearch-ca-fingerprint");
    if (caCertificatePem != null) {
      throw new IllegalArgumentException("give either a CA file or a CA fingerprint for Elasticsearch, not both");
    }
    String hex = fingerprint.replace(":", "").trim().toLowerCase(java.util.Locale.ROOT);
    if (!hex.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(
          "the Elasticsearch CA fingerprint must be a SHA-256 fingerprint: 64 hex digits, colons allowed");
    }
    return new ElasticsearchConnection(url, username, password, apiKey, null, hex);
  }

  public String url() {
    return url;
  }

  /** Whether a user and password or an API key is given. */
  public boolean hasCredentials() {
    return username != null || apiKey != null;
  }

  /** Who we authenticate as, for messages: the user name, "an API key" or "no credentials". */
  public String principal() {
    return username != null ? "user " + username : apiKey != null ? "an API key" : "no credentials";
  }

  /** Opens a blocking and an asynchronous client that share one HTTP connection pool. */
  public Clients open() {
    RestClientBuilder builder =
        RestClient.builder(HttpHost.create(url))
            .setRequestConfigCallback(
                config -> config.setConnectTimeout(CONNECT_TIMEOUT_MS).setSocketTimeout(SOCKET_TIMEOUT_MS));
    Header authorization = authorization();
    if (authorization != null) {
      builder.setDefaultHeaders(new Header[] {authorization});
    }
    SSLContext sslContext = sslContext();
    if (sslContext != null) {
      builder.setHttpClientConfigCallback(http -> http.setSSLContext(sslContext));
    }
    RestClient restClient = builder.build();
    ElasticsearchTransport transport = new RestClientTransport(restClient, new JacksonJsonpMapper());
    return new Clients(restClient, transport);
  }

  private Header authorization() {
    if (username != null) {
      String pair = username + ":" + password;
      return new BasicHeader(
          HttpHeaders.AUTHORIZATION, "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
    if (apiKey != null) {
      return new BasicHeader(HttpHeaders.AUTHORIZATION, "ApiKey " + apiKey);
    }
    return null;
  }

  /** Trust for HTTPS: the given CA or fingerprint, else the JVM's default trust store (null). */
  private SSLContext sslContext() {
    if (caCertificatePem != null) {
      return TransportUtils.sslContextFromHttpCaCrt(
          new ByteArrayInputStream(caCertificatePem.getBytes(StandardCharsets.US_ASCII)));
    }
    if (caFingerprint != null) {
      return TransportUtils.sslContextFromCaFingerprint(caFingerprint);
    }
    return null;
  }

  private void requireHttps(String option) {
    if (!url.startsWith("https:")) {
      throw new IllegalArgumentException(option + " is for HTTPS: the Elasticsearch URL " + url + " must start with https://");
    }
  }

  private static void requireNonBlank(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " is empty");
    }
  }

  /** The URL and how we authenticate, never a secret. */
  @Override
  public String toString() {
    String trust = caCertificatePem != null ? ", trusting a CA file" : caFingerprint != null ? ", trusting a CA fingerprint" : "";
    return url + (hasCredentials() ? " (as " + principal() + trust + ")" : trust.isEmpty() ? "" : " (" + trust.substring(2) + ")");
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
