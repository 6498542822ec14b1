package org.channelwatch.domain;

/** A case's status as a channel's system reports it ({@code gov.case.status}). */
public enum CaseStatus {
  ACCEPTED(false),
  SUPPLEMENT_REQUESTED(false),
  COMPLETED(true),
  REJECTED(true),
  WITHDRAWN(true);

  private final boolean terminal;

  CaseStatus(boolean terminal) {
    this.terminal = terminal;
  }

  /** Completed, rejected and withdrawn cases are over. */
  public boolean isTerminal() {
    return terminal;
  }

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
