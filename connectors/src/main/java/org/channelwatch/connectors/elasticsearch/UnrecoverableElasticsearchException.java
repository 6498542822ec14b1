package org.channelwatch.connectors.elasticsearch;

import java.io.IOException;
import org.apache.flink.runtime.throwable.ThrowableAnnotation;
import org.apache.flink.runtime.throwable.ThrowableType;

/**
 * A failure of the Elasticsearch sink that no restart can fix: refused credentials or privileges,
 * an untrusted certificate, a request Elasticsearch refuses as a whole.
 *
 * <p>Flink fails the job at once on it instead of restarting it (its restart strategy skips
 * non-recoverable errors), so a wrong password gives one clear failure rather than a restart
 * loop. The operator fixes the cause and starts the job again from its last checkpoint.
 *
 * <p>Its cause, if any, must be serialisable: Flink ships the failure to the JobManager, and a failure
 * it cannot deserialise there loses the mark and is restarted like any other.
 */
@ThrowableAnnotation(ThrowableType.NonRecoverableError)
public final class UnrecoverableElasticsearchException extends IOException {
  private static final long serialVersionUID = 1L;

  public UnrecoverableElasticsearchException(String message, Throwable cause) {
    super(message, cause);
  }
}
