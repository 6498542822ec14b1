package org.channelwatch.connectors.local;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Runs another main class in a child JVM and exits when the process that started the child is
 * gone. {@link ChildJvm#close()} and our shutdown hooks stop children when we exit or are
 * interrupted, but a parent killed outright (SIGKILL, the out-of-memory killer) runs nothing, and
 * its Kafka broker and Elasticsearch node went on holding their ports and data directories.
 * Exiting runs the child's own shutdown hooks, so the broker or node still closes cleanly.
 *
 * <p>It uses nothing but the JDK, since it runs on class paths that hold few of our classes.
 */
public final class ExitWithParent {

  private ExitWithParent() {}

  /** {@code PARENT_PID MAIN_CLASS [ARGS...]}. */
  public static void main(String[] args) throws Throwable {
    if (args.length < 2) {
      System.err.println("usage: " + ExitWithParent.class.getName() + " PARENT_PID MAIN_CLASS [ARGS...]");
      System.exit(2);
    }
    long parentPid = Long.parseLong(args[0]);
    Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
    if (parent.isEmpty()) {
      System.err.println("The process that started this one (pid " + parentPid + ") is already gone; exiting");
      System.exit(1);
    }
    parent.get().onExit().thenRun(() -> {
      System.err.println("The process that started this one (pid " + parentPid + ") is gone; shutting down");
      System.exit(0);
    });
    Method main = Class.forName(args[1]).getMethod("main", String[].class);
    try {
      main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** Where this class is loaded from (a jar or a class directory), for a child's class path. */
  public static Path location() {
    try {
      return Path.of(ExitWithParent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate " + ExitWithParent.class.getName(), e);
    }
  }
}
