package org.channelwatch.e2e;

import java.time.Instant;

/** Contract events for tests, each stating only what matters to it. */
public final class Events {
  private Events() {}

  public static String access(String id, String region, String channel, String time, String outcome, Long latencyMs) {
    return envelope(id, "gov.service.access", region, channel, time)
        + "{\"outcome\":\"" + outcome + "\"" + (latencyMs == null ? "" : ",\"latencyMs\":" + latencyMs) + "}}";
  }

  static String caseSubmitted(String id, String region, String channel, String time, String caseId, String applicant, String item) {
    return envelope(id, "gov.case.submitted", region, channel, time)
        + "{\"caseId\":\"" + caseId + "\",\"applicantId\":\"" + applicant + "\",\"itemCode\":\"" + item + "\"}}";
  }

  static String published(String id, String region, String channel, String time, String item) {
    return envelope(id, "gov.catalog.item.published", region, channel, time)
        + "{\"itemCode\":\"" + item + "\",\"itemName\":\"测试事项\",\"depth\":4,\"guide\":{\"fee\":\"0\"}}}";
  }

  static String accessItem(String id, String region, String channel, String time, String outcome, String item) {
    return envelope(id, "gov.service.access", region, channel, time)
        + "{\"outcome\":\"" + outcome + "\",\"itemCode\":\"" + item + "\"}}";
  }

  static String rating(String id, String region, String channel, String time, int score) {
    return envelope(id, "gov.service.rating", region, channel, time) + "{\"score\":" + score + "}}";
  }

  static String caseStatus(String id, String region, String channel, String time, String caseId, String status) {
    return envelope(id, "gov.case.status", region, channel, time)
        + "{\"caseId\":\"" + caseId + "\",\"status\":\"" + status + "\"}}";
  }

  /** A publication whose guide states only {@code conditions} and the given {@code fee}. */
  static String publishedWithFee(String id, String region, String channel, String time, String item, String fee) {
    return envelope(id, "gov.catalog.item.published", region, channel, time)
        + "{\"itemCode\":\"" + item + "\",\"itemName\":\"测试事项\",\"depth\":4,"
        + "\"guide\":{\"conditions\":\"本人申请\",\"fee\":\"" + fee + "\"}}}";
  }

  private static String envelope(String id, String type, String region, String channel, String time) {
    return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/" + region + "/" + channel + "/test\","
        + "\"type\":\"" + type + "\",\"time\":\"" + time + "\",\"region\":\"" + region + "\",\"channel\":\""
        + channel + "\",\"data\":";
  }

  static long millis(String time) {
    return Instant.parse(time).toEpochMilli();
  }
}
