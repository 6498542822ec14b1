package org.channelwatch.connectors.elasticsearch;

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.channelwatch.connectors.types.OwnSerializerTypeInfo;

/**
 * Flink's type information for {@link EsDocument}, so that documents travel between operators with
 * a serializer of our own instead of Kryo (an {@code EsDocument} is immutable, so it is no POJO).
 *
 * <p>The layout is that of {@link EsDocumentStateSerializer}: index, id, source, and the update or
 * none.
 */
public final class EsDocumentTypeInfo extends OwnSerializerTypeInfo<EsDocument> {
  private static final long serialVersionUID = 2L;

  public static final EsDocumentTypeInfo INSTANCE = new EsDocumentTypeInfo();

  private EsDocumentTypeInfo() {
    super(EsDocument.class, Serializer.INSTANCE);
  }

  /** Named on {@link EsDocument} with {@code @TypeInfo}, so every use of the class finds it. */
  public static final class Factory extends TypeInfoFactory<EsDocument> {
    @Override
    public TypeInformation<EsDocument> createTypeInfo(Type type, Map<String, TypeInformation<?>> genericParameters) {
      return INSTANCE;
    }
  }

  /** Stateless; documents are immutable, so a copy is the document itself. */
  public static final class Serializer extends TypeSerializerSingleton<EsDocument> {
    private static final long serialVersionUID = 1L;
    public static final Serializer INSTANCE = new Serializer();

    @Override
    public boolean isImmutableType() {
      return true;
    }

    @Override
    public EsDocument createInstance() {
      return null;
    }

    @Override
    public EsDocument copy(EsDocument from) {
      return from;
    }

    @Override
    public EsDocument copy(EsDocument from, EsDocument reuse) {
      return from;
    }

    @Override
    public int getLength() {
      return -1;
    }

    @Override
    public void serialize(EsDocument document, DataOutputView target) throws IOException {
      target.writeUTF(document.index());
      target.writeUTF(document.id());
      writeBytes(document.source(), target);
      writeBytes(document.update(), target);
    }

    @Override
    public EsDocument deserialize(DataInputView source) throws IOException {
      String index = source.readUTF();
      String id = source.readUTF();
      byte[] document = readBytes(source);
      byte[] update = readBytes(source);
      return update == null ? new EsDocument(index, id, document) : EsDocument.upsert(index, id, document, update);
    }

    @Override
    public EsDocument deserialize(EsDocument reuse, DataInputView source) throws IOException {
      return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
      serialize(deserialize(source), target);
    }

    @Override
    public TypeSerializerSnapshot<EsDocument> snapshotConfiguration() {
      return new Snapshot();
    }

    private static void writeBytes(byte[] bytes, DataOutputView target) throws IOException {
      target.writeInt(bytes == null ? -1 : bytes.length);
      if (bytes != null) {
        target.write(bytes);
      }
    }

    private static byte[] readBytes(DataInputView source) throws IOException {
      int length = source.readInt();
      if (length < 0) {
        return null;
      }
      byte[] bytes = new byte[length];
      source.readFully(bytes);
      return bytes;
    }
  }

  /** The serializer's snapshot: it has no configuration, so any version reads any other. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<EsDocument> {
    public Snapshot() {
      super(() -> Serializer.INSTANCE);
    }
  }
}
