package org.channelwatch.connectors.elasticsearch;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Capped exponential backoff with full jitter: the n-th consecutive failure waits a random time
 * up to {@code min(cap, base * 2^(n-1))}, so that many writers do not retry in step.
 *
 * <p>Not thread-safe; the random source is passed in so tests can pin it.
 */
public final class Backoff {
  private final long baseMillis;
  private final long capMillis;
  private final DoubleSupplier random;
  private int failures;

  public Backoff(Duration base, Duration cap, DoubleSupplier random) {
    this.baseMillis = base.toMillis();
    this.capMillis = cap.toMillis();
    this.random = random;
  }

  /** Records a failure and returns how long to wait before the next attempt. */
  public Duration nextDelay() {
    failures = Math.min(failures + 1, 30);
    long ceiling = Math.min(capMillis, baseMillis << Math.min(failures - 1, 20));
    return Duration.ofMillis(Math.max(1, (long) (random.getAsDouble() * ceiling)));
  }

  /** Records a success: the next failure starts from the base again. */
  public void reset() {
    failures = 0;
  }

  public int consecutiveFailures() {
    return failures;
  }
}
