package org.channelwatch.job;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Where checkpoints and savepoints are: local paths or URIs, and whether one can be restored. */
final class CheckpointLocations {
  /** The file Flink writes last into every complete checkpoint and savepoint. */
  static final String METADATA = "_metadata";

  private CheckpointLocations() {}

  /** The local path of {@code location} (a path, or a {@code file:} URI), or empty for a remote URI. */
  static Optional<Path> localPath(String location) {
    String value = location.trim();
    int colon = value.indexOf(':');
    // A scheme is two or more letters before "://" (a Windows drive letter is one).
    if (colon > 1 && value.startsWith("://", colon) && value.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
      String scheme = value.substring(0, colon);
      return scheme.equalsIgnoreCase("file") ? Optional.of(Path.of(URI.create(value))) : Optional.empty();
    }
    return Optional.of(Path.of(value));
  }

  /**
   * {@code location} as Flink takes it for a restore, after checking that a local one holds a
   * checkpoint or savepoint. A remote URI cannot be checked from here; Flink checks it when the
   * job starts.
   *
   * @throws IllegalArgumentException saying what to give instead when a local path holds none
   */
  static String restorable(String location) throws IOException {
    Optional<Path> local = localPath(location);
    if (local.isEmpty()) {
      return location.trim();
    }
    Path path = local.get().toAbsolutePath().normalize();
    if (Files.isRegularFile(path) && path.getFileName().toString().equals(METADATA)) {
      return path.getParent().toUri().toString();
    }
    if (!Files.isDirectory(path)) {
      throw new IllegalArgumentException(
          "--restore-from " + location + ": there is no such directory; give a checkpoint (chk-N) or savepoint directory");
    }
    if (Files.isRegularFile(path.resolve(METADATA))) {
      return path.toUri().toString();
    }
    Optional<Path> newest = newestIn(path, p -> true);
    throw new IllegalArgumentException(
        "--restore-from " + location + " holds no checkpoint or savepoint (no " + METADATA + " file in it)"
            + newest.map(p -> "; the newest checkpoint under it is " + p).orElse(
                "; give a checkpoint (chk-N) or savepoint directory, which holds a " + METADATA + " file"));
  }

  /**
   * The newest complete checkpoint or savepoint (a directory with {@code _metadata}) under {@code
   * dir} that {@code accept}s.
   */
  static Optional<Path> newestIn(Path dir, Predicate<Path> accept) throws IOException {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.walk(dir, 3)) {
      return files
          .filter(p -> p.getFileName().toString().equals(METADATA))
          .map(Path::getParent)
          .filter(accept)
          .max(Comparator.comparingLong(CheckpointLocations::lastModified));
    }
  }

  private static long lastModified(Path checkpoint) {
    try {
      return Files.getLastModifiedTime(checkpoint.resolve(METADATA)).toMillis();
    } catch (IOException e) {
      return Long.MIN_VALUE;
    }
  }
}
