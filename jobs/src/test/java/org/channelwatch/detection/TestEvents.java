package org.channelwatch.detection;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.channelwatch.domain.AccessOutcome;
import org.channelwatch.domain.CaseStatus;
import org.channelwatch.domain.Channel;
import org.channelwatch.domain.ChannelEvent;
import org.channelwatch.domain.EventType;
import org.channelwatch.domain.Guide;

/** Builders of the events detection reads, so that each test states only what matters to it. */
final class TestEvents {
  static final String REGION = "330000";
  /** A minute-aligned start for test timelines. */
  static final long T0 = Instant.parse("2026-11-25T08:00:00Z").toEpochMilli();

  private static final AtomicLong IDS = new AtomicLong();

  private TestEvents() {}

  static long minute(int n) {
    return T0 + n * 60_000L;
  }

  static long at(int minute, int second) {
    return minute(minute) + second * 1000L;
  }

  static ChannelEvent access(Channel channel, long time, boolean ok) {
    return access(channel, time, ok, null);
  }

  static ChannelEvent access(Channel channel, long time, boolean ok, String itemCode) {
    ChannelEvent event = event(EventType.SERVICE_ACCESS, channel, time);
    event.outcome = ok ? AccessOutcome.OK : AccessOutcome.ERROR;
    event.itemCode = itemCode;
    return event;
  }

  static ChannelEvent published(Channel channel, String itemCode, long time, Long revision, Guide guide) {
    ChannelEvent event = event(EventType.CATALOG_ITEM_PUBLISHED, channel, time);
    event.itemCode = itemCode;
    event.itemName = "Item " + itemCode;
    event.depth = 4;
    event.revision = revision;
    event.guide = guide;
    return event;
  }

  static ChannelEvent withdrawn(Channel channel, String itemCode, long time, Long revision) {
    ChannelEvent event = event(EventType.CATALOG_ITEM_WITHDRAWN, channel, time);
    event.itemCode = itemCode;
    event.revision = revision;
    return event;
  }

  static ChannelEvent submitted(Channel channel, String caseId, String applicantId, String itemCode, long time) {
    ChannelEvent event = event(EventType.CASE_SUBMITTED, channel, time);
    event.caseId = caseId;
    event.applicantId = applicantId;
    event.itemCode = itemCode;
    return event;
  }

  static ChannelEvent status(Channel channel, String caseId, CaseStatus status, long time) {
    ChannelEvent event = event(EventType.CASE_STATUS, channel, time);
    event.caseId = caseId;
    event.status = status;
    return event;
  }

  static ChannelEvent rating(Channel channel, long time) {
    ChannelEvent event = event(EventType.SERVICE_RATING, channel, time);
    event.score = 5;
    return event;
  }

  static Guide guide(String conditions, String fee, Long timeLimitDays, String... materials) {
    Guide guide = new Guide();
    guide.department = "Bureau";
    guide.conditions = conditions;
    guide.fee = fee;
    guide.timeLimitDays = timeLimitDays;
    guide.materials = materials.length == 0 ? null : materials;
    return guide;
  }

  static CaseFact submittedFact(Channel channel, String caseId, long time) {
    return fact(CaseFact.Kind.SUBMITTED, channel, caseId, time);
  }

  static CaseFact terminalFact(Channel submittedOn, String caseId, long time) {
    return fact(CaseFact.Kind.TERMINAL, submittedOn, caseId, time);
  }

  private static CaseFact fact(CaseFact.Kind kind, Channel channel, String caseId, long time) {
    CaseFact fact = new CaseFact();
    fact.kind = kind;
    fact.region = REGION;
    fact.caseId = caseId;
    fact.applicantId = "applicant-0001";
    fact.itemCode = "ITEM-1";
    fact.submittedOn = channel;
    fact.time = time;
    return fact;
  }

  private static ChannelEvent event(EventType type, Channel channel, long time) {
    ChannelEvent event = new ChannelEvent();
    event.id = "e" + IDS.incrementAndGet();
    event.source = "/" + REGION + "/" + channel.wireName() + "/test";
    event.type = type;
    event.time = time;
    event.region = REGION;
    event.channel = channel;
    return event;
  }
}
