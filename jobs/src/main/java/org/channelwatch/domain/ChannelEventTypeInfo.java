package org.channelwatch.domain;

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;
import org.channelwatch.connectors.types.OwnSerializerTypeInfo;

/**
 * Flink's type information for {@link ChannelEvent}, with a serializer written for it.
 *
 * <p>Every event crosses the network at least once (to deduplication) and some several times.
 * Flink's POJO serializer sets each of the twenty-odd fields by reflection and writes a null flag
 * for each, though an event of one type uses a handful; this one writes a bit set of the fields an
 * event has, then those fields. The layout is versioned by {@link Snapshot}: a later layout must
 * still read this one.
 */
public final class ChannelEventTypeInfo extends OwnSerializerTypeInfo<ChannelEvent> {
  private static final long serialVersionUID = 2L;

  public static final ChannelEventTypeInfo INSTANCE = new ChannelEventTypeInfo();

  private ChannelEventTypeInfo() {
    super(ChannelEvent.class, Serializer.INSTANCE);
  }

  /** Named on {@link ChannelEvent} with {@code @TypeInfo}, so every use of the class finds it. */
  public static final class Factory extends TypeInfoFactory<ChannelEvent> {
    @Override
    public TypeInformation<ChannelEvent> createTypeInfo(Type type, Map<String, TypeInformation<?>> genericParameters) {
      return INSTANCE;
    }
  }

  /**
   * Layout 1: an int of which fields are present (and the four booleans), the event time, then each
   * present field in the order of the bits. Strings as Flink's {@code StringValue} writes them,
   * enums as their ordinal in a byte (new constants go at the end of an enum).
   */
  public static final class Serializer extends TypeSerializerSingleton<ChannelEvent> {
    private static final long serialVersionUID = 1L;
    public static final Serializer INSTANCE = new Serializer();

    private static final int ID = 1;
    private static final int SOURCE = 1 << 1;
    private static final int TYPE = 1 << 2;
    private static final int REGION = 1 << 3;
    private static final int CHANNEL = 1 << 4;
    private static final int ITEM_CODE = 1 << 5;
    private static final int CASE_ID = 1 << 6;
    private static final int APPLICANT_ID = 1 << 7;
    private static final int REVISION = 1 << 8;
    private static final int ITEM_NAME = 1 << 9;
    private static final int DEPTH = 1 << 10;
    private static final int UNIFIED_AUTH = 1 << 11;
    private static final int E_LICENSE = 1 << 12;
    private static final int ONLINE_PAYMENT = 1 << 13;
    private static final int GUIDE = 1 << 14;
    private static final int OUTCOME = 1 << 15;
    private static final int LATENCY = 1 << 16;
    private static final int OPERATION = 1 << 17;
    private static final int SYNTHETIC = 1 << 18;
    private static final int STATUS = 1 << 19;
    private static final int PURPOSE = 1 << 20;
    private static final int SCORE = 1 << 21;

    private static final EventType[] TYPES = EventType.values();
    private static final Channel[] CHANNELS = Channel.values();
    private static final AccessOutcome[] OUTCOMES = AccessOutcome.values();
    private static final CaseStatus[] STATUSES = CaseStatus.values();
    private static final VisitPurpose[] PURPOSES = VisitPurpose.values();

    @Override
    public boolean isImmutableType() {
      return false;
    }

    @Override
    public ChannelEvent createInstance() {
      return new ChannelEvent();
    }

    @Override
    public ChannelEvent copy(ChannelEvent from) {
      ChannelEvent to = new ChannelEvent();
      to.id = from.id;
      to.source = from.source;
      to.type = from.type;
      to.time = from.time;
      to.region = from.region;
      to.channel = from.channel;
      to.itemCode = from.itemCode;
      to.caseId = from.caseId;
      to.applicantId = from.applicantId;
      to.revision = from.revision;
      to.itemName = from.itemName;
      to.depth = from.depth;
      to.unifiedAuth = from.unifiedAuth;
      to.eLicense = from.eLicense;
      to.onlinePayment = from.onlinePayment;
      to.guide = from.guide == null ? null : copy(from.guide);
      to.outcome = from.outcome;
      to.latencyMs = from.latencyMs;
      to.operation = from.operation;
      to.synthetic = from.synthetic;
      to.status = from.status;
      to.purpose = from.purpose;
      to.score = from.score;
      return to;
    }

