package org.channelwatch.domain;

import java.util.Locale;

/** The six kinds of incident of contract 3, each with its severity. */
public enum IncidentKind {
  SERVICE_UNAVAILABLE("critical"),
  ITEM_UNAVAILABLE("major"),
  CHANNEL_SILENT("major"),
  GUIDE_INCONSISTENT("major"),
  OFFLINE_RESUBMISSION("major"),
  STATUS_NOT_SYNCED("minor");

  private final String severity;

  IncidentKind(String severity) {
    this.severity = severity;
  }

  public String severity() {
    return severity;
  }

  /** The name in incident ids and documents, such as {@code service_unavailable}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
