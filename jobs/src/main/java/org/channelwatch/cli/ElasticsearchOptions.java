package org.channelwatch.cli;

import org.channelwatch.connectors.elasticsearch.ElasticsearchConnection;
import picocli.CommandLine.Option;

/** Where Elasticsearch is. */
final class ElasticsearchOptions {
  @Option(
      names = "--elasticsearch",
      paramLabel = "URL",
      defaultValue = "${env:CHANNELWATCH_ELASTICSEARCH}",
      description = "Elasticsearch URL, such as http://127.0.0.1:9200 (env CHANNELWATCH_ELASTICSEARCH).")
  String url;

  ElasticsearchConnection connection() {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException(
          "no Elasticsearch given: pass --elasticsearch URL or set CHANNELWATCH_ELASTICSEARCH "
              + "(./channelwatch stack starts a local node)");
    }
    return ElasticsearchConnection.of(url);
  }
}
