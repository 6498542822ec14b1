package org.channelwatch.domain;

/** Why an applicant came to the hall ({@code gov.hall.visit}). */
public enum VisitPurpose {
  SUBMIT,
  SUPPLEMENT,
  PICKUP,
  CONSULT;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
