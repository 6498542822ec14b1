package org.channelwatch.connectors.elasticsearch;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.transport.TransportException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.http.ConnectionClosedException;
import org.elasticsearch.client.ResponseException;

/**
 * Judges a failed request to Elasticsearch: worth retrying, or a problem only a person can fix;
 * and says in one sentence what to check.
 */
public final class ElasticsearchFailures {

  /** What a failed request means for the sink. */
  public enum Kind {
    /** Connection refused or reset, a timeout, 408, 429 or 5xx: retry with backoff. */
    TRANSIENT,
    /** 401 or 403: wrong credentials or missing privileges. */
    DENIED,
    /** The server's certificate is not trusted (or does not match its host name). */
    UNTRUSTED_CERTIFICATE,
    /** Another 4xx for the whole request: sending it again gets the same answer. */
    PERMANENT,
    /** Not a failure of Elasticsearch or the network (a bug, a closed client): restart the task. */
    UNEXPECTED
  }

  private ElasticsearchFailures() {}

  public static Kind classify(Throwable error) {
    int status = httpStatus(error);
    if (status > 0) {
      return switch (BulkItemStatus.of(status)) {
        case RETRY -> Kind.TRANSIENT;
        case DENIED -> Kind.DENIED;
        case DONE, REJECTED -> Kind.PERMANENT;
      };
    }
    if (untrustedCertificate(error)) {
      return Kind.UNTRUSTED_CERTIFICATE;
    }
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      // Timeouts of the HTTP client (connect and socket) are IOExceptions; the Flink writer's own
      // request timeout and a future's timeout are TimeoutExceptions.
      if (cause instanceof IOException || cause instanceof TimeoutException) {
        return Kind.TRANSIENT;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return Kind.UNEXPECTED;
  }

  /** The HTTP status Elasticsearch answered with, or 0 when no answer came. */
  public static int httpStatus(Throwable error) {
    for (Throwable cause = error; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
      if (cause instanceof ElasticsearchException es) {
        return es.status();
      }
      if (cause instanceof TransportException transport && transport.response() != null) {
        return transport.statusCode();
      }
      if (cause instanceof ResponseException response) {
        return response.getResponse().getStatusLine().getStatusCode();
      }
    }
    return 0;
  }

  private static boolean untrustedCertificate(Throwable error) {
    for (Throwable cause = error; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
      if (cause instanceof SSLPeerUnverifiedException
          || cause instanceof CertificateException
          || cause instanceof CertPathValidatorException
          || cause instanceof CertPathBuilderException) {
        return true;
      }
    }
    return false;
  }

  /**
   * One sentence for an operator: what went wrong talking to {@code connection} while {@code
   * doing} (such as "installing index templates"), and what to check. Never contains a secret.
   */
  public static String explain(ElasticsearchConnection connection, String doing, Throwable error) {
    String where = "Elasticsearch at " + connection.url();
    int status = httpStatus(error);
    if (status == 401) {
      return connection.hasCredentials()
          ? where + " refused our credentials (HTTP 401) while " + doing + ": check the user and password "
              + "(--elasticsearch-user, --elasticsearch-password) or the API key (--elasticsearch-api-key)"
          : where + " asks for credentials (HTTP 401) while " + doing + ": give --elasticsearch-user and "
              + "--elasticsearch-password, or --elasticsearch-api-key";
    }
    if (status == 403) {
      return where + " accepted our credentials (" + connection.principal() + ") but refused " + doing
          + " (HTTP 403): the user or API key needs the cluster privileges monitor and manage_index_templates and, "
          + "on channelwatch-*, create_index, write, read, view_index_metadata and manage (docs/operations.md)";
    }
    if (status > 0) {
      return where + " answered HTTP " + status + " while " + doing + ": " + firstLine(error);
    }
    if (untrustedCertificate(error)) {
      return "Could not trust the TLS certificate of " + where + " while " + doing + " (" + firstLine(rootCause(error))
          + "): give the CA that signed it with --elasticsearch-ca-file, or its SHA-256 fingerprint with "
          + "--elasticsearch-ca-fingerprint, and check that the URL's host name is one the certificate names";
    }
    Throwable root = rootCause(error);
    if (root instanceof SSLException && connection.url().startsWith("https:")) {
      return "TLS with " + where + " failed while " + doing + " (" + firstLine(root)
          + "). Does it speak HTTPS on this port? If not, use an http:// URL";
    }
    if (root instanceof ConnectionClosedException && connection.url().startsWith("http:")) {
      return where + " closed the connection while " + doing + ". If it speaks HTTPS (xpack.security.http.ssl), "
          + "use an https:// URL";
    }
    if (root instanceof ConnectException || root instanceof UnknownHostException) {
      return "Could not reach " + where + " while " + doing + " (" + firstLine(root) + "). Is it running there?";
    }
    return "Could not talk to " + where + " while " + doing + ": " + firstLine(root);
  }

  private static Throwable rootCause(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static String firstLine(Throwable error) {
    String message = error.getMessage();
    if (message == null || message.isBlank()) {
      return error.getClass().getSimpleName();
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
