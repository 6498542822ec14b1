package org.channelwatch.domain;

/** The outcome of one attempt to use a channel ({@code gov.service.access}). */
public enum AccessOutcome {
  OK,
  ERROR,
  TIMEOUT;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
