package org.channelwatch.indicators;

import java.time.Instant;
import org.channelwatch.domain.AccessOutcome;
import org.channelwatch.domain.CaseStatus;
import org.channelwatch.domain.Channel;
import org.channelwatch.domain.ChannelEvent;
import org.channelwatch.domain.EventType;
import org.channelwatch.domain.Guide;
import org.channelwatch.domain.VisitPurpose;

/** Builders of valid events, so that each test states only what matters to it. */
final class TestEvents {
  static final String REGION = "330000";
  static final String OTHER_REGION = "110000";
  /** 2026-11-25T00:00:00Z, a minute boundary. */
  static final long T0 = Instant.parse("2026-11-25T00:00:00Z").toEpochMilli();
  static final long MINUTE = 60_000;
  static final long SECOND = 1_000;

  private static int ids;

  private TestEvents() {}

  static ChannelEvent event(EventType type, Channel channel, long time) {
    ChannelEvent event = new ChannelEvent();
    event.id = "e" + ++ids;
    event.source = "/" + REGION + "/" + channel.wireName() + "/test";
    event.type = type;
    event.time = time;
    event.region = REGION;
    event.channel = channel;
    return event;
  }

  /** A guide with all twelve elements. */
  static Guide completeGuide() {
    Guide guide = new Guide();
    guide.department = "浙江省市场监督管理局";
    guide.scope = "在本省登记的企业";
    guide.conditions = "申请人应当具有完全民事行为能力";
    guide.materials = new String[] {"营业执照副本", "申请书"};
    guide.procedure = "网上申请、受理、审查、决定、送达";
    guide.timeLimitDays = 5L;
    guide.fee = "0";
    guide.legalBasis = "《中华人民共和国市场主体登记管理条例》第三条";
    guide.location = "杭州市上城区之江路";
    guide.hours = "工作日 9:00-17:00";
    guide.contactPhone = "0571-12345";
    guide.complaintPhone = "0571-12345";
    return guide;
  }

  /** A guide with only the given number of elements present (the key facts first). */
  static Guide guideWithElements(int present) {
    Guide full = completeGuide();
    Guide guide = new Guide();
    String[] order = {
      "conditions", "materials", "timeLimitDays", "fee", "department", "scope", "procedure", "legalBasis",
      "location", "hours", "contactPhone", "complaintPhone"
    };
    for (int i = 0; i < present; i++) {
      switch (order[i]) {
        case "conditions" -> guide.conditions = full.conditions;
        case "materials" -> guide.materials = full.materials;
        case "timeLimitDays" -> guide.timeLimitDays = full.timeLimitDays;
        case "fee" -> guide.fee = full.fee;
        case "department" -> guide.department = full.department;
        case "scope" -> guide.scope = full.scope;
        case "procedure" -> guide.procedure = full.procedure;
        case "legalBasis" -> guide.legalBasis = full.legalBasis;
        case "location" -> guide.location = full.location;
        case "hours" -> guide.hours = full.hours;
        case "contactPhone" -> guide.contactPhone = full.contactPhone;
        default -> guide.complaintPhone = full.complaintPhone;
      }
    }
    return guide;
  }

  static ChannelEvent published(String itemCode, Channel channel, long time, Long revision) {
    return published(itemCode, channel, time, revision, 4, completeGuide());
  }

  static ChannelEvent published(String itemCode, Channel channel, long time, Long revision, int depth, Guide guide) {
    ChannelEvent event = event(EventType.CATALOG_ITEM_PUBLISHED, channel, time);
    event.itemCode = itemCode;
    event.itemName = "企业名称变更登记";
    event.depth = depth;
    event.guide = guide;
    event.revision = revision;
    return event;
  }

  static ChannelEvent withdrawn(String itemCode, Channel channel, long time, Long revision) {
    ChannelEvent event = event(EventType.CATALOG_ITEM_WITHDRAWN, channel, time);
    event.itemCode = itemCode;
    event.revision = revision;
    return event;
  }

  static ChannelEvent access(Channel channel, long time, boolean ok, Long latencyMs) {
    ChannelEvent event = event(EventType.SERVICE_ACCESS, channel, time);
    event.outcome = ok ? AccessOutcome.OK : AccessOutcome.ERROR;
    event.latencyMs = latencyMs;
    return event;
  }

  static ChannelEvent submitted(String caseId, String applicantId, String itemCode, Channel channel, long time) {
    ChannelEvent event = event(EventType.CASE_SUBMITTED, channel, time);
    event.caseId = caseId;
    event.applicantId = applicantId;
    event.itemCode = itemCode;
    return event;
  }

  static ChannelEvent status(String caseId, CaseStatus status, Channel channel, long time) {
    ChannelEvent event = event(EventType.CASE_STATUS, channel, time);
    event.caseId = caseId;
    event.status = status;
    return event;
  }

  static ChannelEvent visit(String applicantId, String itemCode, VisitPurpose purpose, String caseId, long time) {
    ChannelEvent event = event(EventType.HALL_VISIT, Channel.HALL, time);
    event.applicantId = applicantId;
    event.itemCode = itemCode;
    event.purpose = purpose;
    event.caseId = caseId;
    return event;
  }

  static ChannelEvent rating(int score, Channel channel, long time) {
    ChannelEvent event = event(EventType.SERVICE_RATING, channel, time);
    event.score = score;
    return event;
  }

  static ChannelEvent inRegion(String region, ChannelEvent event) {
    event.region = region;
    return event;
  }
}
