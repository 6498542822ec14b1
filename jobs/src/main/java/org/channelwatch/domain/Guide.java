package org.channelwatch.domain;

/**
 * An item's service guide (办事指南) as one channel publishes it: the twelve standard elements of
 * contract 1.3, each null when absent.
 *
 * <p>A Flink POJO: public fields and a no-argument constructor, so that it is serialised without
 * Kryo. {@code materials} is an array rather than a list for the same reason.
 */
public class Guide {
  public String department;
  public String scope;
  public String conditions;
  public String[] materials;
  public String procedure;
  public Long timeLimitDays;
  public String fee;
  public String legalBasis;
  public String location;
  public String hours;
  public String contactPhone;
  public String complaintPhone;

  /** Number of standard elements in a complete guide. */
  public static final int STANDARD_ELEMENTS = 12;

  public Guide() {}

  /** Present elements / 12: an element is present when not null, not blank, not an empty array. */
  public double completeness() {
    int present = 0;
    for (String text :
        new String[] {
          department, scope, conditions, procedure, fee, legalBasis, location, hours, contactPhone,
          complaintPhone
        }) {
      if (text != null && !text.isBlank()) {
        present++;
      }
    }
    if (materials != null && materials.length > 0) {
      present++;
    }
    if (timeLimitDays != null) {
      present++;
    }
    return present / (double) STANDARD_ELEMENTS;
  }
}
