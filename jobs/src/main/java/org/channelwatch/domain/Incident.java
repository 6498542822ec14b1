package org.channelwatch.domain;

import java.util.StringJoiner;

/**
 * One change of an incident (contract 3): its opening, or its resolution. Both carry the whole
 * incident, so either can be written as the incident's document.
 *
 * <p>A Flink POJO. {@code details} is kept as JSON text because its shape differs by kind and a
 * map-typed field would fall back to Kryo.
 */
public class Incident {
  public IncidentKind kind;
  public String region;
  /** Null unless the kind is scoped by channel. */
  public Channel channel;
  /** Null unless the kind is scoped by item. */
  public String itemCode;
  /** Null unless the kind is scoped by applicant ({@code offline_resubmission}). */
  public String applicantId;
  /** The cases involved, for {@code offline_resubmission} and {@code status_not_synced}; else null. */
  public String[] caseIds;
  /** Event time the incident opened, epoch millis. */
  public long openedAt;
  /** Event time it resolved, epoch millis; null while open. */
  public Long resolvedAt;
  /** The kind's details as a JSON object, e.g. {"samples":7,"okRatio":0.28}. */
  public String detailsJson;

  public Incident() {}

  public boolean isOpen() {
    return resolvedAt == null;
  }

  /** {@code open} or {@code resolved}. */
  public String status() {
    return isOpen() ? "open" : "resolved";
  }

  /**
   * The deterministic id {@code {kind}:{region}:{scope}:{openedAt}}, where the scope depends on
   * the kind (contract 3).
   */
  public String id() {
    StringJoiner id = new StringJoiner(":");
    id.add(kind.wireName()).add(region);
    switch (kind) {
      case SERVICE_UNAVAILABLE, CHANNEL_SILENT -> id.add(channel.wireName());
      case ITEM_UNAVAILABLE -> id.add(channel.wireName()).add(itemCode);
      case GUIDE_INCONSISTENT -> id.add(itemCode);
      case OFFLINE_RESUBMISSION -> id.add(applicantId).add(itemCode);
      case STATUS_NOT_SYNCED -> id.add(caseIds[0]);
    }
    return id.add(Long.toString(openedAt)).toString();
  }

  @Override
  public String toString() {
    return id() + " " + status();
  }
}
