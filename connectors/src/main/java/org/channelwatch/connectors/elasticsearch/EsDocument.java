package org.channelwatch.connectors.elasticsearch;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One whole document to write to Elasticsearch under a deterministic id, as JSON bytes.
 *
 * <p>Writing whole documents under deterministic ids is what makes retries, restarts and replays
 * rewrite the same documents (contract 5). The sink measures a document by its bytes alone.
 */
public final class EsDocument implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String index;
  private final String id;
  private final byte[] source;

  public EsDocument(String index, String id, byte[] source) {
    this.index = Objects.requireNonNull(index, "index");
    this.id = Objects.requireNonNull(id, "id");
    this.source = Objects.requireNonNull(source, "source");
  }

  public String index() {
    return index;
  }

  public String id() {
    return id;
  }

  /** The JSON document; not copied, so callers must not change it. */
  public byte[] source() {
    return source;
  }

  public String sourceAsString() {
    return new String(source, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return index + "/" + id;
  }
}
