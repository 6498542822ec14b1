package org.channelwatch.dashboards;

/**
 * Elasticsearch could not answer a dashboard query, so the API answers 503 instead of data.
 *
 * <p>One checked type for every reader keeps the HTTP layer's error mapping in one place as more
 * views are added.
 */
public final class ElasticsearchUnavailableException extends Exception {

  private static final long serialVersionUID = 1L;

  public ElasticsearchUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
