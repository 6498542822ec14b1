package org.channelwatch.domain;

import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * One valid input event (contract 1): the CloudEvents envelope plus the fields of its type's
 * {@code data}, flattened.
 *
 * <p>Fields a type does not have are null; {@link #type} says which fields are set. Instances come
 * from the intake parser, which has already checked every rule of the contract, so consumers need
 * not re-validate. Flink serialises it with {@link ChannelEventTypeInfo}'s serializer (never Kryo);
 * a new field must be added there too, in a new layout.
 */
@TypeInfo(ChannelEventTypeInfo.Factory.class)
public class ChannelEvent {
  // Envelope.
  public String id;
  public String source;
  public EventType type;
  /** Event time, epoch milliseconds. */
  public long time;
  public String region;
  public Channel channel;

  // Shared by several types.
  public String itemCode;
  public String caseId;
  public String applicantId;
  public Long revision;

  // gov.catalog.item.published
  public String itemName;
  public int depth;
  public boolean unifiedAuth;
  public boolean eLicense;
  public boolean onlinePayment;
  public Guide guide;

  // gov.service.access
  public AccessOutcome outcome;
  public Long latencyMs;
  public String operation;
  public boolean synthetic;

  // gov.case.status
  public CaseStatus status;

  // gov.hall.visit
  public VisitPurpose purpose;

  // gov.service.rating
  public int score;

  public ChannelEvent() {}

  /** The identity of an event for de-duplication: the same source and id are the same event. */
  public String dedupKey() {
    return source + '\u0000' + id;
  }

  @Override
  public String toString() {
    return type + " " + id + " from " + source + " at " + time + " (" + region + "/" + channel + ")";
  }
}
