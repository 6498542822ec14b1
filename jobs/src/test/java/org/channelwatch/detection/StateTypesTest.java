package org.channelwatch.detection;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.channelwatch.domain.Incident;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every type detection keeps in state or sends between operators is serialised without Kryo
 * ({@code ChannelEvent} has a serializer of its own, tested in {@code ChannelEventSerializerTest}).
 */
class StateTypesTest {

  @ParameterizedTest
  @ValueSource(classes = {
      AccessTally.class, Incident.class, ChannelActivity.class, MinuteSpan.class, ChannelPublication.class,
      NormalisedKeyFacts.class, GuideWatch.class, CaseRecord.class, TerminalReport.class, CaseFact.class,
      OnlineCase.class, ApplicantItemCases.class})
  void isAPojoWithoutGenericFields(Class<?> type) {
    TypeInformation<?> info = TypeInformation.of(type);
    assertThatCode(() -> {
      if (!(info instanceof PojoTypeInfo)) {
        throw new AssertionError(type + " is not a Flink POJO but " + info);
      }
      SerializerConfigImpl noKryo = new SerializerConfigImpl();
      noKryo.setGenericTypes(false);
      info.createSerializer(noKryo);
    }).doesNotThrowAnyException();
  }
}
