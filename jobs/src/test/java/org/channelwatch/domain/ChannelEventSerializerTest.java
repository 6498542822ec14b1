package org.channelwatch.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.channelwatch.intake.Intake;
import org.channelwatch.intake.IntakeRecord;
import org.channelwatch.simulator.EventSimulator;
import org.channelwatch.simulator.SimulatedEvent;
import org.channelwatch.simulator.SimulatorProfile;
import org.junit.jupiter.api.Test;

/** The hand-written serializer of events gives back every field of every kind of event. */
class ChannelEventSerializerTest {
  private static final TypeSerializer<ChannelEvent> SERIALIZER =
      TypeInformation.of(ChannelEvent.class).createSerializer(new SerializerConfigImpl());

  /** Simulated events of a few minutes, faults included, as intake reads them. */
  private static List<ChannelEvent> simulatedEvents() {
    EventSimulator simulator =
        new EventSimulator(
            SimulatorProfile.defaults().withMeanFaultInterval(Duration.ofSeconds(20)), 7L,
            Instant.parse("2026-11-25T00:00:00Z"));
    Intake intake = new Intake(Clock.fixed(Instant.parse("2026-11-25T01:00:00Z"), java.time.ZoneOffset.UTC));
    List<ChannelEvent> events = new ArrayList<>();
    while (events.size() < 1_000) {
      for (SimulatedEvent simulated : simulator.next(simulator.position().plusSeconds(1))) {
        IntakeRecord record = intake.read("events", 0, events.size(), -1, simulated.json().getBytes(StandardCharsets.UTF_8));
        if (record.isEvent()) {
          events.add(record.event);
        }
      }
    }
    return events;
  }