    private static Guide copy(Guide from) {
      Guide to = new Guide();
      to.department = from.department;
      to.scope = from.scope;
      to.conditions = from.conditions;
      to.materials = from.materials == null ? null : from.materials.clone();
      to.procedure = from.procedure;
      to.timeLimitDays = from.timeLimitDays;
      to.fee = from.fee;
      to.legalBasis = from.legalBasis;
      to.location = from.location;
      to.hours = from.hours;
      to.contactPhone = from.contactPhone;
      to.complaintPhone = from.complaintPhone;
      return to;
    }

    @Override
    public ChannelEvent copy(ChannelEvent from, ChannelEvent reuse) {
      return copy(from);
    }

    @Override
    public int getLength() {
      return -1;
    }

    @Override
    public void serialize(ChannelEvent event, DataOutputView target) throws IOException {
      int present =
          (event.id != null ? ID : 0)
              | (event.source != null ? SOURCE : 0)
              | (event.type != null ? TYPE : 0)
              | (event.region != null ? REGION : 0)
              | (event.channel != null ? CHANNEL : 0)
              | (event.itemCode != null ? ITEM_CODE : 0)
              | (event.caseId != null ? CASE_ID : 0)
              | (event.applicantId != null ? APPLICANT_ID : 0)
              | (event.revision != null ? REVISION : 0)
              | (event.itemName != null ? ITEM_NAME : 0)
              | (event.depth != 0 ? DEPTH : 0)
              | (event.unifiedAuth ? UNIFIED_AUTH : 0)
              | (event.eLicense ? E_LICENSE : 0)
              | (event.onlinePayment ? ONLINE_PAYMENT : 0)
              | (event.guide != null ? GUIDE : 0)
              | (event.outcome != null ? OUTCOME : 0)
              | (event.latencyMs != null ? LATENCY : 0)
              | (event.operation != null ? OPERATION : 0)
              | (event.synthetic ? SYNTHETIC : 0)
              | (event.status != null ? STATUS : 0)
              | (event.purpose != null ? PURPOSE : 0)
              | (event.score != 0 ? SCORE : 0);
      target.writeInt(present);
      target.writeLong(event.time);
      writeString(present, ID, event.id, target);
      writeString(present, SOURCE, event.source, target);
      writeOrdinal(present, TYPE, event.type, target);
      writeString(present, REGION, event.region, target);
      writeOrdinal(present, CHANNEL, event.channel, target);
      writeString(present, ITEM_CODE, event.itemCode, target);
      writeString(present, CASE_ID, event.caseId, target);
      writeString(present, APPLICANT_ID, event.applicantId, target);
      if ((present & REVISION) != 0) {
        target.writeLong(event.revision);
      }
      writeString(present, ITEM_NAME, event.itemName, target);
      if ((present & DEPTH) != 0) {
        target.writeInt(event.depth);
      }
      if ((present & GUIDE) != 0) {
        writeGuide(event.guide, target);
      }
      writeOrdinal(present, OUTCOME, event.outcome, target);
      if ((present & LATENCY) != 0) {
        target.writeLong(event.latencyMs);
      }
      writeString(present, OPERATION, event.operation, target);
      writeOrdinal(present, STATUS, event.status, target);
      writeOrdinal(present, PURPOSE, event.purpose, target);
      if ((present & SCORE) != 0) {
        target.writeInt(event.score);
      }
    }

    @Override
    public ChannelEvent deserialize(DataInputView source) throws IOException {
      ChannelEvent event = new ChannelEvent();
      int present = source.readInt();
      event.time = source.readLong();
      event.id = readString(present, ID, source);
      event.source = readString(present, SOURCE, source);
      event.type = (present & TYPE) != 0 ? TYPES[source.readUnsignedByte()] : null;
      event.region = readString(present, REGION, source);
      event.channel = (present & CHANNEL) != 0 ? CHANNELS[source.readUnsignedByte()] : null;
      event.itemCode = readString(present, ITEM_CODE, source);
      event.caseId = readString(present, CASE_ID, source);
      event.applicantId = readString(present, APPLICANT_ID, source);
      event.revision = (present & REVISION) != 0 ? source.readLong() : null;
      event.itemName = readString(present, ITEM_NAME, source);
      event.depth = (present & DEPTH) != 0 ? source.readInt() : 0;
      event.unifiedAuth = (present & UNIFIED_AUTH) != 0;
      event.eLicense = (present & E_LICENSE) != 0;
      event.onlinePayment = (present & ONLINE_PAYMENT) != 0;
      event.guide = (present & GUIDE) != 0 ? readGuide(source) : null;
      event.outcome = (present & OUTCOME) != 0 ? OUTCOMES[source.readUnsignedByte()] : null;
      event.latencyMs = (present & LATENCY) != 0 ? source.readLong() : null;
      event.operation = readString(present, OPERATION, source);
      event.synthetic = (present & SYNTHETIC) != 0;
      event.status = (present & STATUS) != 0 ? STATUSES[source.readUnsignedByte()] : null;
      event.purpose = (present & PURPOSE) != 0 ? PURPOSES[source.readUnsignedByte()] : null;
      event.score = (present & SCORE) != 0 ? source.readInt() : 0;
      return event;
    }

