package org.channelwatch.connectors.local;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops what this JVM started, in the reverse order of starting, when the JVM exits (normally,
 * or on Ctrl-C or SIGTERM).
 *
 * <p>One hook for everything, because the JVM runs separate shutdown hooks all at once: a Kafka
 * broker stopped by its own hook while a producer still flushes to it leaves the producer hanging.
 * Here the last thing started stops first, so the simulator and the job stop before the services
 * they use.
 */
public final class ShutdownSequence {
  private static final Logger LOG = LoggerFactory.getLogger(ShutdownSequence.class);
  private static final Deque<Step> STEPS = new ArrayDeque<>();
  private static boolean hookInstalled;
  private static boolean running;

  private ShutdownSequence() {}

  /** A registered step; {@link #cancel()} it once the thing was stopped by other means. */
  public static final class Step {
    private final String name;
    private final Runnable action;

    private Step(String name, Runnable action) {
      this.name = name;
      this.action = action;
    }

    public void cancel() {
      synchronized (ShutdownSequence.class) {
        if (!running) {
          STEPS.remove(this);
        }
      }
    }
  }

  /** Runs {@code action} at exit, before every step registered earlier. */
  public static synchronized Step register(String name, Runnable action) {
    if (!hookInstalled) {
      Runtime.getRuntime().addShutdownHook(new Thread(ShutdownSequence::runAll, "channelwatch-shutdown"));
      hookInstalled = true;
    }
    Step step = new Step(name, action);
    STEPS.push(step);
    return step;
  }

  private static void runAll() {
    while (true) {
      Step step;
      synchronized (ShutdownSequence.class) {
        running = true;
        step = STEPS.poll();
      }
      if (step == null) {
        return;
      }
      try {
        step.action.run();
      } catch (RuntimeException e) {
        LOG.warn("Could not stop {} cleanly", step.name, e);
      }
    }
  }
}
