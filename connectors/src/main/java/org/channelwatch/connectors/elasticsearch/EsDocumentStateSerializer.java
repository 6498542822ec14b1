package org.channelwatch.connectors.elasticsearch;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriterStateSerializer;

/**
 * Checkpoints the sink's buffered documents as {@code (index, id, bytes)}, in a format of our own
 * rather than Kryo's, so that a checkpoint stays readable across library upgrades.
 *
 * <p>Version 1 layout per entry: index (modified UTF-8), id (modified UTF-8), source length
 * (int), source bytes, update length (int, -1 for none), update bytes. The base class frames the
 * entries and writes the version.
 */
public final class EsDocumentStateSerializer extends AsyncSinkWriterStateSerializer<EsDocument> {

  static final int VERSION = 1;

  @Override
  protected void serializeRequestToStream(EsDocument document, DataOutputStream out) throws IOException {
    out.writeUTF(document.index());
    out.writeUTF(document.id());
    out.writeInt(document.source().length);
    out.write(document.source());
    byte[] update = document.update();
    out.writeInt(update == null ? -1 : update.length);
    if (update != null) {
      out.write(update);
    }
  }

  @Override
  protected EsDocument deserializeRequestFromStream(long requestSize, DataInputStream in) throws IOException {
    String index = in.readUTF();
    String id = in.readUTF();
    byte[] source = new byte[in.readInt()];
    in.readFully(source);
    int updateLength = in.readInt();
    if (updateLength < 0) {
      return new EsDocument(index, id, source);
    }
    byte[] update = new byte[updateLength];
    in.readFully(update);
    return EsDocument.upsert(index, id, source, update);
  }

  @Override
  public int getVersion() {
    return VERSION;
  }
}