  private static ChannelEvent roundTrip(ChannelEvent event, TypeSerializer<ChannelEvent> writer, TypeSerializer<ChannelEvent> reader)
      throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(256);
    writer.serialize(event, out);
    return reader.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
  }

  @Test
  void isNotAPojoAnyMoreButItsOwn() {
    assertThat(TypeInformation.of(ChannelEvent.class)).isInstanceOf(ChannelEventTypeInfo.class);
  }

  /** The kinds a short simulation rarely sends: a withdrawal and a status report. */
  private static List<ChannelEvent> rareKinds() {
    ChannelEvent withdrawn = new ChannelEvent();
    withdrawn.type = EventType.CATALOG_ITEM_WITHDRAWN;
    withdrawn.id = "w-1";
    withdrawn.source = "/330000/web/portal";
    withdrawn.region = "330000";
    withdrawn.channel = Channel.WEB;
    withdrawn.time = 1_764_028_800_000L;
    withdrawn.itemCode = "330000-A-0001";
    withdrawn.revision = 7L;
    ChannelEvent status = new ChannelEvent();
    status.type = EventType.CASE_STATUS;
    status.id = "s-1";
    status.source = "/330000/hall/system";
    status.region = "330000";
    status.channel = Channel.HALL;
    status.time = 1_764_028_801_000L;
    status.caseId = "C-1";
    status.status = CaseStatus.SUPPLEMENT_REQUESTED;
    ChannelEvent submitted = new ChannelEvent();
    submitted.type = EventType.CASE_SUBMITTED;
    submitted.id = "c-1";
    submitted.source = "/330000/app/system";
    submitted.region = "330000";
    submitted.channel = Channel.APP;
    submitted.time = 1_764_028_802_000L;
    submitted.caseId = "C-1";
    submitted.applicantId = "applicant-0001";
    submitted.itemCode = "330000-A-0001";
    return List.of(withdrawn, status, submitted);
  }

  /** Every field of the two events and of their guides, as text: quicker than a recursive comparison. */
  private static String fields(ChannelEvent event) throws IllegalAccessException {
    StringBuilder text = new StringBuilder();
    for (java.lang.reflect.Field field : ChannelEvent.class.getFields()) {
      Object value = field.get(event);
      text.append(field.getName()).append('=').append(value instanceof Guide guide ? fields(guide) : value).append(';');
    }
    return text.toString();
  }

  private static String fields(Guide guide) throws IllegalAccessException {
    StringBuilder text = new StringBuilder("{");
    for (java.lang.reflect.Field field : Guide.class.getFields()) {
      if (!java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
        Object value = field.get(guide);
        text.append(field.getName()).append('=')
            .append(value instanceof String[] array ? java.util.Arrays.toString(array) : value).append(';');
      }
    }
    return text.append('}').toString();
  }

  @Test
  void givesBackEveryFieldOfEveryKindOfEvent() throws Exception {
    Set<EventType> seen = EnumSet.noneOf(EventType.class);
    List<ChannelEvent> events = new ArrayList<>(simulatedEvents());
    events.addAll(rareKinds());
    for (ChannelEvent event : events) {
      seen.add(event.type);
      assertThat(fields(roundTrip(event, SERIALIZER, SERIALIZER))).isEqualTo(fields(event));
      assertThat(fields(SERIALIZER.copy(event))).isEqualTo(fields(event));
    }
    assertThat(seen).containsExactlyInAnyOrder(EventType.values());
  }

  @Test
  void givesBackNullsAndTheEdgesOfEveryField() throws Exception {
    ChannelEvent empty = new ChannelEvent();
    assertThat(fields(roundTrip(empty, SERIALIZER, SERIALIZER))).isEqualTo(fields(empty));

    ChannelEvent full = new ChannelEvent();
    full.id = "";
    full.source = "/330000/web/portal";
    full.type = EventType.SERVICE_RATING;
    full.time = Long.MIN_VALUE;
    full.region = "660000";
    full.channel = Channel.WECHAT;
    full.itemCode = "A";
    full.caseId = "C";
    full.applicantId = "applicant";
    full.revision = 0L;
    full.itemName = "办理";
    full.depth = 4;
    full.unifiedAuth = true;
    full.eLicense = true;
    full.onlinePayment = true;
    full.guide = new Guide();
    full.guide.materials = new String[] {"身份证", null, ""};
    full.guide.timeLimitDays = 0L;
    full.guide.fee = "0.00";
    full.outcome = AccessOutcome.TIMEOUT;
    full.latencyMs = 0L;
    full.operation = "pay";
    full.synthetic = true;
    full.status = CaseStatus.WITHDRAWN;
    full.purpose = VisitPurpose.CONSULT;
    full.score = 5;
    assertThat(fields(roundTrip(full, SERIALIZER, SERIALIZER))).isEqualTo(fields(full));
    assertThat(roundTrip(full, SERIALIZER, SERIALIZER).guide.materials[1]).isNull();
  }

  @Test
  void itsSnapshotRestoresASerializerThatReadsWhatItWrote() throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(64);
    TypeSerializerSnapshot.writeVersionedSnapshot(out, SERIALIZER.snapshotConfiguration());
    TypeSerializerSnapshot<ChannelEvent> read =
        TypeSerializerSnapshot.readVersionedSnapshot(new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
    ChannelEvent event = simulatedEvents().get(0);

    assertThat(fields(roundTrip(event, SERIALIZER, read.restoreSerializer()))).isEqualTo(fields(event));
    assertThat(SERIALIZER.snapshotConfiguration().resolveSchemaCompatibility(read).isCompatibleAsIs()).isTrue();
  }

  @Test
  void stateWrittenByFlinksPojoSerializerMigrates() throws Exception {
    TypeSerializer<ChannelEvent> pojo =
        new PojoSerializer<>(ChannelEvent.class, new TypeSerializer<?>[0], new java.lang.reflect.Field[0], new SerializerConfigImpl());
    assertThat(SERIALIZER.snapshotConfiguration().resolveSchemaCompatibility(pojo.snapshotConfiguration()).isCompatibleAfterMigration())
        .isTrue();
  }
}
