package org.channelwatch.cli;

import java.nio.file.Path;
import org.channelwatch.connectors.elasticsearch.ElasticsearchConnection;
import picocli.CommandLine.Option;

/** Where Elasticsearch is, how to log in, and which certificate authority to trust. */
final class ElasticsearchOptions {
  @Option(
      names = "--elasticsearch",
      paramLabel = "URL",
      defaultValue = "${env:CHANNELWATCH_ELASTICSEARCH}",
      description = "Elasticsearch URL, such as http://127.0.0.1:9200 or https://es.example:9200 (env CHANNELWATCH_ELASTICSEARCH).")
  String url;

  @Option(
      names = "--elasticsearch-user",
      paramLabel = "USER",
      defaultValue = "${env:CHANNELWATCH_ELASTICSEARCH_USER}",
      description = "Log in to Elasticsearch as USER, with --elasticsearch-password (env CHANNELWATCH_ELASTICSEARCH_USER).")
  String user;

  @Option(
      names = "--elasticsearch-password",
      paramLabel = "PASSWORD|@FILE",
      defaultValue = "${env:CHANNELWATCH_ELASTICSEARCH_PASSWORD}",
      description = "Password of --elasticsearch-user; @FILE reads it from FILE (env CHANNELWATCH_ELASTICSEARCH_PASSWORD). "
          + "Prefer @FILE or the environment to a password on the command line.")
  String password;

  @Option(
      names = "--elasticsearch-api-key",
      paramLabel = "KEY|@FILE",
      defaultValue = "${env:CHANNELWATCH_ELASTICSEARCH_API_KEY}",
      description = "Authenticate with an API key instead of a user: the 'encoded' value Elasticsearch returns, or "
          + "ID:KEY; @FILE reads it from FILE (env CHANNELWATCH_ELASTICSEARCH_API_KEY).")
  String apiKey;

  @Option(
      names = "--elasticsearch-ca-file",
      paramLabel = "FILE",
      defaultValue = "${env:CHANNELWATCH_ELASTICSEARCH_CA_FILE}",
      description = "Trust the certificate authority in this PEM file for https:// (env CHANNELWATCH_ELASTICSEARCH_CA_FILE; "
          + "without it or a fingerprint, the JVM's trust store).")
  Path caFile;

  @Option(
      names = "--elasticsearch-ca-fingerprint",
      paramLabel = "SHA256",
      defaultValue = "${env:CHANNELWATCH_ELASTICSEARCH_CA_FINGERPRINT}",
      description = "Trust a server whose certificate chain holds a certificate with this SHA-256 fingerprint "
          + "(hex, colons allowed), for https:// (env CHANNELWATCH_ELASTICSEARCH_CA_FINGERPRINT).")
  String caFingerprint;

  ElasticsearchConnection connection() {
    if (blank(url)) {
      throw new IllegalArgumentException(
          "no Elasticsearch given: pass --elasticsearch URL or set CHANNELWATCH_ELASTICSEARCH "
              + "(./channelwatch stack starts a local node)");
    }
    ElasticsearchConnection connection = ElasticsearchConnection.of(url);
    if (!blank(user) || !blank(password)) {
      if (blank(user) || blank(password)) {
        throw new IllegalArgumentException(
            "give both --elasticsearch-user and --elasticsearch-password (or their environment variables)");
      }
      connection = connection.withBasicAuth(user, Secrets.resolve(password));
    }
    if (!blank(apiKey)) {
      connection = connection.withApiKey(Secrets.resolve(apiKey));
    }
    if (caFile != null) {
      connection = connection.withCaCertificate(caFile);
    }
    if (!blank(caFingerprint)) {
      connection = connection.withCaFingerprint(caFingerprint);
    }
    return connection;
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
