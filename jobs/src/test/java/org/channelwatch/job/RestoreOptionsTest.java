package org.channelwatch.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.channelwatch.connectors.elasticsearch.ElasticsearchSinkSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which state a start restores: --restore-from first, else the newest checkpoint of a local --checkpoint-dir. */
class RestoreOptionsTest {

  @TempDir Path dir;

  private static JobLauncher.Options options(String checkpointDir, String restoreFrom) {
    return new JobLauncher.Options(
        null, "events", "dead", "alerts", null, "group", 1, null, 0, 1, checkpointDir, restoreFrom,
        Duration.ofSeconds(10), "hashmap", JobSettings.defaults(), ElasticsearchSinkSettings.defaults(), null);
  }

  private Path checkpoint(String relative, long modifiedMillis) throws Exception {
    Path checkpoint = Files.createDirectories(dir.resolve(relative));
    Path metadata = Files.writeString(checkpoint.resolve("_metadata"), "x");
    Files.setLastModifiedTime(metadata, FileTime.fromMillis(modifiedMillis));
    return checkpoint;
  }

  @Test
  void resumesFromTheNewestCheckpointOfALocalDirectory() throws Exception {
    checkpoint("checkpoints/job-a/chk-3", 1_000);
    Path newest = checkpoint("checkpoints/job-b/chk-7", 2_000);

    Configuration conf = JobLauncher.flinkConfiguration(options(dir.resolve("checkpoints").toString(), null));

    assertThat(conf.get(StateRecoveryOptions.SAVEPOINT_PATH)).isEqualTo(newest.toUri().toString());
    assertThat(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isEqualTo(dir.resolve("checkpoints").toUri().toString());
  }

  @Test
  void restoreFromComesBeforeTheNewestCheckpoint() throws Exception {
    checkpoint("checkpoints/job-b/chk-7", 2_000);
    Path savepoint = checkpoint("savepoints/savepoint-1a2b3c", 1_000);

    Configuration conf =
        JobLauncher.flinkConfiguration(options(dir.resolve("checkpoints").toUri().toString(), savepoint.toString()));

    assertThat(conf.get(StateRecoveryOptions.SAVEPOINT_PATH)).isEqualTo(savepoint.toUri().toString());
    // A file: URI is a local directory too.
    assertThat(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isEqualTo(dir.resolve("checkpoints").toUri().toString());
  }

  @Test
  void aPathWithoutACheckpointIsRefusedWithTheNewestOneUnderIt() throws Exception {
    Path newest = checkpoint("checkpoints/job-b/chk-7", 2_000);

    assertThatThrownBy(() -> JobLauncher.flinkConfiguration(options(null, dir.resolve("checkpoints").toString())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("holds no checkpoint or savepoint")
        .hasMessageContaining(newest.toString());
    assertThatThrownBy(() -> JobLauncher.flinkConfiguration(options(null, dir.resolve("nothing-here").toString())))
        .hasMessageContaining("no such directory");
  }

  @Test
  void aRemoteCheckpointDirectoryIsUsedButNotSearched() throws Exception {
    Configuration conf = JobLauncher.flinkConfiguration(options("s3://channelwatch-state/checkpoints", null));
    assertThat(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isEqualTo("s3://channelwatch-state/checkpoints");
    assertThat(conf.getOptional(StateRecoveryOptions.SAVEPOINT_PATH)).isEmpty();

    Configuration restored =
        JobLauncher.flinkConfiguration(
            options("s3://channelwatch-state/checkpoints", "s3://channelwatch-state/savepoints/savepoint-1a2b3c"));
    assertThat(restored.get(StateRecoveryOptions.SAVEPOINT_PATH)).isEqualTo("s3://channelwatch-state/savepoints/savepoint-1a2b3c");
  }
}
