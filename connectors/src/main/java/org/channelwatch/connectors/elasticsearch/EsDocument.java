package org.channelwatch.connectors.elasticsearch;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * One whole document to write to Elasticsearch under a deterministic id, as JSON bytes.
 *
 * <p>Writing whole documents under deterministic ids is what makes retries, restarts and replays
 * rewrite the same documents (contract 5). The sink measures a document by its bytes alone. Flink
 * serialises it with {@link EsDocumentTypeInfo}, not Kryo.
 */
@TypeInfo(EsDocumentTypeInfo.Factory.class)
public final class EsDocument implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String index;
  private final String id;
  private final byte[] source;
  private final byte[] update;

  /** A whole document: written as it is, replacing any earlier version. */
  public EsDocument(String index, String id, byte[] source) {
    this(index, id, source, null);
  }

  private EsDocument(String index, String id, byte[] source, byte[] update) {
    this.index = Objects.requireNonNull(index, "index");
    this.id = Objects.requireNonNull(id, "id");
    this.source = Objects.requireNonNull(source, "source");
    this.update = update;
  }

  /**
   * A document that keeps some fields of its first write: {@code source} is written when the id
   * is new; otherwise {@code update}, the same document without those fields, is merged into the
   * existing one. This is how an incident keeps the {@code detectedAt} of its opening when it
   * resolves, without scripts (which a minimal node may lack).
   */
  public static EsDocument upsert(String index, String id, byte[] source, byte[] update) {
    return new EsDocument(index, id, source, Objects.requireNonNull(update, "update"));
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

  /** The partial document merged into an existing one; null for a whole-document write. */
  public byte[] update() {
    return update;
  }

  /** Bytes this document occupies in a bulk request and in the sink's buffer. */
  public long sizeInBytes() {
    return source.length + (update == null ? 0 : update.length);
  }

  public String sourceAsString() {
    return new String(source, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return index + "/" + id;
  }
}
