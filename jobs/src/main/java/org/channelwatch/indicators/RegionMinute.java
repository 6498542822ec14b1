package org.channelwatch.indicators;

import java.util.Arrays;
import org.channelwatch.domain.AccessOutcome;
import org.channelwatch.domain.Channel;
import org.channelwatch.domain.ChannelEvent;
import org.channelwatch.domain.EventType;
import org.channelwatch.domain.VisitPurpose;
import org.channelwatch.minutes.ChannelMinute;

/**
 * What one region's events of one 1-minute window add up to; built incrementally, one event at a
 * time, so no window ever buffers its events.
 *
 * <p>A Flink POJO. Channels are indexed by {@link Channel#ordinal()}, visit purposes by {@link
 * VisitPurpose#ordinal()}. Completions are not counted as reports arrive: the window lists the cases
 * that ended in it, and they are counted by {@link #countEndedCase} when the window is written, once
 * every event of theirs up to then is known.
 */
public class RegionMinute {
  public ChannelAccess[] access = newAccess();
  public long events;
  public long submitted;
  public long submittedOnline;
  public long completed;
  public long completedOnline;
  public long completedOnlineZeroVisit;
  public long[] visitsByPurpose = new long[VisitPurpose.values().length];
  public long ratings;
  public long ratingSum;
  public long badRatings;
  /** Cases whose first terminal report falls in this window. */
  public String[] endedCaseIds = new String[0];

  public RegionMinute() {}

  private static ChannelAccess[] newAccess() {
    ChannelAccess[] access = new ChannelAccess[Channel.values().length];
    for (int i = 0; i < access.length; i++) {
      access[i] = new ChannelAccess();
    }
    return access;
  }

  /** Adds an event that needs no state beyond the window: access events; others only count as events. */
  public void add(ChannelEvent event) {
    events++;
    if (event.type == EventType.SERVICE_ACCESS) {
      access[event.channel.ordinal()].add(event.outcome == AccessOutcome.OK, event.latencyMs);
    }
  }

  /**
   * Adds a summary of one channel's events in this window: its access events and ratings, as
   * {@link #add} and {@link #countRating} would add them one by one.
   */
  public void add(ChannelMinute summary, int badRatingMaxScore) {
    access[summary.channel.ordinal()].add(summary.accessSamples, summary.accessOk, summary.latencies, summary.latencyCount);
    events += summary.accessSamples;
    for (int score = 1; score <= summary.ratingsByScore.length; score++) {
      long count = summary.ratingsByScore[score - 1];
      events += count;
      ratings += count;
      ratingSum += count * score;
      if (score <= badRatingMaxScore) {
        badRatings += count;
      }
    }
  }

  public void countSubmission(Channel channel) {
    submitted++;
    if (channel.isOnline()) {
      submittedOnline++;
    }
  }

  public void countVisit(VisitPurpose purpose) {
    visitsByPurpose[purpose.ordinal()]++;
  }

  public long visits() {
    long total = 0;
    for (long count : visitsByPurpose) {
      total += count;
    }
    return total;
  }

  public long visits(VisitPurpose purpose) {
    return visitsByPurpose[purpose.ordinal()];
  }

  public void countRating(int score, int badRatingMaxScore) {
    ratings++;
    ratingSum += score;
    if (score <= badRatingMaxScore) {
      badRatings++;
    }
  }

  /** Lists a case whose first terminal report falls in this window. */
  public void listEndedCase(String caseId) {
    endedCaseIds = Arrays.copyOf(endedCaseIds, endedCaseIds.length + 1);
    endedCaseIds[endedCaseIds.length - 1] = caseId;
  }

  /** Counts a listed case once it is closed: completions, online ones, and those without a hall visit. */
  public void countEndedCase(CaseRecord ended) {
    if (!ended.isCompleted()) {
      return;
    }
    completed++;
    if (ended.wasSubmittedOnline()) {
      completedOnline++;
      if (!ended.hadHallVisitBeforeCompletion()) {
        completedOnlineZeroVisit++;
      }
    }
  }

  public void merge(RegionMinute other) {
    events += other.events;
    for (int i = 0; i < access.length; i++) {
      access[i].merge(other.access[i]);
    }
    submitted += other.submitted;
    submittedOnline += other.submittedOnline;
    completed += other.completed;
    completedOnline += other.completedOnline;
    completedOnlineZeroVisit += other.completedOnlineZeroVisit;
    for (int i = 0; i < visitsByPurpose.length; i++) {
      visitsByPurpose[i] += other.visitsByPurpose[i];
    }
    ratings += other.ratings;
    ratingSum += other.ratingSum;
    badRatings += other.badRatings;
    for (String caseId : other.endedCaseIds) {
      listEndedCase(caseId);
    }
  }

  public ChannelAccess access(Channel channel) {
    return access[channel.ordinal()];
  }
}
