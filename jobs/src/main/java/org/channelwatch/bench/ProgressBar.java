package org.channelwatch.bench;

import java.io.PrintStream;

/**
 * A one-line progress bar for long benchmark phases.
 *
 * <p>On a terminal the line is redrawn in place a few times a second; otherwise (a log, a test) a
 * plain line is printed every few seconds, so that logs stay readable. Not thread-safe.
 */
final class ProgressBar {
  private static final int WIDTH = 30;
  private static final long TERMINAL_EVERY_NANOS = 250_000_000L;
  private static final long LOG_EVERY_NANOS = 5_000_000_000L;

  private final PrintStream out;
  private final String label;
  private final boolean terminal;
  private final long startNanos = System.nanoTime();
  private long lastDrawnNanos;
  private boolean drawn;

  ProgressBar(PrintStream out, String label) {
    this(out, label, System.console() != null);
  }

  ProgressBar(PrintStream out, String label, boolean terminal) {
    this.out = out;
    this.label = label;
    this.terminal = terminal;
  }

  /** Shows {@code done} of {@code total}, with the mean rate since the bar was made. */
  void update(long done, long total) {
    long now = System.nanoTime();
    if (drawn && now - lastDrawnNanos < (terminal ? TERMINAL_EVERY_NANOS : LOG_EVERY_NANOS)) {
      return;
    }
    draw(done, total, now);
  }

  /** Shows the final figures and ends the line. */
  void finish(long done, long total) {
    draw(done, total, System.nanoTime());
    if (terminal) {
      out.println();
    }
  }

  private void draw(long done, long total, long now) {
    lastDrawnNanos = now;
    drawn = true;
    double fraction = total <= 0 ? 1 : Math.min(1, done / (double) total);
    int filled = (int) Math.round(fraction * WIDTH);
    double seconds = (now - startNanos) / 1e9;
    String line =
        String.format(
            "%-22s [%s%s] %3.0f%%  %,d / %,d  %,.0f/s  %.0f s",
            label, "#".repeat(filled), ".".repeat(WIDTH - filled), fraction * 100, done, total,
            seconds > 0 ? done / seconds : 0, seconds);
    if (terminal) {
      out.print("\r" + line);
    } else {
      out.println(line);
    }
    out.flush();
  }
}