    @Override
    public ChannelEvent deserialize(ChannelEvent reuse, DataInputView source) throws IOException {
      return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
      serialize(deserialize(source), target);
    }

    @Override
    public TypeSerializerSnapshot<ChannelEvent> snapshotConfiguration() {
      return new Snapshot();
    }

    private static void writeString(int present, int bit, String value, DataOutputView target) throws IOException {
      if ((present & bit) != 0) {
        StringValue.writeString(value, target);
      }
    }

    private static String readString(int present, int bit, DataInputView source) throws IOException {
      return (present & bit) != 0 ? StringValue.readString(source) : null;
    }

    private static void writeOrdinal(int present, int bit, Enum<?> value, DataOutputView target) throws IOException {
      if ((present & bit) != 0) {
        target.writeByte(value.ordinal());
      }
    }

    /** Every element as a nullable string (a null string reads back as null), materials as a count then strings. */
    private static void writeGuide(Guide guide, DataOutputView target) throws IOException {
      for (String text : texts(guide)) {
        StringValue.writeString(text, target);
      }
      target.writeInt(guide.materials == null ? -1 : guide.materials.length);
      if (guide.materials != null) {
        for (String material : guide.materials) {
          StringValue.writeString(material, target);
        }
      }
      target.writeBoolean(guide.timeLimitDays != null);
      if (guide.timeLimitDays != null) {
        target.writeLong(guide.timeLimitDays);
      }
    }

    private static String[] texts(Guide guide) {
      return new String[] {
        guide.department, guide.scope, guide.conditions, guide.procedure, guide.fee, guide.legalBasis, guide.location,
        guide.hours, guide.contactPhone, guide.complaintPhone
      };
    }

    private static Guide readGuide(DataInputView source) throws IOException {
      Guide guide = new Guide();
      guide.department = StringValue.readString(source);
      guide.scope = StringValue.readString(source);
      guide.conditions = StringValue.readString(source);
      guide.procedure = StringValue.readString(source);
      guide.fee = StringValue.readString(source);
      guide.legalBasis = StringValue.readString(source);
      guide.location = StringValue.readString(source);
      guide.hours = StringValue.readString(source);
      guide.contactPhone = StringValue.readString(source);
      guide.complaintPhone = StringValue.readString(source);
      int materials = source.readInt();
      if (materials >= 0) {
        guide.materials = new String[materials];
        for (int i = 0; i < materials; i++) {
          guide.materials[i] = StringValue.readString(source);
        }
      }
      guide.timeLimitDays = source.readBoolean() ? source.readLong() : null;
      return guide;
    }
  }

  /**
   * The serializer's snapshot. Its version is the layout's: a later layout keeps a serializer that
   * reads this one and answers {@code compatibleAfterMigration} for it. State written by Flink's POJO
   * serializer (before this one) migrates too: Flink reads it with the POJO serializer it restores.
   */
  public static final class Snapshot implements TypeSerializerSnapshot<ChannelEvent> {
    static final int LAYOUT = 1;

    @Override
    public int getCurrentVersion() {
      return LAYOUT;
    }

    @Override
    public void writeSnapshot(DataOutputView out) {}

    @Override
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader) throws IOException {
      if (readVersion != LAYOUT) {
        throw new IOException("a ChannelEvent serializer snapshot of unknown layout " + readVersion);
      }
    }

    @Override
    public TypeSerializer<ChannelEvent> restoreSerializer() {
      return Serializer.INSTANCE;
    }

    @Override
    public TypeSerializerSchemaCompatibility<ChannelEvent> resolveSchemaCompatibility(
        TypeSerializerSnapshot<ChannelEvent> oldSnapshot) {
      return oldSnapshot instanceof Snapshot
          ? TypeSerializerSchemaCompatibility.compatibleAsIs()
          : TypeSerializerSchemaCompatibility.compatibleAfterMigration();
    }
  }
}
