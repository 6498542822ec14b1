package org.channelwatch.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.channelwatch.connectors.privacy.PersonalData;
import org.channelwatch.domain.AccessOutcome;
import org.channelwatch.domain.Channel;
import org.channelwatch.domain.ChannelEvent;
import org.channelwatch.domain.EventType;
import org.junit.jupiter.api.Test;

class EventParserTest {

  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private final EventParser parser = new EventParser(Clock.fixed(NOW, ZoneOffset.UTC));

  private ParseResult parse(String json) {
    return parser.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  /** A valid access event with {@code extra} spliced into its envelope and {@code data}. */
  private static String access(String envelopeExtra, String data) {
    return "{\"specversion\":\"1.0\",\"id\":\"a1\",\"source\":\"/330000/web/main\",\"type\":\"gov.service.access\","
        + "\"time\":\"2026-11-25T08:00:00+08:00\",\"region\":\"330000\",\"channel\":\"web\""
        + envelopeExtra + ",\"data\":" + data + "}";
  }

  @Test
  void readsAnAccessEvent() {
    ParseResult result = parse(access("", "{\"outcome\":\"timeout\",\"latencyMs\":15000,\"synthetic\":true}"));
    ChannelEvent event = result.event();
    assertThat(event.type).isEqualTo(EventType.SERVICE_ACCESS);
    assertThat(event.channel).isEqualTo(Channel.WEB);
    assertThat(event.outcome).isEqualTo(AccessOutcome.TIMEOUT);
    assertThat(event.latencyMs).isEqualTo(15000L);
    assertThat(event.synthetic).isTrue();
    assertThat(event.time).isEqualTo(Instant.parse("2026-11-25T00:00:00Z").toEpochMilli());
  }

  @Test
  void treatsNullAsAbsent() {
    assertThat(parse(access(",\"datacontenttype\":null", "{\"outcome\":\"ok\",\"latencyMs\":null}")).isAccepted()).isTrue();
    assertThat(parse(access("", "{\"outcome\":null}")).reason()).isEqualTo(RejectReason.SCHEMA);
  }

  @Test
  void acceptsOnlyIntegersWithoutFractionOrExponent() {
    assertThat(parse(access("", "{\"outcome\":\"ok\",\"latencyMs\":5}")).isAccepted()).isTrue();
    assertThat(parse(access("", "{\"outcome\":\"ok\",\"latencyMs\":5.0}")).detail()).contains("data.latencyMs");
    assertThat(parse(access("", "{\"outcome\":\"ok\",\"latencyMs\":5e2}")).reason()).isEqualTo(RejectReason.SCHEMA);
    assertThat(parse(access("", "{\"outcome\":\"ok\",\"latencyMs\":\"5\"}")).reason()).isEqualTo(RejectReason.SCHEMA);
  }

  @Test
  void refusesTrailingContentAfterTheJsonValue() {
    assertThat(parse(access("", "{\"outcome\":\"ok\"}") + " {}").reason()).isEqualTo(RejectReason.MALFORMED_JSON);
    assertThat(parse(access("", "{\"outcome\":\"ok\"}") + " \n\t ").isAccepted()).isTrue();
  }

  @Test
  void givesSchemaForAJsonValueThatIsNotAnObject() {
    assertThat(parse("[1,2]").reason()).isEqualTo(RejectReason.SCHEMA);
    assertThat(parse("\"text\"").reason()).isEqualTo(RejectReason.SCHEMA);
  }

  @Test
  void givesTheFirstReasonInContractOrder() {
    // Unknown type, region and channel at once: the type comes first.
    String all = "{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"s\",\"type\":\"nope\",\"time\":\"bad\","
        + "\"region\":\"990000\",\"channel\":\"fax\",\"data\":{}}";
    assertThat(parse(all).reason()).isEqualTo(RejectReason.UNKNOWN_TYPE);
    // A missing envelope attribute beats an unknown type.
    assertThat(parse(all.replace("\"source\":\"s\",", "")).reason()).isEqualTo(RejectReason.SCHEMA);
    // Unknown channel beats an unparseable time; an unparseable time beats bad data.
    String channelAndTime = access("", "{}").replace("\"web\"", "\"fax\"").replace("2026-11-25T08:00:00+08:00", "yesterday");
    assertThat(parse(channelAndTime).reason()).isEqualTo(RejectReason.UNKNOWN_CHANNEL);
    assertThat(parse(access("", "{}").replace("2026-11-25T08:00:00+08:00", "yesterday")).reason())
        .isEqualTo(RejectReason.SCHEMA);
    // bad_time beats a data problem.
    assertThat(parse(access("", "{}").replace("2026-11-25T08:00:00+08:00", "1999-01-01T00:00:00Z")).reason())
        .isEqualTo(RejectReason.BAD_TIME);
  }

  @Test
  void requiresAnOffsetInTheTime() {
    assertThat(parse(access("", "{\"outcome\":\"ok\"}").replace("+08:00", "")).detail()).contains("RFC 3339");
    assertThat(parse(access("", "{\"outcome\":\"ok\"}").replace("+08:00", "Z")).isAccepted()).isTrue();
  }

  @Test
  void rejectsTimesMoreThanADayAheadOfTheProcessingClock() {
    String inADay = access("", "{\"outcome\":\"ok\"}").replace("2026-11-25T08:00:00+08:00", "2026-11-26T12:00:00Z");
    String beyond = access("", "{\"outcome\":\"ok\"}").replace("2026-11-25T08:00:00+08:00", "2026-11-26T12:00:00.001Z");
    assertThat(parse(inADay).isAccepted()).isTrue();
    assertThat(parse(beyond).reason()).isEqualTo(RejectReason.BAD_TIME);
  }

  @Test
  void acceptsTheFirstMomentOf2000() {
    assertThat(parse(access("", "{\"outcome\":\"ok\"}").replace("2026-11-25T08:00:00+08:00", "2000-01-01T00:00:00Z")).isAccepted())
        .isTrue();
  }

  @Test
  void checksDatacontenttypeWhenPresent() {
    assertThat(parse(access(",\"datacontenttype\":\"text/plain\"", "{\"outcome\":\"ok\"}")).reason())
        .isEqualTo(RejectReason.SCHEMA);
  }

  @Test
  void refusesDuplicateKeysAsMalformed() {
    assertThat(parse(access(",\"id\":\"other\"", "{\"outcome\":\"ok\"}")).reason()).isEqualTo(RejectReason.MALFORMED_JSON);
  }

  @Test
  void refusesAnEmptyOrMissingValue() {
    assertThat(parser.parse(null).reason()).isEqualTo(RejectReason.MALFORMED_JSON);
    assertThat(parser.parse(new byte[0]).reason()).isEqualTo(RejectReason.MALFORMED_JSON);
  }

  @Test
  void countsIdLengthInCharacters() {
    String longId = "好".repeat(128);
    assertThat(parse(access("", "{\"outcome\":\"ok\"}").replace("\"id\":\"a1\"", "\"id\":\"" + longId + "\"")).isAccepted())
        .isTrue();
    assertThat(parse(access("", "{\"outcome\":\"ok\"}").replace("\"id\":\"a1\"", "\"id\":\"" + longId + "x\"")).reason())
        .isEqualTo(RejectReason.SCHEMA);
  }

  @Test
  void masksPersonalDataInTheDetail() {
    String submitted = "{\"specversion\":\"1.0\",\"id\":\"c\",\"source\":\"s\",\"type\":\"gov.case.submitted\","
        + "\"time\":\"2026-11-25T08:00:00Z\",\"region\":\"330000\",\"channel\":\"app\","
        + "\"data\":{\"caseId\":\"C1\",\"applicantId\":\"33010619900101123X\",\"itemCode\":\"I1\"}}";
    ParseResult result = parse(submitted);
    assertThat(result.reason()).isEqualTo(RejectReason.PII);
    assertThat(result.detail()).contains("**************123X").doesNotContain("33010619900101123X");
  }

  @Test
  void reportsASchemaProblemBeforePersonalData() {
    // A mobile number in a too-short applicant id field cannot happen, but one in a visit from the
    // web can: the visit's channel is a data rule, checked before personal data.
    String visit = "{\"specversion\":\"1.0\",\"id\":\"v\",\"source\":\"s\",\"type\":\"gov.hall.visit\","
        + "\"time\":\"2026-11-25T08:00:00Z\",\"region\":\"330000\",\"channel\":\"web\","
        + "\"data\":{\"applicantId\":\"13912345678\",\"itemCode\":\"I1\",\"purpose\":\"submit\"}}";
    assertThat(parse(visit).reason()).isEqualTo(RejectReason.SCHEMA);
    assertThat(parse(visit.replace("\"web\"", "\"hall\"")).reason()).isEqualTo(RejectReason.PII);
  }

  @Test
  void readsAPublicationWithItsGuide() {
    String published = "{\"specversion\":\"1.0\",\"id\":\"p\",\"source\":\"s\",\"type\":\"gov.catalog.item.published\","
        + "\"time\":\"2026-11-25T08:00:00Z\",\"region\":\"330000\",\"channel\":\"web\","
        + "\"data\":{\"itemCode\":\"I-1\",\"itemName\":\"n\",\"depth\":4,\"features\":{\"onlinePayment\":true},"
        + "\"guide\":{\"fee\":\"0\",\"materials\":[\"a\",\"b\"],\"timeLimitDays\":5,\"scope\":\"  \",\"custom\":1},"
        + "\"revision\":3}}";
    ChannelEvent event = parse(published).event();
    assertThat(event.depth).isEqualTo(4);
    assertThat(event.onlinePayment).isTrue();
    assertThat(event.unifiedAuth).isFalse();
    assertThat(event.guide.materials).containsExactly("a", "b");
    assertThat(event.guide.completeness()).isEqualTo(3 / 12.0);
    assertThat(event.revision).isEqualTo(3L);
  }

  @Test
  void survivesDeepNesting() {
    String deep = "[".repeat(5000) + "]".repeat(5000);
    assertThat(parse(deep).reason()).isEqualTo(RejectReason.MALFORMED_JSON);
  }
}
