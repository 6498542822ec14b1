package org.channelwatch.detection;

/**
 * Access events of one scope in one minute: how many, and how many were {@code ok}.
 *
 * <p>A Flink POJO kept in state. Unlike the indicators' {@code ChannelAccess} it keeps no
 * latencies, because detection keeps one per item and minute and needs only the ratio.
 */
public class AccessTally {
  public long samples;
  public long ok;

  public AccessTally() {}

  public AccessTally(long samples, long ok) {
    this.samples = samples;
    this.ok = ok;
  }

  public void add(boolean isOk) {
    samples++;
    if (isOk) {
      ok++;
    }
  }

  /** Adds a number of accesses, {@code ok} of them with outcome {@code ok}. */
  public void add(long moreSamples, long moreOk) {
    samples += moreSamples;
    ok += moreOk;
  }

  /** ok / samples; 0 without samples, which no rule judges. */
  public double okRatio() {
    return samples == 0 ? 0 : ok / (double) samples;
  }

  @Override
  public String toString() {
    return ok + "/" + samples;
  }
}
