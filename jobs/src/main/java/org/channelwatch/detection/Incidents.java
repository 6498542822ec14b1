package org.channelwatch.detection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.channelwatch.domain.Channel;
import org.channelwatch.domain.Incident;
import org.channelwatch.domain.IncidentKind;

/** Builds the incident changes the rules emit: an opening, and the resolution of an open one. */
final class Incidents {
  static final ObjectMapper JSON = new ObjectMapper();

  private Incidents() {}

  static Incident opened(
      IncidentKind kind,
      String region,
      Channel channel,
      String itemCode,
      String applicantId,
      String[] caseIds,
      long openedAt,
      ObjectNode details) {
    Incident incident = new Incident();
    incident.kind = kind;
    incident.region = region;
    incident.channel = channel;
    incident.itemCode = itemCode;
    incident.applicantId = applicantId;
    incident.caseIds = caseIds;
    incident.openedAt = openedAt;
    incident.resolvedAt = null;
    incident.detailsJson = json(details);
    return incident;
  }

  /**
   * The resolution of {@code open}: the same incident, so the same id, with {@code resolvedAt}.
   *
   * <p>A resolution is never dated before the opening: catalog events arrive in any time order,
   * and an incident that ends before it starts would read as nonsense to an operator.
   */
  static Incident resolved(Incident open, long resolvedAt) {
    Incident incident = copy(open);
    incident.resolvedAt = Math.max(resolvedAt, open.openedAt);
    return incident;
  }

  /** A copy, so that what is emitted never shares an object with what is kept in state. */
  static Incident copy(Incident source) {
    Incident incident = new Incident();
    incident.kind = source.kind;
    incident.region = source.region;
    incident.channel = source.channel;
    incident.itemCode = source.itemCode;
    incident.applicantId = source.applicantId;
    incident.caseIds = source.caseIds == null ? null : source.caseIds.clone();
    incident.openedAt = source.openedAt;
    incident.resolvedAt = source.resolvedAt;
    incident.detailsJson = source.detailsJson;
    return incident;
  }

  static ObjectNode details() {
    return JSON.createObjectNode();
  }

  static String json(ObjectNode details) {
    try {
      return JSON.writeValueAsString(details == null ? JSON.createObjectNode() : details);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("incident details could not be written as JSON", e);
    }
  }
}
