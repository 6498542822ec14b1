package org.channelwatch.cli;

import java.time.Duration;
import org.channelwatch.connectors.elasticsearch.ElasticsearchConnection;
import org.channelwatch.connectors.kafka.KafkaSettings;
import org.channelwatch.job.JobLauncher;
import org.channelwatch.job.JobSettings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** How the job runs: parallelism, checkpoints, state, and the contract's time settings. */
final class JobOptions {
  @Mixin IndicatorOptions indicators;
  @Mixin DetectionOptions detection;
  @Mixin SinkOptions sink;

  @Option(
      names = "--alert-topic",
      defaultValue = "${env:CHANNELWATCH_ALERT_TOPIC:-channelwatch.alerts}",
      description = "Topic for incident openings and resolutions (env CHANNELWATCH_ALERT_TOPIC; default ${DEFAULT-VALUE}).")
  String alertTopic;

  @Option(
      names = "--webhook-url",
      paramLabel = "URL",
      defaultValue = "${env:CHANNELWATCH_WEBHOOK_URL}",
      description = "POST every incident opening and resolution here, with an Idempotency-Key header (env CHANNELWATCH_WEBHOOK_URL; none by default).")
  String webhookUrl;

  @Option(
      names = "--parallelism",
      defaultValue = "${env:CHANNELWATCH_PARALLELISM:-1}",
      description = "Parallelism of the job (env CHANNELWATCH_PARALLELISM; default ${DEFAULT-VALUE}).")
  int parallelism;

  @Option(
      names = "--checkpoint-dir",
      paramLabel = "DIR|URI",
      defaultValue = "${env:CHANNELWATCH_CHECKPOINT_DIR}",
      description =
          "Keep checkpoints here: a local directory, or a URI such as s3://bucket/checkpoints or hdfs://... "
              + "(env CHANNELWATCH_CHECKPOINT_DIR). A local directory is also searched on start for the newest "
              + "checkpoint to resume from; a remote URI is not (use --restore-from). Without it, checkpoints "
              + "live in memory and a restart reads on from Kafka's committed offsets.")
  String checkpointDir;

  @Option(
      names = "--restore-from",
      paramLabel = "PATH|URI",
      defaultValue = "${env:CHANNELWATCH_RESTORE_FROM}",
      description =
          "Start from this checkpoint (a chk-N directory) or savepoint, before the newest checkpoint in "
              + "--checkpoint-dir (env CHANNELWATCH_RESTORE_FROM).")
  String restoreFrom;

  @Option(
      names = "--checkpoint-interval",
      defaultValue = "${env:CHANNELWATCH_CHECKPOINT_INTERVAL:-PT10S}",
      description = "Time between checkpoints, ISO-8601 (env CHANNELWATCH_CHECKPOINT_INTERVAL; default ${DEFAULT-VALUE}).")
  Duration checkpointInterval;

  @Option(
      names = "--state-backend",
      defaultValue = "${env:CHANNELWATCH_STATE_BACKEND:-rocksdb}",
      description = "rocksdb (large state, incremental checkpoints) or hashmap (env CHANNELWATCH_STATE_BACKEND; default ${DEFAULT-VALUE}).")
  String stateBackend;

  @Option(
      names = "--group-id",
      defaultValue = "${env:CHANNELWATCH_GROUP_ID:-channelwatch}",
      description = "Kafka consumer group (env CHANNELWATCH_GROUP_ID; default ${DEFAULT-VALUE}).")
  String groupId;

  @Option(
      names = "--dead-letter-topic",
      defaultValue = "${env:CHANNELWATCH_DEAD_LETTER_TOPIC:-channelwatch.deadletter}",
      description = "Topic for dead letters (env CHANNELWATCH_DEAD_LETTER_TOPIC; default ${DEFAULT-VALUE}).")
  String deadLetterTopic;

  @Option(
      names = "--partitions",
      defaultValue = "${env:CHANNELWATCH_PARTITIONS:-2}",
      description = "Partitions of topics ChannelWatch creates when missing (env CHANNELWATCH_PARTITIONS; default ${DEFAULT-VALUE}).")
  int partitions;

  @Option(
      names = "--replicas",
      defaultValue = "${env:CHANNELWATCH_REPLICAS:-0}",
      description = "Replicas per shard of our indices (env CHANNELWATCH_REPLICAS; default ${DEFAULT-VALUE}, right for one node).")
  int replicas;

  @Option(
      names = "--out-of-orderness",
      defaultValue = "${env:CHANNELWATCH_OUT_OF_ORDERNESS:-PT30S}",
      description = "How late events may arrive before their window closes (env CHANNELWATCH_OUT_OF_ORDERNESS; default ${DEFAULT-VALUE}).")
  Duration outOfOrderness;

  @Option(
      names = "--idleness",
      defaultValue = "${env:CHANNELWATCH_IDLENESS:-PT60S}",
      description = "After how long a quiet partition stops holding back event time (env CHANNELWATCH_IDLENESS; default ${DEFAULT-VALUE}).")
  Duration idleness;

  @Option(
      names = "--dedup-span",
      defaultValue = "${env:CHANNELWATCH_DEDUP_SPAN:-PT1H}",
      description = "How long, in event time, event ids are remembered to drop repeated deliveries (env CHANNELWATCH_DEDUP_SPAN; default ${DEFAULT-VALUE}).")
  Duration dedupSpan;

  @Option(
      names = "--metrics-port",
      paramLabel = "PORT[-PORT]",
      defaultValue = "${env:CHANNELWATCH_METRICS_PORT:-9249-9259}",
      description = "Port, or range to pick from, where Prometheus scrapes the job's metrics at /metrics; empty turns it off (env CHANNELWATCH_METRICS_PORT; default ${DEFAULT-VALUE}).")
  String metricsPorts;

  JobLauncher.Options launcherOptions(KafkaSettings kafka, String topic, ElasticsearchConnection elasticsearch) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("--parallelism must be at least 1");
    }
    return new JobLauncher.Options(
        kafka,
        topic,
        deadLetterTopic,
        alertTopic,
        webhookUrl,
        groupId,
        partitions,
        elasticsearch,
        replicas,
        parallelism,
        checkpointDir,
        restoreFrom,
        checkpointInterval,
        stateBackend,
        new JobSettings(outOfOrderness, idleness, dedupSpan, indicators.settings(), detection.settings()),
        sink.settings(),
        metricsPorts);
  }
}
