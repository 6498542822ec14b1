package org.channelwatch.connectors.local;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * A Java process started by ChannelWatch, such as the local Kafka broker or Elasticsearch node.
 *
 * <p>Its output goes to a log file, never to our console. It is stopped gracefully (SIGTERM, then
 * SIGKILL after a grace period) by {@link #close()}, and also when our own JVM exits normally or
 * on Ctrl-C (through {@link ShutdownSequence}); if our JVM is killed outright, the child notices
 * and exits by itself ({@link ExitWithParent}). So no child outlives the command that started it.
 */
public final class ChildJvm implements AutoCloseable {

  private static final Duration GRACE = Duration.ofSeconds(20);

  /**
   * What runs a child in a session of its own, where the system has {@code setsid}: Ctrl-C in a
   * terminal signals the whole foreground process group, and a child in ours would stop at once,
   * before {@link ShutdownSequence} has stopped what still uses it (the simulator's producer then
   * waited a minute for a broker that was gone). {@code setsid} execs the program in its place, so
   * the process we hold is the JVM itself; {@code -w} matters only where it has to fork.
   */
  static final List<String> SESSION_OF_ITS_OWN = sessionOfItsOwn();

  private final String name;
  private final Process process;
  private final Path logFile;
  private final ShutdownSequence.Step shutdownStep;

  private ChildJvm(String name, Process process, Path logFile) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
    this.shutdownStep = ShutdownSequence.register(name, this::stop);
  }

  /**
   * Starts {@code java [jvmArgs] mainClass [args]} with the Java that runs us, through {@link
   * ExitWithParent}, so that the child exits if we are killed before we can stop it.
   *
   * @param jvmArgs everything before the main class, class or module path included; the class
   *     path must hold {@link ExitWithParent} ({@link #childClassPath()} does, or add {@link
   *     ExitWithParent#location()})
   */
  public static ChildJvm start(
      String name, List<String> jvmArgs, String mainClass, List<String> args, Path workDir, Path logFile)
      throws IOException {
    List<String> command = new ArrayList<>(SESSION_OF_ITS_OWN);
    command.add(javaExecutable());
    command.addAll(jvmArgs);
    command.add(ExitWithParent.class.getName());
    command.add(Long.toString(ProcessHandle.current().pid()));
    command.add(mainClass);
    command.addAll(args);
    Files.createDirectories(logFile.getParent());
    Files.createDirectories(workDir);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    return new ChildJvm(name, builder.start(), logFile);
  }

  /** The class path of this JVM, for a child that runs classes we ship (such as kafka.Kafka). */
  public static String ownClassPath() {
    return System.getProperty("java.class.path");
  }

  /**
   * Our class path with manifest-only jars expanded, since a test runner such as Surefire may
   * start us from a jar whose manifest {@code Class-Path} names the real entries.
   */
  public static String childClassPath() {
    return expandManifestOnlyJars(ChildJvm.ownClassPath());
  }

  static String expandManifestOnlyJars(String classPath) {
    String[] entries = classPath.split(File.pathSeparator);
    Set<String> expanded = new LinkedHashSet<>();
    for (String entry : entries) {
      if (entry.isBlank()) {
        continue;
      }
      expanded.add(entry);
      boolean mayBeManifestOnly =
          entries.length == 1 || Path.of(entry).getFileName().toString().startsWith("surefire");
      if (mayBeManifestOnly && entry.endsWith(".jar")) {
        expanded.addAll(manifestClassPath(Path.of(entry)));
      }
    }
    return String.join(File.pathSeparator, expanded);
  }

  private static List<String> manifestClassPath(Path jar) {
    List<String> entries = new ArrayList<>();
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      String classPath =
          manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
      if (classPath == null) {
        return entries;
      }
      URI base = jar.toAbsolutePath().toUri();
      for (String relative : classPath.trim().split("\\s+")) {
        if (!relative.isEmpty()) {
          entries.add(Path.of(base.resolve(new URI(relative))).toString());
        }
      }
    } catch (IOException | URISyntaxException | IllegalArgumentException e) {
      // Not a readable jar or an odd entry: keep the jar itself, which the JVM also reads.
    }
    return entries;
  }

  /**
   * Writes {@code args} to a Java argument file ({@code java @file}), one quoted argument a line,
   * because the class path of a big application can outgrow the operating system's limit on one
   * command-line argument.
   */
  public static Path writeArgFile(Path file, List<String> args) throws IOException {
    StringBuilder text = new StringBuilder();
    for (String arg : args) {
      text.append('"').append(arg.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
    return file;
  }

  private static List<String> sessionOfItsOwn() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "setsid"))) {
        return List.of(Path.of(dir, "setsid").toString(), "-w");
      }
    }
    return List.of();
  }

  static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path logFile() {
    return logFile;
  }

  /** Fails with a message that points at the log when the child has already exited. */
  public void checkAlive() {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          name + " exited with code " + process.exitValue() + "; see its log: " + logFile);
    }
  }

  /** Sends SIGTERM, waits for a clean exit, then SIGKILLs the child and all its descendants. */
  public void stop() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Kills the child at once with SIGKILL, as a crash would (for fault tests), waits until it is gone
   * and forgets its shutdown step; stopping it afterwards does nothing.
   */
  public void kill() {
    try {
      process.destroyForcibly().waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      close();
    }
  }

  @Override
  public void close() {
    stop();
    shutdownStep.cancel();
  }

  @Override
  public String toString() {
    return name + " (pid " + pid() + ", log " + logFile + ")";
  }

  /** The last 4 KiB of a log, for error messages that show why a child failed. */
  static String tail(Path logFile) {
    try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
      long length = file.length();
      int size = (int) Math.min(length, 4096);
      byte[] bytes = new byte[size];
      file.seek(length - size);
      file.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(log not readable: " + e + ")";
    }
  }
}
