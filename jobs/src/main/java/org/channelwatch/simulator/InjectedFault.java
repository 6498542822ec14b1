package org.channelwatch.simulator;

import java.time.Instant;
import java.util.List;
import org.channelwatch.domain.Channel;

/**
 * What the simulator injected and when: the ground truth against which detected incidents can be
 * checked.
 *
 * @param channel the channel at fault, or null when the fault is not about one channel
 * @param itemCode the item concerned, or null
 * @param applicantId the applicant concerned, or null
 * @param caseIds the cases concerned (the online case first), empty when none
 * @param start when the faulty behaviour starts: for {@link FaultKind#OFFLINE_RESUBMISSION} the
 *     hall submission, for {@link FaultKind#STATUS_NOT_SYNCED} the hall's terminal report
 * @param end when the faulty behaviour stops (the fix, the resolving status), or null for never
 */
public record InjectedFault(
    FaultKind kind,
    String region,
    Channel channel,
    String itemCode,
    String applicantId,
    List<String> caseIds,
    Instant start,
    Instant end) {

  public InjectedFault {
    caseIds = List.copyOf(caseIds);
  }
}
