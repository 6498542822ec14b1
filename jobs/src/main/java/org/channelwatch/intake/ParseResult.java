package org.channelwatch.intake;

import org.channelwatch.connectors.privacy.PersonalData;
import org.channelwatch.domain.ChannelEvent;

/**
 * What {@link EventParser} made of one record: a valid event, or the reason it is not one.
 *
 * <p>The detail is meant for operators: it names the field, what was wrong and what was expected,
 * and never contains personal data.
 */
public final class ParseResult {
  private final ChannelEvent event;
  private final RejectReason reason;
  private final String detail;

  private ParseResult(ChannelEvent event, RejectReason reason, String detail) {
    this.event = event;
    this.reason = reason;
    this.detail = detail;
  }

  static ParseResult accepted(ChannelEvent event) {
    return new ParseResult(event, null, null);
  }

  static ParseResult rejected(RejectReason reason, String detail) {
    return new ParseResult(null, reason, PersonalData.maskAll(detail));
  }

  public boolean isAccepted() {
    return event != null;
  }

  /** The event; null when rejected. */
  public ChannelEvent event() {
    return event;
  }

  /** The reason; null when accepted. */
  public RejectReason reason() {
    return reason;
  }

  /** What was wrong; null when accepted. */
  public String detail() {
    return detail;
  }

  @Override
  public String toString() {
    return isAccepted() ? "accepted " + event : reason.wireName() + ": " + detail;
  }
}
